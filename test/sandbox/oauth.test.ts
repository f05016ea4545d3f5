import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { testClock } from './helpers';

const clock = testClock();
let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startSandbox({ certificates: 10, now: clock.now });
});

afterAll(async () => {
  await sandbox.stop();
});

function tokenRequest(fields: Record<string, string>, contentType = 'application/x-www-form-urlencoded'): Promise<Response> {
  return fetch(sandbox.tokenUrl, { method: 'POST', headers: { 'content-type': contentType }, body: new URLSearchParams(fields).toString() });
}

describe('the sandbox OAuth2 token endpoint', () => {
  it('issues a bearer token for the seeded client that reads as its admin', async () => {
    const { clientId, clientSecret, login } = sandbox.oauthClients[0]!;
    const reply = await tokenRequest({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
    expect(reply.status).toBe(200);
    const body = (await reply.json()) as { access_token: string; expires_in: number; token_type: string };
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 300 });
    const admins = await fetch(`${sandbox.url}/api/admin/v1?login=${login}`, { headers: { authorization: `Bearer ${body.access_token}` } });
    expect(admins.status).toBe(200);
    expect(((await admins.json()) as { login: string }[]).map((admin) => admin.login)).toEqual([login]);
  });

  it.each([
    [{ grant_type: 'password', client_id: 'sandbox-api-automation', client_secret: 'x' }, 400, 'unsupported_grant_type'],
    [{ client_id: 'sandbox-api-automation', client_secret: 'x' }, 400, 'invalid_request'],
    [{ grant_type: 'client_credentials', client_id: 'sandbox-api-automation', client_secret: 'wrong' }, 401, 'invalid_client'],
    [{ grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'wrong' }, 401, 'invalid_client'],
  ])('answers %j with %i %s', async (fields, status, error) => {
    const reply = await tokenRequest(fields);
    expect(reply.status).toBe(status);
    expect(((await reply.json()) as { error: string }).error).toBe(error);
  });

  it('refuses a token once its lifetime has passed on the sandbox clock', async () => {
    const { clientId, clientSecret } = sandbox.oauthClients[0]!;
    const reply = await tokenRequest({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
    const { access_token: token, expires_in: lifetime } = (await reply.json()) as { access_token: string; expires_in: number };
    const read = () => fetch(`${sandbox.url}/api/organization/v1`, { headers: { authorization: `Bearer ${token}` } });
    clock.advance(lifetime * 1000 - 1);
    expect((await read()).status).toBe(200);
    clock.advance(1);
    expect((await read()).status).toBe(401);
  });

  it('wants a form, not JSON', async () => {
    const reply = await fetch(sandbox.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(reply.status).toBe(400);
  });

  it('refuses an unknown bearer token with -16 and a WWW-Authenticate header', async () => {
    const reply = await fetch(`${sandbox.url}/api/organization/v1`, { headers: { authorization: 'Bearer made-up' } });
    expect(reply.status).toBe(401);
    expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer .*invalid_token/);
    expect(await reply.json()).toEqual({ code: -16, description: 'Unknown user' });
  });
});
