import { useNavigate } from '@tanstack/react-router';
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileView } from '../../../../shared/profiles';
import type { AppError } from '../../../../shared/result';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { PracticeBadge } from '../session/PracticeBadge';
import { ProfileForm } from './ProfileForm';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { download } from '../../lib/download';
import { useHandbookStore } from '../handbook/store';
import { tenantOf, useSessionStore, type ImportOutcome } from '../session/store';

/** Rows drawn at first, and added by each “Show more”: thousands of rows with their buttons take seconds to draw. */
const pageSize = 100;
/** From this many profiles on, a search field helps find one. */
const findFrom = 10;

/** Whether a profile matches every word typed, in its name, host, customer URI or login. */
function matches(profile: ProfileView, words: readonly string[]): boolean {
  const text = `${profile.name} ${profile.host} ${profile.customerUri} ${profile.login ?? ''} ${tenantOf(profile)}`.toLocaleLowerCase();
  return words.every((word) => text.includes(word));
}

/** What the last action did, as its words' key and values, so that it follows a change of language. */
interface Said {
  key: 'duplicated' | 'deleted' | 'nothingToExport' | 'exported';
  values?: Record<string, string | number>;
}

interface ProfilesSectionProps {
  /** A profile to open in the form at once, from the address. */
  openId: string | undefined;
}

