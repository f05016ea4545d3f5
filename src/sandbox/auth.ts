import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { TokenIssuer } from './apiClients';
import { ScmError, unknownUser } from './errors';
import { certificateEmails } from './tls';
import type { ResolvedOptions } from './options';
import { verifyPassword } from './passwords';
import type { Admin, SignedInAdmin } from './state/model';
import type { SandboxStore } from './state/store';

const maxFailedAttempts = 5;

export interface SignIn {
  admin: SignedInAdmin;
  /** The password is temporary or expired: only the password routes may run. */
  mustChangePassword: boolean;
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Checks the three headers SCM reads on every request. Every failure is the
 * same `401 -16 Unknown user`, as on the real service, except an unknown
 * customerUri when the sandbox is set to answer -410.
 */
export async function authenticate(request: IncomingMessage, path: string, store: SandboxStore, options: ResolvedOptions, now: number, tokens: TokenIssuer): Promise<SignIn> {
  const authorization = header(request, 'authorization');
  if (authorization !== undefined && /^bearer /i.test(authorization)) return bearerSignIn(authorization.slice(7).trim(), store, now, tokens);
  if (path.startsWith('/private/')) return certificateSignIn(request, store, options);
  const login = header(request, 'login');
  const password = header(request, 'password');
  const customerUri = header(request, 'customerUri');
  if (customerUri === undefined || customerUri === '') throw unknownUser();
  if (customerUri !== store.customerUri) {
    if (options.unknownCustomerCode === -410) throw new ScmError(400, -410, `Customer ${customerUri} cannot be found`);
    throw unknownUser();
  }
  if (login === undefined || password === undefined) throw unknownUser();
  const admin = store.adminByLogin(login);
  if (admin === undefined) throw unknownUser();
  if (admin.locked || admin.activeStatus === 'SUSPENDED') throw unknownUser();
  // IdP and SAS admins sign in through their identity provider only.
  if (admin.type === 'IDP' || admin.type === 'SAS' || admin.passwordHash === null) throw unknownUser();
  if (!(await store.passwords.matches(admin, password))) {
    admin.failedAttempts += 1;
    admin.failedDate = now;
    if (admin.failedAttempts >= maxFailedAttempts) admin.locked = true;
    store.changed();
    throw unknownUser();
  }
  if (admin.failedAttempts !== 0) {
    admin.failedAttempts = 0;
    store.changed();
  }
  const expired = admin.passwordExpires !== null && admin.passwordExpires <= now;
  const temporary = admin.temporaryPassword && options.firstLoginChange === 'required';
  return { admin, mustChangePassword: expired || temporary };
}

function activeAdmin(store: SandboxStore, login: string): SignedInAdmin | undefined {
  const admin = store.adminByLogin(login);
  if (admin === undefined || admin.locked || admin.activeStatus === 'SUSPENDED') return undefined;
  return admin;
}

/** The newer host's OAuth2 sign-in: a bearer token from the token endpoint stands for an admin. */
function bearerSignIn(token: string, store: SandboxStore, now: number, tokens: TokenIssuer): SignIn {
  const login = tokens.resolve(token, now);
  const admin = login === undefined ? undefined : activeAdmin(store, login);
  if (admin === undefined) {
    throw new ScmError(401, -16, 'Unknown user', { 'www-authenticate': `Bearer realm="apiclients", error="invalid_token", error_description="The token is unknown or expired"` });
  }
  return { admin, mustChangePassword: false };
}

/**
 * "User Login via Certificate": on the `/private` prefix the TLS client
 * certificate, issued by the sandbox CA to the admin's email address, stands
 * in for the password. The login and customerUri headers still name the admin.
 */
function certificateSignIn(request: IncomingMessage, store: SandboxStore, options: ResolvedOptions): SignIn {
  const socket = request.socket as Partial<TLSSocket>;
  if (typeof socket.getPeerCertificate !== 'function' || socket.authorized !== true) throw unknownUser();
  const customerUri = header(request, 'customerUri');
  if (customerUri !== store.customerUri) {
    if (customerUri !== undefined && options.unknownCustomerCode === -410) throw new ScmError(400, -410, `Customer ${customerUri} cannot be found`);
    throw unknownUser();
  }
  const login = header(request, 'login');
  const admin = login === undefined ? undefined : activeAdmin(store, login);
  if (admin === undefined || admin.type === 'IDP' || admin.type === 'SAS') throw unknownUser();
  const peer = socket.getPeerCertificate(false);
  if (peer.raw === undefined || !certificateEmails(peer.raw).includes(admin.email.toLowerCase())) throw unknownUser();
  return { admin, mustChangePassword: false };
}

/** The password's state as SCM reports it. */
export function passwordState(admin: Admin, options: ResolvedOptions, now: number): 'ALIVE' | 'EXPIRED' | 'NEVER_EXPIRE' {
  if (admin.temporaryPassword && options.firstLoginChange === 'required') return 'EXPIRED';
  if (admin.passwordExpires === null) return 'NEVER_EXPIRE';
  return admin.passwordExpires <= now ? 'EXPIRED' : 'ALIVE';
}

/**
 * The sandbox's password policy (the real one is the tenant's): at least 12
 * characters with upper, lower, digit and symbol, not containing the login,
 * and neither the current password nor the one before it (both compared
 * through their hashes).
 */
export async function passwordPolicyProblem(store: SandboxStore, admin: SignedInAdmin, candidate: string): Promise<string | null> {
  if (candidate.length < 12) return 'the password must be at least 12 characters long';
  if (candidate.length > 64) return 'the password must be at most 64 characters long';
  if (!/[A-Z]/.test(candidate)) return 'the password must contain an upper-case letter';
  if (!/[a-z]/.test(candidate)) return 'the password must contain a lower-case letter';
  if (!/[0-9]/.test(candidate)) return 'the password must contain a digit';
  if (!/[^A-Za-z0-9]/.test(candidate)) return 'the password must contain a symbol';
  if (candidate.toLowerCase().includes(admin.login.toLowerCase())) return 'the password must not contain the login';
  const previous = admin.previousPasswordHash;
  if ((await store.passwords.matches(admin, candidate)) || (previous !== null && (await verifyPassword(previous, candidate)))) {
    return 'the password must differ from the previous one';
  }
  return null;
}
