import { seededOAuthClients, TokenIssuer, tokenPath, type OAuthClient } from './apiClients';
import { loadSandboxCa } from './ca';
import { resolveOptions, type ResolvedOptions, type SandboxOptions } from './options';
import { routes } from './routes';
import { seedSandbox, type SeededLogin } from './seed';
import { startServer, type FaultSettings } from './server';
import { SandboxStore, readStateFile } from './state/store';
import { adminCertificate, type KeyAndCertificate } from './tls';

export { ManualClock } from './clock';
export type { SandboxOptions } from './options';
export type { SeededLogin } from './seed';

export interface SandboxHandle {
  /** The base URL a client uses, e.g. `http://127.0.0.1:8443`. */
  url: string;
  port: number;
  customerUri: string;
  /** The seeded admins that can sign in, with their (fake, fixed per seed) passwords. */
  logins: SeededLogin[];
  options: ResolvedOptions;
  /** The live state, for tests that count what was created. */
  store: SandboxStore;
  /** Fault settings, changeable while running. */
  faults: FaultSettings;
  /** The OAuth2 token endpoint on this sandbox (SCM's is on auth.sso.sectigo.com). */
  tokenUrl: string;
  /** The seeded OAuth2 API clients, with their (fake, fixed per seed) secrets. */
  oauthClients: OAuthClient[];
  /** Bearer tokens issued so far. */
  tokensIssued(): number;
  /** The sandbox CA's root, which a client must trust to reach the sandbox over https. */
  caCertificate: string;
  /** A fresh client certificate and key for an admin's certificate sign-in on `/private`. */
  clientCertificate(login: string): Promise<KeyAndCertificate>;
  /** Requests handled per route, e.g. `POST /api/ssl/v1/enroll`. */
  requestCounts: Map<string, number>;
  /** Stops the server and writes the state file, if any. */
  stop(): Promise<void>;
}

const loginDescriptions = new Map<string, string>();

/**
 * Starts an SCM sandbox on 127.0.0.1: seeded fresh, or from its state file when
 * that exists.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const resolved = resolveOptions(options);
  let data = resolved.stateFile === undefined ? undefined : await readStateFile(resolved.stateFile);
  let logins: SeededLogin[];
  if (data === undefined) {
    const seeded = await seedSandbox(resolved.seed, resolved.certificates, resolved.now());
    data = seeded.data;
    logins = seeded.logins;
    for (const login of logins) loginDescriptions.set(`${resolved.seed}:${login.login}`, login.description);
  } else {
    logins = data.admins.flatMap((admin) =>
      admin.password === null || admin.type === 'IDP'
        ? []
        : [{ login: admin.login, password: admin.password, description: loginDescriptions.get(`${data!.seed}:${admin.login}`) ?? `${admin.type} admin: ${admin.credentials.map((c) => c.role).join(', ')}` }],
    );
  }
  const store = new SandboxStore(data, resolved.stateFile);
  if (resolved.stateFile !== undefined) await store.save();
  const ca = await loadSandboxCa(store.ca);
  const oauthClients = seededOAuthClients(store.seed);
  const tokens = new TokenIssuer(oauthClients, resolved.tokenLifetimeSeconds);
  const server = await startServer(routes, store, ca, resolved, tokens);
  return {
    url: server.origin,
    port: server.port,
    customerUri: store.customerUri,
    logins,
    options: resolved,
    store,
    faults: server.faults,
    requestCounts: server.requestCounts,
    tokenUrl: `${server.origin}${tokenPath}`,
    oauthClients,
    tokensIssued: () => tokens.issued,
    caCertificate: ca.rootPem,
    async clientCertificate(login) {
      const admin = store.adminByLogin(login);
      if (admin === undefined) throw new Error(`No admin with login ${login} in the sandbox`);
      return adminCertificate(ca, admin, resolved.now());
    },
    async stop() {
      await server.close();
      await store.save();
    },
  };
}
