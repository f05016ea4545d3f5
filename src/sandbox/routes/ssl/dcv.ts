import { createHash } from 'node:crypto';
import { ok, type Route, type RouteContext } from '../../context';
import { closestDomains, domainBase } from '../../coverage';
import { dcvTime } from '../../dates';
import { settleDomain } from '../../lifecycle';
import type { SslCertificate } from '../../state/model';
import { certificateFromPath } from './certificates';
import { certificateNames } from './enrollment';

/* The domain validation a certificate waits for, per name, with what to publish. */

function dcvView(context: RouteContext, certificate: SslCertificate) {
  const log: Record<string, unknown>[] = [];
  const instructions: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  const key = certificate.publicKey ?? context.store.seedCertificateKey;
  for (const name of certificateNames(certificate.commonName, certificate.subjectAlternativeNames)) {
    const lower = name.toLowerCase();
    const domain = closestDomains(context.store.domains.values(), lower)[0];
    if (domain !== undefined && settleDomain(domain, context.now)) context.store.changed();
    const domainName = domain === undefined ? lower.replace(/^\*\./, '') : domainBase(domain.name);
    if (seen.has(domainName)) continue;
    seen.add(domainName);
    const validation = domain?.validation;
    const validated = validation?.status === 'VALIDATED' && (validation.expires === null || validation.expires > context.now);
    const lastCheck = validation?.lastCheck ?? certificate.requested;
    log.push({
      dcvStatus: validated ? 'Validated' : validation?.status === 'EXPIRED' ? 'Expired' : 'Awaiting Validation',
      domainName,
      lastCheck: dcvTime(lastCheck),
      nextCheck: validated ? null : dcvTime(Math.max(lastCheck, context.now) + 3_600_000),
      dcvDate: validated ? dcvTime(validation?.validated ?? null) : null,
      dcvEmailRefNumber: validation?.emailReference ?? null,
    });
    if (validated) continue;
    const hash = createHash('sha256').update(`${key}:${domainName}`).digest('hex');
    const mode = certificate.dcvMode === '' || certificate.dcvMode === 'AUTO' ? 'CNAME' : certificate.dcvMode;
    if (mode === 'CNAME' || mode === 'TXT') {
      const md5 = createHash('md5').update(`${key}:${domainName}`).digest('hex');
      instructions.push({ domainName, dcvMode: mode, host: `_${md5}.${domainName}.`, point: `${hash.slice(0, 32)}.${hash.slice(32)}.sectigo.com.` });
    } else if (mode === 'HTTP' || mode === 'HTTPS') {
      const file = `${createHash('md5').update(`${key}:${domainName}`).digest('hex').toUpperCase()}.txt`;
      instructions.push({ domainName, dcvMode: mode, url: `${mode.toLowerCase()}://${domainName}/.well-known/pki-validation/${file}`, file: `${hash}\nsectigo.com` });
    } else {
      instructions.push({ domainName, dcvMode: mode, dcvEmail: validation?.email || `admin@${domainName}` });
    }
  }
  return { dcvLog: { error: { code: 0, description: null }, log }, instructions };
}

export const sslDcvRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/ssl/v1/{sslId}/dcv',
    handler: (context) => ok(dcvView(context, certificateFromPath(context))),
  },
  {
    method: 'POST',
    path: '/api/ssl/v1/{sslId}/dcv/recheck',
    handler(context) {
      const certificate = certificateFromPath(context);
      return { status: 202, body: { dcvLog: dcvView(context, certificate).dcvLog } };
    },
  },
];
