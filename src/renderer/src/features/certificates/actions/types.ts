import type { CertificateActionResult, CertificateRow } from '../../../../../shared/certificates';

/** What every action's dialog is given: the certificate, and where its outcome goes. */
export interface ActionDialogProps {
  certificate: CertificateRow;
  onClose: () => void;
  /** SCM did it (or accepted it): the dialog is done. */
  onDone: (result: CertificateActionResult) => void;
}

/** How a certificate is named to people: its common name, else its first name, else its id (as main names it too). */
export function nameOf(certificate: Pick<CertificateRow, 'commonName' | 'names' | 'id'>): string {
  return certificate.commonName || certificate.names[0] || `#${certificate.id}`;
}
