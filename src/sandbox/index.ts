import { loadSandboxCa } from './ca';
import { resolveOptions, type ResolvedOptions, type SandboxOptions } from './options';
import { routes } from './routes';
import { seedSandbox, type SeededLogin } from './seed';
import { startServer, type FaultSettings } from './server';
import { SandboxStore, readStateFile } from './state/store';

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
  const server = await startServer(routes, store, ca, resolved);
  return {
    url: server.origin,
    port: server.port,
    customerUri: store.customerUri,
    logins,
    options: resolved,
    store,
    faults: server.faults,
    requestCounts: server.requestCounts,
    async stop() {
      await server.close();
      await store.save();
    },
  };
}
