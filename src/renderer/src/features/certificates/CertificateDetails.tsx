import { useNavigate } from '@tanstack/react-router';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { certificateStates, type CertificateAction, type CertificateDetails as Details, type CertificateRow, type CertificateState } from '../../../../shared/certificates';
import { formatDate } from '../../lib/format';
import { invalidate, useApiQuery } from '../../lib/query';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useHandbookStore } from '../handbook/store';
import { ActionDialog, ActionOutcome, saveFiles, type ActionOutcomeRecord } from './ActionDialogs';
import { reasonText } from './actions/reasons';
import './certificates.css';

/** A state as a word, with SCM's own word beside it where the two differ. */
export function StateWord({ row }: { row: Pick<CertificateRow, 'state' | 'status'> }) {
  const { t } = useTranslation();
  const state: CertificateState = (certificateStates as readonly string[]).includes(row.state) ? row.state : 'other';
  return (
    <span className={`status-word cert-state-${state}`}>
      {t(`certificateActions.states.${state}`)}
      {row.status === '' ? null : <span className="muted"> ({row.status})</span>}
    </span>
  );
}

/** Days left until the end, or since it, as people say it. */
function DaysLeft({ days }: { days: number | null }) {
  const { t } = useTranslation();
  if (days === null) return null;
  return <>{days >= 0 ? t('common.daysLeft', { count: days }) : t('common.daysAgo', { count: -days })}</>;
}

