import type { SandboxCa } from './ca';
import { newSerialNumber } from './certificateForms';
import { dayMs } from './dates';
import type { Domain, SmimeCertificate, SslCertificate } from './state/model';
import type { SandboxStore } from './state/store';

/**
 * Moves an SSL certificate along with time, as SCM does in the background:
 * Applied becomes Issued once its issue time has come; Issued becomes Expired
 * after its end date. Returns whether anything changed.
 */
export function settleSsl(certificate: SslCertificate, now: number): boolean {
  const before = certificate.status;
  if (certificate.status === 'Applied' && certificate.issueAt !== null && certificate.issueAt <= now) {
    certificate.status = 'Issued';
    certificate.issued = certificate.issueAt;
    certificate.expires = certificate.issueAt + certificate.term * dayMs;
    certificate.issueAt = null;
  }
  if (certificate.status === 'Issued' && certificate.expires !== null && certificate.expires <= now) certificate.status = 'Expired';
  return certificate.status !== before;
}

export function settleSmime(certificate: SmimeCertificate, now: number): boolean {
  if (certificate.state === 'requested' && certificate.issueAt !== null && certificate.issueAt <= now) {
    certificate.state = 'issued';
    certificate.issued = certificate.issueAt;
    certificate.expires = certificate.issueAt + certificate.term * dayMs;
    certificate.issueAt = null;
    return true;
  }
  if ((certificate.state === 'issued' || certificate.state === 'downloaded') && certificate.expires !== null && certificate.expires <= now) {
    certificate.state = 'expired';
    return true;
  }
  return false;
}

/**
 * Brings an SSL certificate up to date in its store: `settleSsl`, and a
 * certificate being replaced becomes Replaced once its replacement is issued.
 * Every read does this first, through the API or through the sandbox's handle.
 */
export function settleSslInStore(store: SandboxStore, certificate: SslCertificate, now: number): void {
  let changed = settleSsl(certificate, now);
  if (certificate.status === 'Issued' && certificate.replacedById !== null) {
    const replacement = store.ssl.get(certificate.replacedById);
    if (replacement !== undefined) {
      settleSslInStore(store, replacement, now);
      if (replacement.issued !== null) {
        certificate.status = 'Replaced';
        certificate.replaced = replacement.issued;
        changed = true;
      }
    }
  }
  if (changed) store.changed();
}

/** Brings a client certificate up to date in its store; one issued without a serial yet gets one. */
export function settleSmimeInStore(store: SandboxStore, certificate: SmimeCertificate, now: number): void {
  let changed = false;
  while (settleSmime(certificate, now)) changed = true;
  if (certificate.issued !== null && certificate.serialNumber === '') {
    certificate.serialNumber = newSerialNumber();
    changed = true;
  }
  if (changed) store.changed();
}

/** A submitted DCV order completes when its time comes; a validation lapses at its expiry. */
export function settleDomain(domain: Domain, now: number): boolean {
  const validation = domain.validation;
  if (validation.orderStatus === 'SUBMITTED' && validation.completesAt !== null && validation.completesAt <= now) {
    validation.status = 'VALIDATED';
    validation.validated = validation.completesAt;
    validation.expires = validation.completesAt + 397 * dayMs;
    validation.orderStatus = 'NOT_INITIATED';
    validation.completesAt = null;
    validation.lastCheck = now;
    return true;
  }
  if (validation.status === 'VALIDATED' && validation.expires !== null && validation.expires <= now) {
    validation.status = 'EXPIRED';
    return true;
  }
  return false;
}

/** The PEM of an issued certificate, made on first collect and kept so it never changes. */
export async function certificatePem(
  store: SandboxStore,
  ca: SandboxCa,
  certificate: SslCertificate | SmimeCertificate,
  subject: { commonName: string; organization: string; unit: string; email?: string },
  altNames: { type: 'dns' | 'email'; value: string }[],
  purpose: 'server' | 'email',
  now: number,
): Promise<string> {
  if (certificate.certificatePem !== null) return certificate.certificatePem;
  const escape = (value: string) => value.replace(/([,+"\\<>;=])/g, '\\$1');
  const parts = [`CN=${escape(subject.commonName)}`];
  if (subject.unit !== '') parts.push(`OU=${escape(subject.unit)}`);
  parts.push(`O=${escape(subject.organization)}`);
  const issued = certificate.issued ?? now;
  certificate.certificatePem = await ca.issue({
    publicKey: certificate.publicKey ?? store.seedCertificateKey,
    subject: parts.join(', '),
    altNames,
    serialNumber: certificate.serialNumber,
    notBefore: new Date(issued),
    notAfter: new Date(certificate.expires ?? issued + certificate.term * dayMs),
    purpose,
  });
  store.changed();
  return certificate.certificatePem;
}
