import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { AdminsApi } from '../../src/main/scm/admins';
import type { ListProgress } from '../../src/main/scm/paging';
import { ManualClock, startSandbox, type SandboxHandle } from '../../src/sandbox';
import { adminDisplayName, type AdminSummary } from '../../src/shared/scm/types';
import { failure, sandboxClients, sink } from './scmHelpers';

let sandbox: SandboxHandle;
const clients = sandboxClients(() => sandbox);

beforeAll(async () => {
  sandbox = await startSandbox({ admins: 5_000, certificates: 10, now: new ManualClock(Date.now()).now });
});

afterAll(async () => {
  await clients.closeAll();
  await sandbox.stop();
});

function listRequests(): number {
  return sandbox.requestCounts.get('GET /api/admin/v1') ?? 0;
}

describe('the SCM client listing 5,000 admins from the sandbox', () => {
  it('lists every admin once, page by page, those without a login included', async () => {
    const admins = new AdminsApi(clients.as('mrao'));
    const before = listRequests();
    const progress: ListProgress[] = [];
    const pages: AdminSummary[][] = [];
    for await (const page of admins.pages({}, { onProgress: (step) => progress.push(step) })) pages.push(page);
    const rows = pages.flat();
    expect(rows).toHaveLength(5_000);
    expect(new Set(rows.map((row) => row.id)).size).toBe(5_000);
    expect(pages.length).toBe(25);
    // 25 full pages, and one past them: the client does not take X-Total-Count's word for where the list ends.
    expect(listRequests() - before).toBe(26);
    expect(progress.at(-1)).toEqual({ done: 5_000, total: 5_000 });
    const withoutLogin = rows.filter((row) => row.login === null);
    expect(withoutLogin.length).toBe([...sandbox.store.admins.values()].filter((admin) => admin.login === null).length);
    expect(withoutLogin.map((row) => row.id)).toEqual(expect.arrayContaining([2011, 2012, 2013]));
    expect(withoutLogin.every((row) => (row.type === 'IDP' || row.type === 'SAS') && adminDisplayName(row) !== '')).toBe(true);
  });

  it('reads the details of an admin without a login', async () => {
    const admins = new AdminsApi(clients.as('mrao'));
    const [idp] = await admins.list({ type: 'IDP', email: 'eva.lindqvist@sandbox-university.example' });
    const details = await admins.get(idp!.id);
    expect(details).toMatchObject({ id: 2011, login: null, type: 'IDP', idpPersonId: 'eva.lindqvist@sandbox-university.example', passwordState: null });
    expect(adminDisplayName(details)).toBe('eva.lindqvist@sandbox-university.example');
  });

  it('stops listing when asked to', async () => {
    const stop = new AbortController();
    const listing = new AdminsApi(clients.as('mrao')).list({}, { concurrency: 1, signal: stop.signal, onProgress: () => stop.abort() });
    expect((await failure(listing)).kind).toBe('cancelled');
  });
});

describe('tcs-admin with admins that have no login', () => {
  async function run(args: string[]): Promise<string> {
    const stdout = sink();
    const password = sandbox.logins.find((candidate) => candidate.login === 'rao')!.password;
    const code = await main([...args, '--base-url', `${sandbox.url}/api`, '--customer-uri', sandbox.customerUri, '--login', 'rao'], { json: false, stdout, stderr: sink() }, { SCM_PASSWORD: password });
    expect(code).toBe(0);
    return stdout.text();
  }

  it('lists them with no login and their names and email', async () => {
    const table = await run(['admins', 'list', '--type', 'IDP']);
    expect(table).toMatch(/^2011\s+-\s+IDP\s+Eva Lindqvist\s+eva\.lindqvist@sandbox-university\.example$/m);
  });

  it('shows one by its IdP person id', async () => {
    const shown = await run(['admins', 'show', '2011']);
    expect(shown).toMatch(/^Admin\s+eva\.lindqvist@sandbox-university\.example$/m);
    expect(shown).toMatch(/^Login\s+- \(signs in through an identity provider\)$/m);
    expect(shown).toMatch(/^Type\s+IDP$/m);
  });
});
