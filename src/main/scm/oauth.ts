import { rootCertificates } from 'node:tls';
import { Pool } from 'undici';
import { z } from 'zod';
import { ScmClientError } from './errors';
import { AnswerTooLarge, abortableSleep, classifyConnectionError, connectionError, readCapped, scmOrigin, type ConnectionFailure } from './transport';

/** Sectigo's token endpoint for the "Admin Operations" API (client-credentials grant). */
export const sectigoTokenUrl = 'https://auth.sso.sectigo.com/auth/realms/apiclients/protocol/openid-connect/token';

export interface TokenSourceOptions {
  tokenUrl?: string;
  clientId: string;
  /** Fetched when a token is needed, never kept. */
  clientSecret: () => Promise<string>;
  /** Extra CA certificates to trust (PEM). */
  ca?: string[];
  now?: () => number;
  /** The wait for an answer to begin, and for each next part of it. */
  timeoutMs?: number;
  /** The total time a token may take, every try included. */
  deadlineMs?: number;
}

const tokenAnswer = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.number().positive().optional(),
  token_type: z.string().optional(),
});

const attempts = 3;

/** A token answer is a few hundred bytes; anything near this is not a token service. */
const tokenAnswerMaxBytes = 1024 * 1024;

/**
 * OAuth2 client-credentials tokens for the newer SCM host: fetched when first
 * needed, shared by concurrent calls, and renewed shortly before they expire
 * (a fifth of their life, at most a minute, early).
 */
export class TokenSource {
  readonly #options: TokenSourceOptions;
  readonly #url: URL;
  readonly #pool: Pool;
  readonly #now: () => number;
  #current: { token: string; renewAt: number } | undefined;
  #pending: Promise<string> | undefined;

  constructor(options: TokenSourceOptions) {
    if (options.clientId.trim() === '') throw new Error('An OAuth2 client ID is required.');
    this.#options = options;
    this.#url = new URL(options.tokenUrl ?? sectigoTokenUrl);
    this.#pool = new Pool(scmOrigin(this.#url.href), {
      connections: 1,
      connect: { timeout: 10_000, ...(options.ca === undefined || options.ca.length === 0 ? {} : { ca: [...rootCertificates, ...options.ca] }) },
    });
    this.#now = options.now ?? Date.now;
  }

  /** A token that is valid for a while yet. */
  token(): Promise<string> {
    if (this.#current !== undefined && this.#now() < this.#current.renewAt) return Promise.resolve(this.#current.token);
    this.#pending ??= this.#fetch().finally(() => (this.#pending = undefined));
    return this.#pending;
  }

  /** Forgets a token SCM refused, so the next call fetches a fresh one. */
  invalidate(token: string): void {
    if (this.#current?.token === token) this.#current = undefined;
  }

  async #fetch(): Promise<string> {
    const requested = this.#now();
    const secret = await this.#options.clientSecret();
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: this.#options.clientId, client_secret: secret }).toString();
    const deadlineMs = this.#options.deadlineMs ?? 60_000;
    // Bounds all tries together: the per-try timeouts only bound a silence.
    const deadline = AbortSignal.timeout(deadlineMs);
    const timedOut: ConnectionFailure = { cause: 'timeout', sent: true, code: undefined, waitedFor: 'deadline', limit: deadlineMs };
    let lastError: ScmClientError | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) {
        try {
          await abortableSleep(250 * 2 ** (attempt - 2), deadline);
        } catch {
          throw lastError ?? connectionError('sign in', timedOut, this.#url.origin, true, 'the token service');
        }
      }
      let status: number;
      let text: string;
      try {
        const response = await this.#pool.request({
          method: 'POST',
          path: `${this.#url.pathname}${this.#url.search}`,
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: form,
          headersTimeout: this.#options.timeoutMs ?? 30_000,
          bodyTimeout: this.#options.timeoutMs ?? 30_000,
          signal: deadline,
        });
        status = response.statusCode;
        const length = response.headers['content-length'];
        text = (await readCapped(response.body, tokenAnswerMaxBytes, typeof length === 'string' ? length : undefined)).toString('utf8');
      } catch (error) {
        const failure: ConnectionFailure = deadline.aborted
          ? timedOut
          : error instanceof AnswerTooLarge
            ? { cause: 'too-large', sent: true, code: undefined, limit: error.limit }
            : classifyConnectionError(error);
        // A token request changes nothing, so it may be sent again whatever became of it.
        lastError = connectionError('sign in', failure, this.#url.origin, true, 'the token service');
        if (deadline.aborted || failure.cause === 'tls' || failure.cause === 'too-large') throw lastError;
        continue;
      }
      if (status >= 500 || status === 429) {
        lastError = new ScmClientError({
          kind: 'unavailable',
          status,
          message: `Could not sign in: the token service is not available (HTTP ${status}).`,
          reason: `The token service is not available (HTTP ${status}).`,
          hint: 'Try again in a few minutes.',
        });
        continue;
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      if (status !== 200) {
        const error = (body as { error?: unknown } | undefined)?.error;
        const refused = error === 'invalid_client' || error === 'unauthorized_client' || status === 401;
        const refusal = refused ? 'the token service refused the client ID or secret.' : `the token service refused the request (${typeof error === 'string' ? error : `HTTP ${status}`}).`;
        const capitalizedRefusal = `T${refusal.slice(1)}`;
        throw new ScmClientError({
          kind: refused ? 'auth' : 'validation',
          status,
          message: `Could not sign in: ${refusal}`,
          reason: capitalizedRefusal,
          hint: refused ? 'Check the API client ID and secret in the profile; Sectigo issues them for the Admin Operations API.' : 'Check the token URL in the profile.',
        });
      }
      const parsed = tokenAnswer.safeParse(body);
      if (!parsed.success) {
        throw new ScmClientError({
          kind: 'protocol',
          message: 'Could not sign in: the token service answered without an access token.',
          reason: 'The token service answered without an access token.',
          hint: 'Check the token URL in the profile.',
        });
      }
      const lifetimeMs = (parsed.data.expires_in ?? 300) * 1000;
      const early = Math.min(60_000, lifetimeMs / 5);
      this.#current = { token: parsed.data.access_token, renewAt: requested + lifetimeMs - early };
      return parsed.data.access_token;
    }
    throw lastError!;
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}
