import { describe, expect, it } from 'vitest';
import { createDomain } from './domains-helpers';
import { callerFor, useSandbox } from './helpers';

const sandbox = useSandbox({ firstLoginChange: 'none', issueDelaySeconds: 30 });

describe('sandbox DCV of a wildcard record', () => {
  it('refuses to start or submit an order for a wildcard record (-723), and validates it through its base name', async () => {
    const mrao = callerFor(sandbox(), 'mrao');
    await createDomain(mrao, 'wild-dcv.example');
    const wildcard = await createDomain(mrao, '*.wild-dcv.example');
    for (const action of ['start/domain/cname', 'start/domain/http', 'submit/domain/txt']) {
      const refused = await mrao('POST', `/api/dcv/v1/validation/${action}`, { domain: '*.wild-dcv.example' });
      expect(refused.status, action).toBe(400);
      expect(refused.json, action).toEqual({ code: -723, description: '*.wild-dcv.example is not a high-level domain. Only high-level domains can be validated.' });
    }
    expect((await mrao('POST', '/api/dcv/v1/validation/start/domain/cname', { domain: 'wild-dcv.example' })).status).toBe(200);
    expect((await mrao('POST', '/api/dcv/v1/validation/submit/domain/cname', { domain: 'wild-dcv.example' })).status).toBe(200);
    sandbox.passIssueDelay();
    expect((await mrao('GET', `/api/domain/v1/${wildcard}`)).json).toMatchObject({ validationStatus: 'VALIDATED', validationMethod: 'CNAME_CSR_HASH' });
    expect((await mrao('POST', '/api/dcv/v2/validation/status', { domain: '*.wild-dcv.example' })).json).toMatchObject({ status: 'VALIDATED' });
  });
});
