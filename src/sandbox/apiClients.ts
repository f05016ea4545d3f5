import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RouteResult } from './context';

/**
 * OAuth2 client credentials for the newer "Admin Operations" host. SCM's real
 * token endpoint is `https://auth.sso.sectigo.com/auth/realms/apiclients/protocol/openid-connect/token`;
 * the sandbox answers the same path on its own origin.
 */
export const tokenPath = '/auth/realms/apiclients/protocol/openid-connect/token';

export interface OAuthClient {
  clientId: string;
  /** Fake and fixed per seed, like the seeded passwords. */
  clientSecret: string;
  /** The admin whose rights the client's tokens carry. */
  login: string;
}

/** The seeded API client: it acts as the `api-automation` admin. */
export function seededOAuthClients(seed: number): OAuthClient[] {
  const secret = createHash('sha256').update(`sandbox-oauth-client:${seed}`).digest('base64url').slice(0, 32);
  return [{ clientId: 'sandbox-api-automation', clientSecret: secret, login: 'api-automation' }];
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function oauthError(status: number, error: string, description: string): RouteResult {
  return { status, headers: { 'cache-control': 'no-store' }, body: { error, error_description: description } };
}

/** Issues bearer tokens and recognises them until they expire. Tokens live in memory only. */
export class TokenIssuer {
  readonly #clients: OAuthClient[];
  readonly #lifetimeSeconds: number;
  readonly #tokens = new Map<string, { login: string; expires: number }>();
  /** Tokens issued so far, for tests that check a client reuses its token. */
  issued = 0;

  constructor(clients: OAuthClient[], lifetimeSeconds: number) {
    this.#clients = clients;
    this.#lifetimeSeconds = lifetimeSeconds;
  }

  /** The token endpoint: a form-encoded client-credentials grant, answered as Keycloak does. */
  handle(method: string, contentType: string | undefined, body: Buffer, now: number): RouteResult {
    if (method !== 'POST') return oauthError(405, 'invalid_request', 'HTTP method not allowed');
    if (!(contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      return oauthError(400, 'invalid_request', 'Expected a form-encoded body');
    }
    const form = new URLSearchParams(body.toString('utf8'));
    const grant = form.get('grant_type');
    if (grant === null) return oauthError(400, 'invalid_request', 'Missing form parameter: grant_type');
    if (grant !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', 'Unsupported grant_type');
    const client = this.#clients.find((candidate) => candidate.clientId === form.get('client_id'));
    const secret = form.get('client_secret');
    if (client === undefined || secret === null || !sameSecret(secret, client.clientSecret)) {
      return oauthError(401, 'invalid_client', 'Invalid client or Invalid client credentials');
    }
    for (const [token, entry] of this.#tokens) if (entry.expires <= now) this.#tokens.delete(token);
    const token = randomBytes(32).toString('base64url');
    this.#tokens.set(token, { login: client.login, expires: now + this.#lifetimeSeconds * 1000 });
    this.issued += 1;
    return {
      status: 200,
      headers: { 'cache-control': 'no-store' },
      body: { access_token: token, expires_in: this.#lifetimeSeconds, token_type: 'Bearer', 'not-before-policy': 0, scope: 'profile email' },
    };
  }

  /** The login a token acts as, or undefined when it is unknown or expired. */
  resolve(token: string, now: number): string | undefined {
    const entry = this.#tokens.get(token);
    if (entry === undefined) return undefined;
    if (entry.expires <= now) {
      this.#tokens.delete(token);
      return undefined;
    }
    return entry.login;
  }
}
