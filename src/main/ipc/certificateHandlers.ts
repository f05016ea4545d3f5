import type { CertificatesService } from '../services/certificates/service';
import type { HandlerTable } from './dispatch';
import { guarded } from './guarded';

type CertificateChannel =
  | 'certificates:window'
  | 'certificates:caches'
  | 'certificates:details'
  | 'certificates:act'
  | 'certificates:export'
  | 'certificates:exportPart'
  | 'certificates:plan'
  | 'certificates:bulkGet'
  | 'certificates:bulkFile'
  | 'certificates:codeSigning'
  | 'certificates:codeSigningRevoke';

/** SSL and client certificates: the inventory in windows, one certificate's details and actions, bulk plans. */
export function certificateHandlers(services: { certificates: CertificatesService }): Pick<HandlerTable, CertificateChannel> {
  const { certificates } = services;
  return {
    'certificates:window': (args) => guarded(() => certificates.window(args)),
    'certificates:caches': () => guarded(() => certificates.caches()),
    'certificates:details': ({ key, profileId }) => guarded(() => certificates.details(key, profileId)),
    'certificates:act': (args) => guarded(() => certificates.act(args)),
    'certificates:export': (args) => guarded(() => certificates.prepareExport(args)),
    'certificates:exportPart': ({ exportId, part }) => guarded(async () => certificates.exportPart(exportId, part)),
    'certificates:plan': (args) => guarded(() => certificates.plan(args)),
    'certificates:bulkGet': ({ planId }) => guarded(async () => certificates.bulkGet(planId)),
    'certificates:bulkFile': ({ planId, kind }) => guarded(async () => certificates.bulkFile(planId, kind)),
    'certificates:codeSigning': () => guarded(() => certificates.codeSigning()),
    'certificates:codeSigningRevoke': (args) => guarded(() => certificates.codeSigningRevoke(args)),
  };
}
