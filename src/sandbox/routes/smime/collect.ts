import { isCollectFormat, renderCollect } from '../../collect';
import { download, type Route, type RouteContext, type RouteResult } from '../../context';
import { ScmError } from '../../errors';
import { bothVersions, certificateByOrder, collectableStates } from './certificates';
import { issuedPem } from './details';

/* Collect: the issued certificate in the format asked for, or why it cannot be had yet. */

async function collect(context: RouteContext, requestedFormat: string | null): Promise<RouteResult> {
  const certificate = certificateByOrder(context);
  const format = requestedFormat === null || requestedFormat === '' ? 'base64' : requestedFormat;
  if (!isCollectFormat(format)) throw new ScmError(400, -1450, `Unsupported certificate format: ${format}`);
  if (certificate.state === 'revoked' || certificate.state === 'pre_revoked') throw new ScmError(400, -110, 'Certificate has been revoked and cannot be downloaded.');
  if (certificate.state === 'rejected') throw new ScmError(400, -183, 'Certificate is not collectable.');
  if (!collectableStates.includes(certificate.state)) {
    const code = context.options.smimePendingCode;
    const description =
      code === -183 ? 'Certificate is not collectable.' : code === -1400 ? 'The request is being processed by Sectigo.' : 'Certificate is not available now, please try again later.';
    throw new ScmError(400, code, description);
  }
  const leaf = await issuedPem(context, certificate);
  const baseName = certificate.commonName.replace(/[^A-Za-z0-9.-]/g, '_') || certificate.backendCertId;
  const rendered = renderCollect(format, { leaf, intermediate: context.ca.intermediatePem, root: context.ca.rootPem }, baseName);
  return download(rendered.body, rendered.filename);
}

export const smimeCollectRoutes: Route[] = [
  ...bothVersions({ method: 'GET', path: '/api/smime/v1/collect/{backendCertId}', handler: (context) => collect(context, context.query.get('format')) }),
  ...bothVersions({ method: 'GET', path: '/api/smime/v1/collect/{backendCertId}/{format}', handler: (context) => collect(context, context.params.format ?? null) }),
];