/** The connection profiles: list, add, edit, duplicate, delete, sign in, export and import. */
export function ProfilesSection({ openId }: ProfilesSectionProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const profiles = useSessionStore((state) => state.profiles);
  const loaded = useSessionStore((state) => state.profilesLoaded);
  const secretStore = useSessionStore((state) => state.secretStore);
  const session = useSessionStore((state) => state.session);
  const signIn = useSessionStore((state) => state.signIn);
  const duplicateProfile = useSessionStore((state) => state.duplicateProfile);
  const deleteProfile = useSessionStore((state) => state.deleteProfile);
  const exportProfiles = useSessionStore((state) => state.exportProfiles);
  const importProfiles = useSessionStore((state) => state.importProfiles);
  const openPanel = useHandbookStore((state) => state.openPanel);
  const [editing, setEditing] = useState<{ id: string | null; key: number } | null>(null);
  const [pendingDelete, setPendingDelete] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [said, setSaid] = useState<Said | null>(null);
  const [imported, setImported] = useState<ImportOutcome | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState(pageSize);
  const findId = useId();
  const typed = useDeferredValue(query);
  const words = useMemo(() => typed.toLocaleLowerCase().split(/\s+/).filter((word) => word !== ''), [typed]);
  const matching = useMemo(() => (words.length === 0 ? profiles : profiles.filter((profile) => matches(profile, words))), [profiles, words]);
  const visible = matching.slice(0, shown);

  useEffect(() => {
    if (openId !== undefined) setEditing((current) => ({ id: openId, key: (current?.key ?? 0) + 1 }));
  }, [openId]);


  const clearMessages = (): void => {
    setError(null);
    setSaid(null);
    setImported(null);
  };

  const openForm = (id: string | null): void => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    clearMessages();
    setEditing((current) => ({ id, key: (current?.key ?? 0) + 1 }));
  };

  const closeForm = (): void => {
    setEditing(null);
    if (openId !== undefined) void navigate({ to: '/settings/profiles' });
    const back = opener.current;
    window.setTimeout(() => (back?.isConnected ? back : addButton.current)?.focus(), 0);
  };

  const signInTo = (profile: ProfileView): void => {
    void navigate({ to: '/home' });
    void signIn(profile.id);
  };

  const duplicate = async (profile: ProfileView): Promise<void> => {
    clearMessages();
    const result = await duplicateProfile(profile.id);
    if (result.ok) setSaid({ key: 'duplicated', values: { copy: result.value.name, name: profile.name } });
    else setError(result.error);
  };

  const remove = async (profile: ProfileView): Promise<void> => {
    clearMessages();
    const result = await deleteProfile(profile.id);
    setPendingDelete(null);
    if (result.ok) {
      setSaid({ key: 'deleted', values: { name: profile.name } });
      if (editing?.id === profile.id) setEditing(null);
      addButton.current?.focus();
    } else setError(result.error);
  };

  const exportAll = async (): Promise<void> => {
    clearMessages();
    const result = await exportProfiles();
    if (!result.ok) return setError(result.error);
    if (result.value.count === 0) return setSaid({ key: 'nothingToExport' });
    download(result.value.fileName, result.value.text, 'application/json');
    setSaid({ key: 'exported', values: { count: result.value.count, file: result.value.fileName } });
  };

  // A few names say which; thousands would bury the page.
  const namesOf = (names: readonly string[]): string =>
    names.length <= 10 ? names.join(', ') : t('settings.list.andMore', { names: names.slice(0, 10).join(', '), count: names.length - 10 });

  const importFile = async (file: File | undefined): Promise<void> => {
    if (fileInput.current !== null) fileInput.current.value = '';
    if (file === undefined) return;
    clearMessages();
    const result = await importProfiles(await file.text());
    if (result.ok) setImported(result.value);
    else setError(result.error);
  };

  return (
    <section aria-labelledby="profiles-title" className="profiles">
      <h2 id="profiles-title">{t('settings.profiles')}</h2>
      <p className="lead">
        {t('settings.list.lead')}{' '}
        <button type="button" className="link-button" onClick={() => openPanel('connecting#profiles')}>
          {t('settings.list.aboutProfiles')}
        </button>
      </p>
      {/* Nothing that can be pressed shows before the list has loaded: what loads with it would move the buttons under the pointer. */}
      {loaded && secretStore === 'session' ? (
        <div className="notice" role="note">
          <p>
            <strong>{t('settings.list.noKeychain')}</strong> {t('settings.list.noKeychainText')}{' '}
            <button type="button" className="link-button" onClick={() => openPanel('connecting#keychain')}>
              {t('settings.list.why')}
            </button>
          </p>
        </div>
      ) : null}

      <div className="toolbar" hidden={!loaded}>
        <button ref={addButton} type="button" className="primary" onClick={() => openForm(null)}>
          {t('settings.list.add')}
        </button>
        <button type="button" onClick={() => void exportAll()}>
          {t('settings.list.export')}
        </button>
        <button type="button" onClick={() => fileInput.current?.click()}>
          {t('settings.list.import')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json"
          hidden
          aria-label={t('settings.list.importFile')}
          onChange={(event) => void importFile(event.target.files?.[0])}
        />
      </div>

      <p className="status" role="status" aria-live="polite">
        {said === null ? '' : t(`settings.list.${said.key}`, said.values ?? {})}
      </p>
      {imported === null ? null : (
        <div className="import-outcome" role="status">
          <p>
            {imported.added.length === 0
              ? t('settings.list.importedNone')
              : t('settings.list.imported', { count: imported.added.length, names: namesOf(imported.added) })}{' '}
            {t('settings.list.typeSecrets')}
          </p>
          {imported.renamed.length === 0 ? null : (
            <>
              <p>{t('settings.list.renamed')}</p>
              <ul>
                {imported.renamed.map((rename) => (
                  <li key={rename.to}>{t('settings.list.rename', { from: rename.from, to: rename.to })}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {error === null ? null : <ErrorMessage error={error} />}

      {loaded && profiles.length >= findFrom ? (
        <div className="field profile-find">
          <label htmlFor={findId}>{t('settings.list.find')}</label>
          <input
            id={findId}
            type="search"
            value={query}
            maxLength={200}
            aria-describedby={`${findId}-hint ${findId}-count`}
            onChange={(event) => {
              setQuery(event.target.value);
              setShown(pageSize);
            }}
          />
          <p id={`${findId}-hint`} className="field-hint">
            {t('settings.list.findHint')}
          </p>
          <p id={`${findId}-count`} className="status" role="status" aria-live="polite">
            {words.length === 0
              ? ''
              : matching.length === 0
                ? t('settings.list.noneMatch', { query: typed.trim() })
                : t('settings.list.matching', { count: matching.length, total: profiles.length })}
          </p>
        </div>
      ) : null}

      {!loaded ? (
        <p aria-busy="true">{t('app.loading')}</p>
      ) : (
        <div className="table-scroll">
          <table className="profile-table">
            <caption className="visually-hidden">{t('settings.list.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('settings.list.columns.profile')}</th>
                <th scope="col">{t('settings.list.columns.tenant')}</th>
                <th scope="col">{t('settings.list.columns.method')}</th>
                <th scope="col">{t('settings.list.columns.secret')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('settings.list.columns.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {visible.map((profile) => {
                const inUse = session?.profileId === profile.id && session.status === 'signed-in';
                return (
                  <tr key={profile.id} data-profile-id={profile.id}>
                    <th scope="row">
                      {profile.name} {profile.kind === 'sandbox' ? <PracticeBadge /> : null} {inUse ? <span className="badge">{t('settings.list.signedIn')}</span> : null}
                    </th>
                    <td>{tenantOf(profile)}</td>
                    <td>{t(`settings.methods.${profile.authKind}`)}</td>
                    <td>{t(`settings.secretStates.${profile.secret}`)}</td>
                    <td className="row-actions">
                      {pendingDelete === profile.id ? (
                        <ConfirmDialog
                          title={t('settings.list.deleteQuestion', { name: profile.name })}
                          confirmLabel={t('settings.list.delete')}
                          typeToConfirm={profile.name}
                          onConfirm={() => void remove(profile)}
                          onCancel={() => setPendingDelete(null)}
                        >
                          <p>{t('settings.list.deleteBody')}</p>
                        </ConfirmDialog>
                      ) : null}
                      <button type="button" onClick={() => signInTo(profile)}>
                        {t('settings.list.signIn')}
                      </button>
                      {profile.kind === 'sandbox' ? (
                        <span className="field-hint"> {t('settings.list.builtIn')}</span>
                      ) : (
                        <>
                          <button type="button" onClick={() => openForm(profile.id)}>
                            {t('settings.list.edit')}
                          </button>
                          <button type="button" onClick={() => void duplicate(profile)}>
                            {t('settings.list.duplicate')}
                          </button>
                          <button type="button" className="danger-outline" onClick={() => setPendingDelete(profile.id)}>
                            {t('settings.list.delete')}
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {matching.length > visible.length ? (
            <p className="table-more">
              {t('settings.list.showing', { shown: visible.length, count: matching.length })}{' '}
              <button type="button" onClick={() => setShown((current) => current + pageSize)}>
                {t('settings.list.showMore', { more: Math.min(pageSize, matching.length - visible.length) })}
              </button>
            </p>
          ) : null}
        </div>
      )}

      {editing !== null && loaded && (editing.id === null || profiles.some((profile) => profile.id === editing.id)) ? (
        <ProfileForm key={editing.key} profileId={editing.id} onClose={closeForm} />
      ) : null}
    </section>
  );
}
