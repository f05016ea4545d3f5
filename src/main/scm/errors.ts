import { kindAnchor, type AppError, type ErrorKind } from '../../shared/result';
import { scmCodeAnchor, scmErrorCatalogue } from '../../shared/scmErrors';

/**
 * Why the console got no usable answer, when the cause lies in the network or
 * in the answer's size rather than in what SCM said: each has its own next step.
 *
 * - `dns`: the host name did not resolve.
 * - `refused`: nothing accepted the connection on that port.
 * - `tls`: the secure connection failed (an untrusted or mismatched certificate, a failed handshake).
 * - `timeout`: no connection, or no complete answer, within the time allowed.
 * - `reset`: the connection broke before the answer was complete.
 * - `too-large`: the answer passed the size the console accepts for that request.
 */
export type NetworkCause = 'dns' | 'refused' | 'tls' | 'timeout' | 'reset' | 'too-large';

/** Each network cause's handbook entry. */
export const networkCauseAnchors: Readonly<Record<NetworkCause, string>> = {
  dns: 'errors#network-dns',
  refused: 'errors#network-refused',
  tls: 'errors#network-tls',
  timeout: 'errors#network-timeout',
  reset: 'errors#network-reset',
  'too-large': 'errors#network-too-large',
};

/**
 * A failed SCM call, carrying what a person needs: the kind, SCM's code and
 * text, a sentence to act on and a handbook anchor. Never the request's
 * headers, body or credentials.
 */
export class ScmClientError extends Error {
  readonly kind: ErrorKind;
  readonly code: number | undefined;
  readonly status: number | undefined;
  /** SCM's own description, when it gave one. */
  readonly scmDescription: string | undefined;
  readonly hint: string | undefined;
  readonly anchor: string;
  /**
   * The request may or may not have taken effect (the connection broke after it
   * was sent): a write that creates something must be looked for before it is repeated.
   */
  readonly outcomeUnknown: boolean;
  /** Which network failure it was, when the cause was the connection or the answer's size. */
  readonly network: NetworkCause | undefined;
  /**
   * Why it failed, as a sentence that stands on its own (the message without
   * its "Could not …:" opening), for screens that already say what was being done.
   */
  readonly reason: string;

  constructor(details: {
    kind: ErrorKind;
    message: string;
    reason?: string;
    network?: NetworkCause;
    code?: number;
    status?: number;
    scmDescription?: string;
    hint?: string;
    anchor?: string;
    outcomeUnknown?: boolean;
  }) {
    super(details.message);
    this.name = 'ScmClientError';
    this.kind = details.kind;
    this.code = details.code;
    this.status = details.status;
    this.scmDescription = details.scmDescription;
    this.hint = details.hint;
    this.anchor = details.anchor ?? (details.network === undefined ? kindAnchor(details.kind) : networkCauseAnchors[details.network]);
    this.outcomeUnknown = details.outcomeUnknown ?? false;
    this.network = details.network;
    this.reason = details.reason ?? details.message;
  }

  toAppError(): AppError {
    return {
      kind: this.kind,
      message: this.message,
      ...(this.code === undefined ? {} : { code: this.code }),
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      anchor: this.anchor,
    };
  }
}

/** SCM's error body: `{code, description}` (both optional in practice). */
export function parseErrorBody(body: Buffer): { code: number | undefined; description: string | undefined } {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return { code: undefined, description: undefined };
    const { code, description } = parsed as { code?: unknown; description?: unknown };
    return {
      code: typeof code === 'number' && Number.isInteger(code) ? code : undefined,
      description: typeof description === 'string' ? description.slice(0, 500) : undefined,
    };
  } catch {
    return { code: undefined, description: undefined };
  }
}

/**
 * -1021 is "Operation is not allowed for organization": on a certificate
 * request it means the unit's REST API is off, but on a change to the
 * organization or department itself SCM refuses that change, as when a unit
 * to be deleted still has departments, certificates or domains.
 */
const unitChangeRefused = {
  kind: 'validation',
  meaning: 'SCM does not allow this change to the organization or department; a delete is refused while departments, certificates or domains depend on it.',
  hint: 'Read SCM’s description; move or delete what depends on the unit first.',
} as const;

function changesUnit(request: { method: string; path: string }): boolean {
  return request.method !== 'GET' && request.method !== 'HEAD' && /^(\/private)?\/api\/organization\/v\d+(\/|\?|$)/.test(request.path);
}

/**
 * Turns an SCM error answer into an error a person can act on: the catalogue
 * entry for SCM's code where there is one, else the HTTP status decides.
 */
export function errorFromResponse(operation: string, status: number, body: Buffer, retryAfterSeconds?: number, request?: { method: string; path: string }): ScmClientError {
  const { code, description } = parseErrorBody(body);
  const said = description === undefined ? '' : ` SCM said: “${description}”`;
  // "Unknown error" codes say less than the HTTP status does, short of a server fault.
  const generic = code === -1 || code === -14;
  const entry = code === undefined || (generic && status < 500) ? undefined : code === -1021 && request !== undefined && changesUnit(request) ? unitChangeRefused : scmErrorCatalogue[code];
  if (status === 429) {
    return new ScmClientError({
      kind: 'rate-limited',
      status,
      ...(code === undefined ? {} : { code }),
      ...(description === undefined ? {} : { scmDescription: description }),
      message: `SCM asked the console to slow down while it tried to ${operation}.`,
      reason: 'SCM asked the console to slow down.',
      hint: retryAfterSeconds === undefined ? 'Wait a moment and try again.' : `Try again in ${retryAfterSeconds} s.`,
    });
  }
  if (entry !== undefined && code !== undefined) {
    return new ScmClientError({
      kind: entry.kind,
      status,
      code,
      ...(description === undefined ? {} : { scmDescription: description }),
      message: `Could not ${operation}: ${entry.meaning}${said}`,
      reason: `${entry.meaning}${said}`,
      hint: entry.hint,
      anchor: scmCodeAnchor(code),
    });
  }
  const byStatus: { kind: ErrorKind; text: string; hint: string } =
    status === 401
      ? { kind: 'auth', text: 'SCM did not accept the sign-in.', hint: 'Check the login, password and customerUri.' }
      : status === 403
        ? { kind: 'permission', text: 'SCM refused access.', hint: 'Check the admin’s roles and privileges.' }
        : status === 404
          ? { kind: 'not-found', text: 'SCM has no such item, or it is outside this admin’s scope.', hint: 'Check the id and the admin’s scope.' }
          : status >= 500
            ? { kind: 'unavailable', text: `SCM is not available (HTTP ${status}).`, hint: 'Try again in a few minutes.' }
            : { kind: 'validation', text: `SCM refused the request (HTTP ${status}).`, hint: 'Read SCM’s description and correct the request.' };
  return new ScmClientError({
    kind: byStatus.kind,
    status,
    ...(code === undefined ? {} : { code }),
    ...(description === undefined ? {} : { scmDescription: description }),
    message: `Could not ${operation}: ${byStatus.text}${said}`,
    reason: `${byStatus.text}${said}`,
    hint: byStatus.hint,
  });
}
