import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateAction, CertificateActionResult, CertificateRow, SavedFile } from '../../../../shared/certificates';
import { downloadFile } from '../../lib/download';
import { StatusMessage } from '../../ui/StatusMessage';
import { CollectDialog } from './actions/CollectDialog';
import { CsrDialog } from './actions/CsrDialog';
import { MessageDialog } from './actions/MessageDialog';
import { Pkcs12Dialog } from './actions/Pkcs12Dialog';
import { RevokeDialog } from './actions/RevokeDialog';
import { nameOf, type ActionDialogProps } from './actions/types';
import './certificates.css';

/** The dialog of one action on one certificate. */
export function ActionDialog({ action, ...props }: ActionDialogProps & { action: CertificateAction }) {
  switch (action) {
    case 'collect':
      return <CollectDialog {...props} />;
    case 'pkcs12':
      return <Pkcs12Dialog {...props} />;
    case 'renew':
    case 'replace':
      return <CsrDialog {...props} action={action} />;
    case 'revoke':
      return <RevokeDialog {...props} />;
    case 'approve':
    case 'decline':
      return <MessageDialog {...props} action={action} />;
  }
}

/** What an action did, as it is shown beside the buttons: its outcome, the files saved and the new certificate. */
export interface ActionOutcomeRecord {
  action: CertificateAction;
  certificate: CertificateRow;
  result: CertificateActionResult;
}

/** Whether a result's files are a private key made on this computer (a renewal or a replacement with a new key). */
function holdsNewKey(record: ActionOutcomeRecord): boolean {
  return (record.action === 'renew' || record.action === 'replace') && record.result.files.length > 0;
}

/** Saves what an action handed back, at once: the console keeps none of it. */
export function saveFiles(files: readonly SavedFile[]): void {
  for (const file of files) downloadFile(file);
}

/**
 * The outcome of an action in the user's language, announced to screen
 * readers, with the files it saved (and a way to save them again) and, after
 * a renewal, a link to the new certificate.
 */
export function ActionOutcome({ record, onOpen }: { record: ActionOutcomeRecord; onOpen: (key: string) => void }) {
  const { t } = useTranslation();
  const { result, certificate } = record;
  const newKey = holdsNewKey(record);
  const box = useRef<HTMLDivElement>(null);
  // The dialog that caused it has closed: the focus comes here, to what happened.
  useEffect(() => box.current?.focus(), [record]);
  return (
    <div ref={box} tabIndex={-1} className={newKey ? 'warning cert-outcome' : 'import-outcome cert-outcome'}>
      <StatusMessage>
        {t(`certificateActions.outcomes.${result.outcome}`, { name: nameOf(certificate) })}
        {result.files.map((file) => ` ${t('certificateActions.outcome.saved', { file: file.fileName })}`).join('')}
      </StatusMessage>
      {newKey ? (
        <>
          <p>
            <strong>{t('certificateActions.outcome.keyTitle')}</strong>
          </p>
          <p>{t('certificateActions.outcome.keyBody', { file: result.files.map((file) => file.fileName).join(', ') })}</p>
        </>
      ) : null}
      {result.files.length === 0 ? null : (
        <p className="row-actions">
          {result.files.map((file) => (
            <button key={file.fileName} type="button" onClick={() => downloadFile(file)}>
              {t('certificateActions.outcome.saveAgain', { file: file.fileName })}
            </button>
          ))}
        </p>
      )}
      {result.newKey === null ? null : (
        <p>
          {t('certificateActions.outcome.newCertificate')}{' '}
          <a
            href={`#/certificates?cert=${encodeURIComponent(result.newKey)}`}
            onClick={(event) => {
              event.preventDefault();
              onOpen(result.newKey!);
            }}
          >
            {t('certificateActions.outcome.openNew', { key: result.newKey })}
          </a>
        </p>
      )}
    </div>
  );
}
