import type { TFunction } from 'i18next';

/**
 * Main words why an action is not possible now (and why a bulk action skips
 * a certificate, and why a certificate could not be read) in English. The
 * sentences it uses are few; each known one is said here in the interface's
 * language, with its values. One it does not know stays as main wrote it.
 */
const known: readonly { pattern: RegExp; say: (t: TFunction, match: RegExpExecArray) => string }[] = [
  { pattern: /^There is no certificate to download while it is (.+)\.$/, say: (t, m) => t('certificateActions.reasons.noDownload', { status: m[1] }) },
  { pattern: /^Only an issued or expired certificate can be renewed; this one is (.+)\.$/, say: (t, m) => t('certificateActions.reasons.renew', { status: m[1] }) },
  { pattern: /^Only an issued certificate can be replaced; this one is (.+)\.$/, say: (t, m) => t('certificateActions.reasons.replace', { status: m[1] }) },
  { pattern: /^Only an issued certificate that has not ended can be revoked; this one is (.+)\.$/, say: (t, m) => t('certificateActions.reasons.revoke', { status: m[1] }) },
  { pattern: /^Client certificates are not approved through the API\.$/, say: (t) => t('certificateActions.reasons.smimeApproval') },
  { pattern: /^Only a certificate awaiting approval \(Requested\) can be approved; this one is (.*)\.$/, say: (t, m) => t('certificateActions.reasons.approve', { status: m[1] }) },
  { pattern: /^Only a certificate awaiting approval \(Requested\) can be declined; this one is (.*)\.$/, say: (t, m) => t('certificateActions.reasons.decline', { status: m[1] }) },
  { pattern: /^Your admin account does not have the privilege (\S+); an MRAO or RAO can grant it\.$/, say: (t, m) => t('certificateActions.reasons.privilege', { privilege: m[1] }) },
  { pattern: /^There is no certificate to read while it is (.+)\.$/, say: (t, m) => t('certificateActions.reasons.nothingToRead', { status: m[1] }) },
  { pattern: /^The certificate could not be downloaded to read it: (.+)$/, say: (t, m) => t('certificateActions.reasons.notDownloaded', { problem: m[1] }) },
  { pattern: /^The certificate SCM sent could not be read\.$/, say: (t) => t('certificateActions.reasons.unreadable') },
  { pattern: /^Offline: sign in to this profile to read the certificate from SCM and act on it\.$/, say: (t) => t('certificateActions.reasons.offline') },
];

export function reasonText(reason: string, t: TFunction): string {
  for (const entry of known) {
    const match = entry.pattern.exec(reason);
    if (match !== null) return entry.say(t, match);
  }
  return reason;
}
