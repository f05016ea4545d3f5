import { useNavigate } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { authKindLabels, type ProfileView, type SecretState } from '../../../../shared/profiles';
import type { AppError } from '../../../../shared/result';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { PracticeBadge } from '../session/PracticeBadge';
import { ProfileForm } from './ProfileForm';
import { download } from '../../lib/download';
import { useHandbookStore } from '../handbook/store';
import { tenantOf, useSessionStore, type ImportOutcome } from '../session/store';

const secretText: Record<SecretState, string> = {
  stored: 'Stored in the keychain',
  session: 'Kept for this session only',
  missing: 'None yet',
  'built-in': 'Built in',
};

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

interface ProfilesSectionProps {
  /** A profile to open in the form at once, from the address. */
  openId: string | undefined;
}

/** The connection profiles: list, add, edit, duplicate, delete, sign in, export and import. */
export function ProfilesSection({ openId }: ProfilesSectionProps) {
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
  const [message, setMessage] = useState('');
  const [imported, setImported] = useState<ImportOutcome | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const confirmDelete = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (openId !== undefined) setEditing((current) => ({ id: openId, key: (current?.key ?? 0) + 1 }));
  }, [openId]);

  useEffect(() => {
    if (pendingDelete !== null) confirmDelete.current?.focus();
  }, [pendingDelete]);

  const clearMessages = (): void => {
    setError(null);
    setMessage('');
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
    if (result.ok) setMessage(`Added “${result.value.name}”, a copy of “${profile.name}”. The secret was not copied: type it in the copy.`);
    else setError(result.error);
  };

  const remove = async (profile: ProfileView): Promise<void> => {
    clearMessages();
    const result = await deleteProfile(profile.id);
    setPendingDelete(null);
    if (result.ok) {
      setMessage(`Deleted “${profile.name}” and its secret.`);
      if (editing?.id === profile.id) setEditing(null);
      addButton.current?.focus();
    } else setError(result.error);
  };

  const exportAll = async (): Promise<void> => {
    clearMessages();
    const result = await exportProfiles();
    if (!result.ok) return setError(result.error);
    if (result.value.count === 0) return setMessage('There is nothing to export yet: the Sandbox profile is built in and is not exported.');
    download(result.value.fileName, result.value.text, 'application/json');
    setMessage(`Exported ${plural(result.value.count, 'profile', 'profiles')} to ${result.value.fileName}. The file holds no secrets.`);
  };

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
      <h2 id="profiles-title">Profiles</h2>
      <p className="lead">
        A profile holds what the console needs to reach one SCM account: host, customer URI, login and sign-in method. Its secret is kept
        apart, in the keychain.{' '}
        <button type="button" className="link-button" onClick={() => openPanel('connecting#profiles')}>
          About profiles
        </button>
      </p>
      {secretStore === 'session' ? (
        <div className="notice" role="note">
          <p>
            <strong>No keychain can be reached.</strong> Secrets you type are kept in memory for this session only and never written to disk;
            you will type them again after a restart.{' '}
            <button type="button" className="link-button" onClick={() => openPanel('connecting#keychain')}>
              Why
            </button>
          </p>
        </div>
      ) : null}

      <div className="toolbar">
        <button ref={addButton} type="button" className="primary" onClick={() => openForm(null)}>
          Add profile
        </button>
        <button type="button" onClick={() => void exportAll()}>
          Export profiles
        </button>
        <button type="button" onClick={() => fileInput.current?.click()}>
          Import profiles…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json"
          hidden
          aria-label="Profiles file to import"
          onChange={(event) => void importFile(event.target.files?.[0])}
        />
      </div>

      <p className="status" role="status" aria-live="polite">
        {message}
      </p>
      {imported === null ? null : (
        <div className="import-outcome" role="status">
          <p>
            Imported {plural(imported.added.length, 'profile', 'profiles')}
            {imported.added.length === 0 ? '.' : `: ${imported.added.join(', ')}.`} Type each one’s secret before signing in.
          </p>
          {imported.renamed.length === 0 ? null : (
            <>
              <p>Renamed, because a profile of that name exists:</p>
              <ul>
                {imported.renamed.map((rename) => (
                  <li key={rename.to}>
                    “{rename.from}” → “{rename.to}”
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {error === null ? null : <ErrorMessage error={error} />}

      {!loaded ? (
        <p aria-busy="true">Loading…</p>
      ) : (
        <div className="table-scroll">
          <table className="profile-table">
            <caption className="visually-hidden">Connection profiles</caption>
            <thead>
              <tr>
                <th scope="col">Profile</th>
                <th scope="col">Tenant</th>
                <th scope="col">Sign-in method</th>
                <th scope="col">Secret</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {profiles.map((profile) => {
                const inUse = session?.profileId === profile.id && session.status === 'signed-in';
                return (
                  <tr key={profile.id} data-profile-id={profile.id}>
                    <th scope="row">
                      {profile.name} {profile.kind === 'sandbox' ? <PracticeBadge /> : null} {inUse ? <span className="badge">Signed in</span> : null}
                    </th>
                    <td>{tenantOf(profile)}</td>
                    <td>{authKindLabels[profile.authKind]}</td>
                    <td>{secretText[profile.secret]}</td>
                    <td className="row-actions">
                      {pendingDelete === profile.id ? (
                        <span className="confirm" role="group" aria-label={`Confirm deleting ${profile.name}`}>
                          <span>Delete “{profile.name}” and its secret?</span>{' '}
                          <button ref={confirmDelete} type="button" className="danger" onClick={() => void remove(profile)}>
                            Delete
                          </button>{' '}
                          <button type="button" onClick={() => setPendingDelete(null)}>
                            Keep
                          </button>
                        </span>
                      ) : (
                        <>
                          <button type="button" onClick={() => signInTo(profile)}>
                            Sign in
                          </button>
                          {profile.kind === 'sandbox' ? (
                            <span className="field-hint"> Built in; choose its admin on the Home page.</span>
                          ) : (
                            <>
                              <button type="button" onClick={() => openForm(profile.id)}>
                                Edit
                              </button>
                              <button type="button" onClick={() => void duplicate(profile)}>
                                Duplicate
                              </button>
                              <button type="button" className="danger-outline" onClick={() => setPendingDelete(profile.id)}>
                                Delete
                              </button>
                            </>
                          )}
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {editing !== null && loaded && (editing.id === null || profiles.some((profile) => profile.id === editing.id)) ? (
        <ProfileForm key={editing.key} profileId={editing.id} onClose={closeForm} />
      ) : null}
    </section>
  );
}
