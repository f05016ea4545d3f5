import { isCollectFormat, renderCollect } from '../../collect';
import { download, type Route, type RouteContext, type RouteResult } from '../../context';
import { ScmError } from '../../errors';
import { certificateFromPath, collectableStatuses, deadEndStatuses } from './certificates';
import { issuedPem } from './details';

/* Collect: the issued certificate in the format asked for, or why it cannot be had yet. */

async function collect(context: RouteContext, requestedFormat: string | null): Promise<RouteResult> {
  const certificate = certificateFromPath(context);
  const format = requestedFormat === null || requestedFormat === '' ? 'base64' : requestedFormat;
  if (!isCollectFormat(format)) throw new ScmError(400, -126, `Unknown SSL certificate file format requested: ${format}`);
  if (certificate.status === 'Revoked') throw new ScmError(400, -110, 'Certificate has been revoked and cannot be downloaded.');
  if (deadEndStatuses.includes(certificate.status)) throw new ScmError(400, -130, `SSL state is not 'ISSUED': ${certificate.status}`);
  if (!collectableStatuses.includes(certificate.status)) {
    const code = context.options.sslPendingCode;
    const description =
      code === 0 ? 'Being processed by Sectigo' : code === -1400 ? 'The request is being processed by Sectigo.' : 'Certificate is not available now, please try again later.';
    throw new ScmError(400, code, description);
  }
  const leaf = await issuedPem(context, certificate);
  const baseName = certificate.commonName.replace(/^\*\./, 'wildcard.').replace(/[^A-Za-z0-9.-]/g, '_');
  const rendered = renderCollect(format, { leaf, intermediate: context.ca.intermediatePem, root: context.ca.rootPem }, baseName);
  if (certificate.downloaded === null) {
    certificate.downloaded = context.now;
    context.store.changed();
  }
  return download(rendered.body, rendered.filename);
}

export const sslCollectRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/ssl/v1/collect/{sslId}',
    handler: (context) => collect(context, context.query.get('format')),
  },
  {
    method: 'GET',
    path: '/api/ssl/v1/collect/{sslId}/{format}',
    handler: (context) => collect(context, context.params.format ?? null),
  },
];
