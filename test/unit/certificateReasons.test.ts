import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { actionAllowed, cachedDetails } from '../../src/main/services/certificates/actions';
import type { StoredRow } from '../../src/main/services/certificates/rows';
import { reasonText } from '../../src/renderer/src/features/certificates/actions/reasons';
import { certificateActions, certificateStates, type CertificateRow } from '../../src/shared/certificates';
import type { Identity } from '../../src/shared/session';

/** A `t` that answers the key it was given, so a matched reason is told apart from one left as main wrote it. */
const t = ((key: string) => `[${key}]`) as unknown as TFunction;

const row = (kind: 'ssl' | 'smime', state: CertificateRow['state']): CertificateRow => ({
  key: `${kind}-1`, kind, id: 1, backendCertId: kind === 'smime' ? '1' : null, commonName: 'www.example.org', names: [], status: state,
  state, orgId: 1, orgName: 'Org', profileName: 'OV', term: 365, requested: null, issued: null, expires: null, daysLeft: null, requester: null, serialNumber: null,
});

const drao: Identity = { login: 'drao', type: 'STANDARD', name: '', email: '', roles: [{ role: 'DRAO_SSL', orgId: 2, orgName: 'Dept' }], privileges: ['sslRequest'], organizations: [] };

describe('why an action is not possible, in the interface’s words', () => {
  it('words every reason main gives, for every action, kind and state', () => {
    const reasons = new Set<string>();
    for (const kind of ['ssl', 'smime'] as const) {
      for (const state of certificateStates) {
        for (const action of certificateActions) {
          for (const identity of [null, drao]) {
            const reason = actionAllowed(action, row(kind, state), identity);
            if (reason !== null) reasons.add(reason);
          }
        }
      }
    }
    const stored: StoredRow = { ...row('ssl', 'issued'), baseState: 'issued' };
    for (const action of cachedDetails(stored, [stored], Date.parse('2026-06-01T00:00:00Z')).actions) if (action.reason !== null) reasons.add(action.reason);
    expect(reasons.size).toBeGreaterThan(8);
    for (const reason of reasons) expect(reasonText(reason, t), reason).toMatch(/^\[certificateActions\.reasons\./);
  });
});
