import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { revocationReasonCodes, type CodeSigningRow } from '../../../../shared/certificates';
import type { AppError } from '../../../../shared/result';
import { formatDate } from '../../lib/format';
import { ApiError, invalidate, request, useApiQuery } from '../../lib/query';
import { Dialog } from '../../ui/Dialog';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { Field } from '../../ui/Field';
import { StatusMessage } from '../../ui/StatusMessage';
import { useHandbookStore } from '../handbook/store';
import { reasonCodeOf } from './actions/RevokeDialog';
import './certificates.css';

/** Whether SCM already reports a code-signing certificate as revoked. */
function isRevoked(row: CodeSigningRow): boolean {
  return row.revoked !== null || row.status.toLowerCase() === 'revoked';
}

/**
 * Code-signing certificates as SCM reports them. SCM's REST API cannot order
 * or collect them; it can only record that one was revoked at the CA, which
 * is what this view offers.
 */
export function CodeSigningPanel(props: { live: boolean }) {
  const { live } = props;
  const { t } = useTranslation();
  const openPanel = useHandbookStore((state) => state.openPanel);
  const titleId = useId();
  const list = useApiQuery('certificates:codeSigning', undefined, { enabled: live, staleTime: 0 });
  const [recording, setRecording] = useState<CodeSigningRow | null>(null);
  const [said, setSaid] = useState('');
  const rows = list.data?.rows ?? [];

  return (
    <section aria-labelledby={titleId} className="code-signing">
      <h2 id={titleId}>{t('certificateActions.codeSigning.title')}</h2>
      <p>
        {t('certificateActions.codeSigning.lead')}{' '}
        <button type="button" className="link-button" onClick={() => openPanel('code-signing')}>
          {t('certificateActions.codeSigning.handbook')}
        </button>
      </p>
      {!live ? (
        <p className="notice">{t('certificateActions.codeSigning.notLive')}</p>
      ) : list.error !== null ? (
        <ErrorMessage error={list.error.error} />
      ) : list.data === undefined ? (
        <p role="status" className="status">
          <span className="spinner" aria-hidden="true" /> {t('certificateActions.codeSigning.reading')}
        </p>
      ) : rows.length === 0 ? (
        <p className="blankslate">{t('certificateActions.codeSigning.none')}</p>
      ) : (
        <>
          <p className="table-count">{t('certificateActions.codeSigning.count', { count: rows.length })}</p>
          <div className="table-scroll cert-cs-scroll">
            <table className="profile-table cert-cs-table">
              <caption className="visually-hidden">{t('certificateActions.codeSigning.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('certificateActions.codeSigning.columns.commonName')}</th>
                  <th scope="col">{t('certificateActions.codeSigning.columns.organization')}</th>
                  <th scope="col">{t('certificateActions.codeSigning.columns.status')}</th>
                  <th scope="col">{t('certificateActions.codeSigning.columns.expires')}</th>
                  <th scope="col">{t('certificateActions.codeSigning.columns.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    <th scope="row">
                      {row.commonName}
                      <span className="field-hint cert-cs-subject">{row.subject}</span>
                      <span className="field-hint cert-cs-subject">
                        {t('certificateActions.codeSigning.columns.serialNumber')}: <code className="cert-hex">{row.serialNumber}</code>
                      </span>
                      {row.owner === '' ? null : (
                        <span className="field-hint cert-cs-subject">
                          {t('certificateActions.codeSigning.columns.owner')}: {row.owner}
                        </span>
                      )}
                    </th>
                    <td>{row.orgName ?? (row.orgId === null ? '' : `#${row.orgId}`)}</td>
                    <td>
                      {row.status}
                      {row.revoked === null ? null : <span className="field-hint"> · {t('certificateActions.codeSigning.revokedOn', { date: formatDate(row.revoked) })}</span>}
                    </td>
                    <td>
                      {formatDate(row.expires)}
                      {row.issued === null ? null : <span className="field-hint cert-cs-subject">{t('certificateActions.codeSigning.issuedOn', { date: formatDate(row.issued) })}</span>}
                    </td>
                    <td>
                      {isRevoked(row) ? (
                        <span className="muted">{t('certificateActions.codeSigning.alreadyRevoked')}</span>
                      ) : (
                        <button type="button" onClick={() => setRecording(row)} aria-label={t('certificateActions.codeSigning.recordFor', { name: row.commonName })}>
                          {t('certificateActions.codeSigning.record')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {said === '' ? null : <StatusMessage>{said}</StatusMessage>}
      {recording === null ? null : (
        <RecordRevocationDialog
          row={recording}
          onClose={() => setRecording(null)}
          onDone={() => {
            setSaid(t('certificateActions.codeSigning.recorded', { name: recording.commonName }));
            setRecording(null);
            void invalidate('certificates:codeSigning');
          }}
        />
      )}
    </section>
  );
}

/** Records in SCM a revocation already done at the CA: the reason, and the common name typed again. */
function RecordRevocationDialog({ row, onClose, onDone }: { row: CodeSigningRow; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const base = useId();
  const summaryRef = useRef<HTMLDivElement>(null);
  const [reasonCode, setReasonCode] = useState('');
  const [reason, setReason] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<{ reasonCode?: string; reason?: string }>({});
  const [failure, setFailure] = useState<AppError | null>(null);
  const [sending, setSending] = useState(false);
  const matches = confirm === row.commonName;
  const chosen = reasonCodeOf(reasonCode);
  const idOf = (name: string): string => `${base}-${name}`;

  const send = async (): Promise<void> => {
    const found: { reasonCode?: string; reason?: string } = {};
    if (chosen === undefined) found.reasonCode = t('certificateActions.revoke.errors.reasonCode');
    if (reason.length > 512) found.reason = t('certificateActions.revoke.errors.reasonLong');
    setProblems(found);
    if (Object.keys(found).length > 0 || chosen === undefined) {
      window.setTimeout(() => summaryRef.current?.focus(), 0);
      return;
    }
    setFailure(null);
    setSending(true);
    try {
      await request('certificates:codeSigningRevoke', { id: row.id, reasonCode: chosen, reason: reason.trim(), confirm });
      onDone();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.error.field === 'reasonCode' || error.error.field === 'reason') setProblems({ [error.error.field]: error.error.message });
      else setFailure(error.error);
    } finally {
      setSending(false);
    }
  };

  const summary = [
    ...(problems.reasonCode === undefined ? [] : [{ id: idOf('reasonCode'), label: t('certificateActions.revoke.reasonCode'), message: problems.reasonCode }]),
    ...(problems.reason === undefined ? [] : [{ id: idOf('reason'), label: t('certificateActions.revoke.reasonOptional'), message: problems.reason }]),
  ];
  return (
    <Dialog
      title={t('certificateActions.codeSigning.dialogTitle', { name: row.commonName })}
      onClose={onClose}
      actions={
        <>
          <button type="submit" form={idOf('form')} className="danger" disabled={!matches || sending}>
            {sending ? t('certificateActions.codeSigning.recording') : t('certificateActions.codeSigning.submit')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      <form
        id={idOf('form')}
        className="cert-action-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <p className="confirm">{t('certificateActions.codeSigning.explain')}</p>
        <ErrorSummary ref={summaryRef} items={summary} title={t('certificateActions.form.summary', { count: summary.length })} />
        <Field id={idOf('reasonCode')} label={t('certificateActions.revoke.reasonCode')} hint={chosen === undefined ? t('certificateActions.revoke.reasonCodeHint') : t(`certificateActions.revoke.explain.r${chosen}`)} error={problems.reasonCode}>
          {(describedBy, invalid) => (
            <select id={idOf('reasonCode')} className="cert-wide-select" value={reasonCode} aria-describedby={describedBy} aria-invalid={invalid} onChange={(event) => setReasonCode(event.target.value)}>
              <option value="">{t('certificateActions.revoke.choose')}</option>
              {revocationReasonCodes.map((code) => (
                <option key={code} value={String(code)}>
                  {t(`certificateActions.revoke.reasons.r${code}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={idOf('reason')} label={t('certificateActions.revoke.reasonOptional')} hint={t('certificateActions.codeSigning.reasonHint')} error={problems.reason}>
          {(describedBy, invalid) => <input id={idOf('reason')} value={reason} maxLength={600} autoComplete="off" aria-describedby={describedBy} aria-invalid={invalid} onChange={(event) => setReason(event.target.value)} />}
        </Field>
        <Field id={idOf('confirm')} label={t('certificateActions.revoke.confirm', { name: row.commonName })} hint={t('certificateActions.codeSigning.confirmHint')}>
          {(describedBy) => <input id={idOf('confirm')} value={confirm} autoComplete="off" spellCheck={false} maxLength={256} aria-describedby={describedBy} onChange={(event) => setConfirm(event.target.value)} />}
        </Field>
        {failure === null ? null : <ErrorMessage error={failure} />}
      </form>
    </Dialog>
  );
}