/** A button for each action possible now, in a row; below, each one not possible, disabled, with why written beside it. */
function ActionButtons({ actions, idPrefix, onOpen }: { actions: Details['actions']; idPrefix: string; onOpen: (action: CertificateAction) => void }) {
  const { t } = useTranslation();
  const allowed = actions.filter((entry) => entry.allowed);
  const refused = actions.filter((entry) => !entry.allowed);
  const tone = (action: CertificateAction): string | undefined => (action === 'collect' || action === 'approve' ? 'primary' : action === 'revoke' || action === 'decline' ? 'danger-outline' : undefined);
  return (
    <>
      {allowed.length === 0 ? null : (
        <ul className="cert-actions cert-actions-allowed">
          {allowed.map((entry) => (
            <li key={entry.action}>
              <button type="button" className={tone(entry.action)} onClick={() => onOpen(entry.action)}>
                {t(`certificateActions.actionNames.${entry.action}`)}
              </button>
            </li>
          ))}
        </ul>
      )}
      {refused.length === 0 ? null : (
        <ul className="cert-actions">
          {refused.map((entry) => (
            <li key={entry.action}>
              <button type="button" disabled aria-describedby={entry.reason === null ? undefined : `${idPrefix}-why-${entry.action}`}>
                {t(`certificateActions.actionNames.${entry.action}`)}
              </button>
              {entry.reason === null ? null : (
                <span id={`${idPrefix}-why-${entry.action}`} className="cert-why-not">
                  {reasonText(entry.reason, t)}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children === '' || children === null || children === undefined ? <span className="muted">–</span> : children}</dd>
    </>
  );
}

/**
 * One certificate, read afresh from SCM: what the inventory says of it, what
 * the certificate file itself says, its history, everything SCM knows, and
 * what can be done to it now (or why not). Escape closes it.
 */
export function CertificateDetails(props: { certKey: string; live: boolean; profileId?: string | undefined; onClose(): void; onChanged(): void }) {
  const { certKey, live, profileId, onClose, onChanged } = props;
  const { t } = useTranslation();
  const navigate = useNavigate({ from: '/certificates' });
  const openPanel = useHandbookStore((state) => state.openPanel);
  // Offline (another profile's saved inventory), main answers from that cache and asks SCM nothing.
  const details = useApiQuery('certificates:details', { key: certKey, ...(live || profileId === undefined ? {} : { profileId }) }, { staleTime: 0 });
  const heading = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  const [open, setOpen] = useState<CertificateAction | null>(null);
  const [outcome, setOutcome] = useState<ActionOutcomeRecord | null>(null);

  useEffect(() => {
    heading.current?.focus();
    setOutcome(null);
    setOpen(null);
  }, [certKey]);

  const openCertificate = (key: string): void => void navigate({ search: (previous) => ({ ...previous, cert: key }) });
  const data: Details | undefined = details.data;
  const row = data?.row;

  const done = (action: CertificateAction, certificate: CertificateRow) => (result: ActionOutcomeRecord['result']) => {
    setOpen(null);
    saveFiles(result.files);
    setOutcome({ action, certificate, result });
    void invalidate('certificates:details');
    onChanged();
  };

  return (
    <aside
      className="details-panel cert-details"
      aria-labelledby={titleId}
      onKeyDown={(event) => {
        // Escape in an action's dialog closes the dialog, not the panel around it.
        if (event.key === 'Escape' && !event.defaultPrevented && (event.target as Element).closest('dialog') === null) onClose();
      }}
    >
      <header className="panel-header">
        <h2 id={titleId} ref={heading} tabIndex={-1}>
          {row === undefined ? t('certificateActions.details.titleUnknown') : t('certificateActions.details.title', { name: row.commonName === '' ? certKey : row.commonName })}
        </h2>
        <button type="button" onClick={onClose} aria-label={t('certificateActions.details.close')}>
          {t('common.close')}
        </button>
      </header>
      {details.error === null ? null : (
        <>
          {live ? null : <p className="notice">{t('certificateActions.details.offline')}</p>}
          <ErrorMessage error={details.error.error} />
        </>
      )}
      {data === undefined || row === undefined ? (
        details.isPending ? (
          <p role="status" className="status" aria-busy="true">
            <span className="spinner" aria-hidden="true" /> {t('certificateActions.details.reading')}
          </p>
        ) : null
      ) : (
        <>
          <section aria-labelledby={`${titleId}-actions`} className="cert-section">
            <h3 id={`${titleId}-actions`}>{t('certificateActions.details.actions')}</h3>
            {!live ? (
              <p className="notice">{t('certificateActions.details.notLive')}</p>
            ) : data.actions.length === 0 ? (
              <p className="muted">{t('certificateActions.details.noActions')}</p>
            ) : (
              <ActionButtons actions={data.actions} idPrefix={titleId} onOpen={setOpen} />
            )}
            {outcome === null ? null : <ActionOutcome record={outcome} onOpen={openCertificate} />}
            <p>
              <button type="button" className="link-button" onClick={() => openPanel('certificates')}>
                {t('certificateActions.form.handbook')}
              </button>
            </p>
          </section>

          <section aria-labelledby={`${titleId}-row`} className="cert-section">
            <h3 id={`${titleId}-row`}>{t('certificateActions.details.inventory')}</h3>
            <dl className="facts cert-facts">
              <Fact term={t('certificateActions.details.commonName')}>{row.commonName}</Fact>
              <Fact term={row.kind === 'smime' ? t('certificateActions.details.email') : t('certificateActions.details.names')}>
                {row.names.length === 0 ? '' : (
                  <ul className="plain-list">
                    {row.names.map((name) => (
                      <li key={name}>{name}</li>
                    ))}
                  </ul>
                )}
              </Fact>
              <Fact term={t('certificateActions.details.kind')}>{t(`certificateActions.kinds.${row.kind}`)}</Fact>
              <Fact term={t('certificateActions.details.state')}>
                <StateWord row={row} />
              </Fact>
              <Fact term={t('certificateActions.details.organization')}>{row.orgName ?? (row.orgId === null ? '' : `#${row.orgId}`)}</Fact>
              <Fact term={t('certificateActions.details.profile')}>{row.profileName ?? ''}</Fact>
              <Fact term={t('certificateActions.details.term')}>{row.term === null ? '' : t('certificateActions.details.termDays', { count: row.term })}</Fact>
              <Fact term={t('certificateActions.details.requested')}>{formatDate(row.requested)}</Fact>
              <Fact term={t('certificateActions.details.issued')}>{formatDate(row.issued)}</Fact>
              <Fact term={t('certificateActions.details.expires')}>
                {row.expires === null ? '' : (
                  <>
                    {formatDate(row.expires)}
                    {row.daysLeft === null ? null : (
                      <>
                        {' · '}
                        <DaysLeft days={row.daysLeft} />
                      </>
                    )}
                  </>
                )}
              </Fact>
              <Fact term={t('certificateActions.details.requester')}>{row.requester ?? ''}</Fact>
              <Fact term={t('certificateActions.details.serialNumber')}>{row.serialNumber === null ? '' : <code className="cert-hex">{row.serialNumber}</code>}</Fact>
              <Fact term={t('certificateActions.details.id')}>
                <code>{row.kind === 'smime' && row.backendCertId !== null ? t('certificateActions.details.idSmime', { id: row.id, order: row.backendCertId }) : String(row.id)}</code>
              </Fact>
            </dl>
          </section>

          <section aria-labelledby={`${titleId}-parsed`} className="cert-section">
            <h3 id={`${titleId}-parsed`}>{t('certificateActions.details.parsed')}</h3>
            {data.parsed === null ? (
              <p className="muted">{data.parsedNote === null ? t('certificateActions.details.noParsed') : reasonText(data.parsedNote, t)}</p>
            ) : (
              <dl className="facts cert-facts">
                <Fact term={t('certificateActions.details.subject')}>{data.parsed.subject}</Fact>
                <Fact term={t('certificateActions.details.issuer')}>{data.parsed.issuer}</Fact>
                <Fact term={t('certificateActions.details.parsedNames')}>
                  {data.parsed.names.length === 0 ? '' : (
                    <ul className="plain-list">
                      {data.parsed.names.map((name) => (
                        <li key={name}>{name}</li>
                      ))}
                    </ul>
                  )}
                </Fact>
                <Fact term={t('certificateActions.details.key')}>{data.parsed.key}</Fact>
                <Fact term={t('certificateActions.details.signatureAlgorithm')}>{data.parsed.signatureAlgorithm}</Fact>
                <Fact term={t('certificateActions.details.validity')}>{t('certificateActions.details.validFromTo', { from: formatDate(data.parsed.notBefore), to: formatDate(data.parsed.notAfter) })}</Fact>
                <Fact term={t('certificateActions.details.serialNumber')}>
                  <code className="cert-hex">{data.parsed.serialNumber}</code>
                </Fact>
                <Fact term={t('certificateActions.details.sha1')}>
                  <code className="cert-hex">{data.parsed.sha1}</code>
                </Fact>
                <Fact term={t('certificateActions.details.sha256')}>
                  <code className="cert-hex">{data.parsed.sha256}</code>
                </Fact>
                <Fact term={t('certificateActions.details.chain')}>
                  {data.parsed.chain.length === 0 ? '' : (
                    <ol className="cert-chain">
                      {data.parsed.chain.map((link, index) => (
                        <li key={`${index}-${link.subject}`}>
                          <span className="cert-chain-role">{index === 0 ? t('certificateActions.details.leaf') : index === data.parsed!.chain.length - 1 && link.subject === link.issuer ? t('certificateActions.details.root') : t('certificateActions.details.intermediate')}</span>{' '}
                          {link.subject}
                          <span className="field-hint cert-chain-issuer">{t('certificateActions.details.chainIssuer', { issuer: link.issuer, date: formatDate(link.notAfter) })}</span>
                        </li>
                      ))}
                    </ol>
                  )}
                </Fact>
              </dl>
            )}
          </section>

          <section aria-labelledby={`${titleId}-history`} className="cert-section">
            <h3 id={`${titleId}-history`}>{t('certificateActions.details.history')}</h3>
            {data.history.length === 0 ? (
              <p className="muted">{t('certificateActions.details.noHistory')}</p>
            ) : (
              <ul className="plain-list cert-history">
                {data.history.map((entry, index) => (
                  <li key={`${entry.relation}-${entry.key ?? index}`}>
                    {t(`certificateActions.details.relations.${entry.relation}`)}{' '}
                    {entry.key === null ? (
                      <strong>{entry.commonName}</strong>
                    ) : (
                      <a
                        href={`#/certificates?cert=${encodeURIComponent(entry.key)}`}
                        onClick={(event) => {
                          event.preventDefault();
                          openCertificate(entry.key!);
                        }}
                      >
                        {entry.commonName === '' ? entry.key : entry.commonName}
                      </a>
                    )}
                    {entry.date === null ? null : <> {t('certificateActions.details.on', { date: formatDate(entry.date) })}</>}
                    {entry.certain ? null : <span className="cert-inferred"> {t('certificateActions.details.inferred')}</span>}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <details className="cert-section cert-fields">
            <summary>{t('certificateActions.details.fields', { count: data.fields.length })}</summary>
            <p className="field-hint">{t('certificateActions.details.fieldsHint')}</p>
            <dl className="facts cert-facts">
              {data.fields.map((field) => (
                <Fact key={field.name} term={field.name}>
                  {field.value}
                </Fact>
              ))}
            </dl>
          </details>
        </>
      )}
      {open === null || row === undefined ? null : <ActionDialog action={open} certificate={row} onClose={() => setOpen(null)} onDone={done(open, row)} />}
    </aside>
  );
}
