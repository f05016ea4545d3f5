import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { sink } from './scmHelpers';

let sandbox: SandboxHandle;
/** Where the command line keeps its audit log in these tests, never the user's own folder. */
let userData: string;

beforeAll(async () => {
  sandbox = await startSandbox({ issueDelaySeconds: 0.2 });
  userData = await mkdtemp(join(tmpdir(), 'tcs-cli-data-'));
});

afterAll(async () => {
  await sandbox.stop();
});

async function run(args: string[], login = 'rao', target: SandboxHandle = sandbox, dataFolder = userData): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = sink();
  const stderr = sink();
  const password = target.logins.find((candidate) => candidate.login === login)?.password ?? 'no-such-password';
  const connection = ['--base-url', `${target.url}/api`, '--customer-uri', target.customerUri, '--login', login, '--user-data', dataFolder];
  const code = await main([...args, ...connection], { json: false, stdout, stderr }, { SCM_PASSWORD: password });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe('tcs-admin, against the sandbox', () => {
  it('lists organizations as a table and as JSON', async () => {
    const table = await run(['orgs', 'list']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ID\s+NAME\s+SSL API\s+CLIENT API/m);
    expect(table.stdout).toMatch(/1004\s+University Library\s+off\s+off/);
    const json = await run(['orgs', 'list', '--json']);
    const rows = JSON.parse(json.stdout) as { id: number; sslCertsApiEnabled: boolean }[];
    expect(rows.map((row) => row.id)).toEqual([1001, 1002, 1003, 1004]);
    expect(rows.find((row) => row.id === 1004)?.sslCertsApiEnabled).toBe(false);
  });

  it('shows admins and one admin’s roles and password state', async () => {
    const list = JSON.parse((await run(['admins', 'list', '--json'])).stdout) as { login: string }[];
    expect(list.map((admin) => admin.login)).toContain('drao-physics');
    const show = await run(['admins', 'show', '2003']);
    expect(show.stdout).toMatch(/Roles\s+DRAO_SSL on 1002, DRAO_SMIME on 1002/);
    expect(show.stdout).toMatch(/Password\s+ALIVE, expires \d{4}-\d{2}-\d{2}/);
  });

  it('lists certificates with filters, and only the ones that match', async () => {
    const issued = JSON.parse((await run(['certs', 'list', '--status', 'Issued', '--org', '1002', '--json'])).stdout) as { status: string; orgId: number }[];
    expect(issued.length).toBeGreaterThan(0);
    expect(issued.every((row) => row.status === 'Issued' && row.orgId === 1002)).toBe(true);
    const soon = JSON.parse((await run(['certs', 'list', '--expiring-within', '30', '--json'])).stdout) as { expires: string; status: string }[];
    for (const row of soon) {
      expect(row.status).toBe('Issued');
      expect(Date.parse(row.expires) - Date.now()).toBeLessThanOrEqual(31 * 86_400_000);
    }
    const byName = JSON.parse((await run(['certs', 'list', '--cn', 'physics', '--json'])).stdout) as { commonName: string }[];
    expect(byName.length).toBeGreaterThan(0);
    expect(byName.every((row) => row.commonName.includes('physics'))).toBe(true);
  });

  it('shows one certificate and collects its chain to a file, leaf first', async () => {
    const [first] = JSON.parse((await run(['certs', 'list', '--status', 'Issued', '--org', '1001', '--json'])).stdout) as { id: number; commonName: string }[];
    const show = await run(['certs', 'show', String(first!.id)]);
    expect(show.stdout).toContain(first!.commonName);
    const file = join(await mkdtemp(join(tmpdir(), 'tcs-cli-')), 'chain.pem');
    const collect = await run(['certs', 'collect', String(first!.id), '--out', file]);
    expect(collect.code).toBe(0);
    const pems = (await readFile(file, 'utf8')).match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)!;
    expect(pems).toHaveLength(3);
    expect(new X509Certificate(pems[0]!).subject).toContain(first!.commonName);
  });

  it('reports the password state, and exits 1 when it has expired', async () => {
    expect((await run(['password', 'status'])).stdout).toMatch(/^ALIVE, expires \d{4}-\d{2}-\d{2} \(\d+ days\)/);
    const expired = await run(['password', 'status', '--json'], 'rao-expired');
    expect(expired.code).toBe(1);
    expect(JSON.parse(expired.stdout)).toMatchObject({ state: 'EXPIRED' });
  });

  it('refuses unknown commands, unknown flags and bad values with exit code 2 and a clear message', async () => {
    expect(await run(['certs', 'frobnicate'])).toMatchObject({ code: 2 });
    const flag = await run(['certs', 'list', '--colour', 'blue']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("Unknown option '--colour'");
    const status = await run(['certs', 'list', '--status', 'Shiny']);
    expect(status.code).toBe(2);
    expect(status.stderr).toContain('--status must be one of');
    expect((await run(['certs', 'show', 'abc'])).stderr).toContain('ID must be a whole number');
  });

  it('says how to connect when no connection is given', async () => {
    const stdout = sink();
    const stderr = sink();
    const code = await main(['orgs', 'list'], { json: false, stdout, stderr }, {});
    expect(code).toBe(2);
    expect(stderr.text()).toContain('No connection given');
    expect(stderr.text()).toContain('--customer-uri');
  });

  it('explains a refused sign-in with the handbook entry, and never prints the password', async () => {
    const stdout = sink();
    const stderr = sink();
    const code = await main(['orgs', 'list', '--base-url', sandbox.url, '--customer-uri', sandbox.customerUri, '--login', 'rao'], { json: false, stdout, stderr }, { SCM_PASSWORD: 'Wrong-Password-123!' });
    expect(code).toBe(1);
    expect(stderr.text()).toContain('Unknown user');
    expect(stderr.text()).toContain('errors#scm-16');
    expect(`${stdout.text()}${stderr.text()}`).not.toContain('Wrong-Password-123!');
  });

  it('says which network failure stopped it, with its own handbook entry', async () => {
    const closed = await startSandbox({ certificates: 0 });
    const url = closed.url;
    await closed.stop();
    const stdout = sink();
    const stderr = sink();
    const code = await main(['orgs', 'list', '--base-url', url, '--customer-uri', 'x', '--login', 'rao'], { json: false, stdout, stderr }, { SCM_PASSWORD: 'Some-Password-123!' });
    expect(code).toBe(1);
    expect(stderr.text()).toMatch(/^tcs-admin orgs list: Could not list organizations: 127\.0\.0\.1 refused the connection on port \d+ \(ECONNREFUSED\)\.$/m);
    expect(stderr.text()).toContain('Handbook: errors#network-refused');
    expect(stderr.text()).not.toContain('Some-Password-123!');
  });

  it('prints help for every command', async () => {
    for (const command of [['orgs', 'list'], ['certs', 'collect'], ['doctor']]) {
      const help = await run([...command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: tcs-admin ${command.join(' ')}`);
    }
  });

  it('lists a group’s commands for the group’s --help', async () => {
    const help = await run(['checklist', '--help']);
    expect(help.code).toBe(0);
    for (const name of ['list', 'run ID', 'verify RUN', 'status RUN', 'runs', 'export RUN']) expect(help.stdout).toContain(`checklist ${name}`);
    expect((await run(['checklist'])).code).toBe(2);
  });
});

describe('tcs-admin doctor', () => {
  it('warns (exit 1) about what needs attention, and lists it', async () => {
    const result = await run(['doctor']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^OK {3}connection: signed in/m);
    expect(result.stdout).toMatch(/^WARN rest-api: the REST API is off for 1 of 4/m);
    expect(result.stdout).toContain('University Library (1004)');
    expect(result.stdout).toMatch(/^WARN dcv: .*end within 30 days/m);
    expect(result.stdout).toContain('physics.sandbox-university.example');
    expect(result.stdout).toMatch(/^WARN notifications: \d+ baseline notification\(s\) are missing/m);
    const json = JSON.parse((await run(['doctor', '--json'])).stdout) as { status: string; checks: { check: string; status: string }[] };
    expect(json.status).toBe('WARN');
    expect(json.checks.map((check) => check.check)).toEqual(['connection', 'password', 'rest-api', 'writable', 'dcv', 'certificates', 'notifications']);
  });

  it('probes whether the tenant accepts orders without ordering anything', async () => {
    const before = sandbox.store.ssl.size;
    const result = await run(['doctor']);
    expect(result.stdout).toMatch(/^OK {3}writable: the tenant accepts certificate orders/m);
    expect(sandbox.store.ssl.size).toBe(before);
    const limited = await run(['doctor'], 'drao-physics');
    expect(limited.stdout).toMatch(/^OK {3}writable: (the tenant accepts|not checked)/m);
  });

  it('fails (exit 2) on a read-only tenant, and says what that means', async () => {
    const frozen = await startSandbox({ certificates: 0, readOnly: true });
    try {
      const result = await run(['doctor'], 'rao', frozen);
      expect(result.code).toBe(2);
      expect(result.stdout).toMatch(/^FAIL writable: The tenant is read-only/m);
      expect(frozen.store.ssl.size).toBe(0);
    } finally {
      await frozen.stop();
    }
  });

  it('fails (exit 2) when the password has expired or SCM refuses the sign-in', async () => {
    const expired = await run(['doctor'], 'rao-expired');
    expect(expired.code).toBe(2);
    expect(expired.stdout).toMatch(/^FAIL password: the password has expired/m);
    const stdout = sink();
    const stderr = sink();
    const refused = await main(['doctor', '--base-url', sandbox.url, '--customer-uri', sandbox.customerUri, '--login', 'rao', '--user-data', userData], { json: false, stdout, stderr }, { SCM_PASSWORD: 'Wrong-Password-123!' });
    expect(refused).toBe(2);
    expect(stdout.text()).toMatch(/^FAIL connection: .*Unknown user/m);
  });

  it('is all OK (exit 0) once everything is in order', async () => {
    const tidy = await startSandbox({ certificates: 0 });
    try {
      const password = tidy.logins.find((candidate) => candidate.login === 'rao-institute')!.password;
      for (const type of ['SSLExpiration', 'ClientCertExpiration', 'DCVExpiration', 'SSLAwaitingApproval', 'DomainAwaitingApproval', 'AdminCreation']) {
        const reply = await fetch(`${tidy.url}/api/notification/v1`, {
          method: 'POST',
          headers: { login: 'rao-institute', password, customerUri: tidy.customerUri, 'content-type': 'application/json' },
          body: JSON.stringify({ description: `baseline ${type}`, type, orgData: { selectedOrgType: 'SELECTED', orgDelegations: [1005] }, recipientData: { notifyRoles: ['ORGANIZATION_CONTACT'], recipients: [] }, additionalData: { days: 30 } }),
        });
        expect(reply.status).toBe(201);
      }
      const result = await run(['doctor'], 'rao-institute', tidy);
      expect(result.stdout).not.toMatch(/^(WARN|FAIL)/m);
      expect(result.code).toBe(0);
    } finally {
      await tidy.stop();
    }
  });
});

describe('tcs-admin and the audit log', () => {
  async function auditLines(folder: string): Promise<Record<string, unknown>[]> {
    const text = await readFile(join(folder, 'audit.jsonl'), 'utf8').catch(() => '');
    return text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  it('records the order probe of doctor in the app’s audit log, and nothing for reads', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'tcs-cli-audit-'));
    expect((await run(['orgs', 'list'], 'rao', sandbox, folder)).code).toBe(0);
    expect((await run(['certs', 'list', '--json'], 'rao', sandbox, folder)).code).toBe(0);
    expect(await auditLines(folder)).toEqual([]);
    await run(['doctor'], 'rao', sandbox, folder);
    const lines = await auditLines(folder);
    expect(lines).toEqual([
      {
        time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        who: 'rao',
        profileId: null,
        profileName: null,
        tenant: `${sandbox.customerUri} @ 127.0.0.1:${sandbox.port}`,
        operation: 'check whether the tenant accepts orders',
        method: 'POST',
        path: '/api/ssl/v1/enroll',
        objectIds: [],
        result: 'failed',
        status: 400,
        scmCode: expect.any(Number),
        durationMs: expect.any(Number),
      },
    ]);
    const password = sandbox.logins.find((candidate) => candidate.login === 'rao')!.password;
    expect(await readFile(join(folder, 'audit.jsonl'), 'utf8')).not.toContain(password);
  });
});

describe('tcs-admin --profile', () => {
  async function profilesFolder(): Promise<{ folder: string; id: string }> {
    const { ProfileService } = await import('../../src/main/services/profiles');
    const { MemoryCredentialStore } = await import('../../src/main/credentials');
    const { Notices } = await import('../../src/main/services/notices');
    const folder = await mkdtemp(join(tmpdir(), 'tcs-cli-profiles-'));
    const profiles = new ProfileService({ userDataDir: folder, credentials: new MemoryCredentialStore(), notices: new Notices() });
    const { id } = await profiles.create({ name: 'University Tenant', host: sandbox.url, customerUri: sandbox.customerUri, login: 'rao', authKind: 'password' });
    return { folder, id };
  }

  async function runWith(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
    const stdout = sink();
    const stderr = sink();
    const code = await main(args, { json: false, stdout, stderr }, env);
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  }

  it('connects with a saved profile, found by name in any case, with the password from SCM_PASSWORD', async () => {
    const { folder } = await profilesFolder();
    const password = sandbox.logins.find((candidate) => candidate.login === 'rao')!.password;
    const result = await runWith(['orgs', 'list', '--json', '--profile', 'university tenant', '--user-data', folder], { SCM_PASSWORD: password });
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { name: string }[]).map((org) => org.name)).toContain('Sandbox University');
    const doctor = await runWith(['doctor', '--profile', 'University Tenant', '--user-data', folder], { SCM_PASSWORD: password });
    expect(doctor.stdout).toMatch(/^OK {3}connection: signed in to .* as rao/m);
  });

  it('records what a profile’s command sent to SCM under the profile, in that profile folder’s audit log', async () => {
    const { folder, id } = await profilesFolder();
    const password = sandbox.logins.find((candidate) => candidate.login === 'rao')!.password;
    await runWith(['doctor', '--profile', 'University Tenant', '--user-data', folder], { SCM_PASSWORD: password });
    const lines = (await readFile(join(folder, 'audit.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ who: 'rao', profileId: id, profileName: 'University Tenant', tenant: `${sandbox.customerUri} @ 127.0.0.1:${sandbox.port}`, method: 'POST', result: 'failed' });
  });

  it('runs the Sandbox profile on a copy of the practice tenant, without a password', async () => {
    const { folder } = await profilesFolder();
    const result = await runWith(['orgs', 'list', '--profile', 'Sandbox', '--user-data', folder], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Sandbox University');
  });

  it('refuses a profile together with connection flags, an unknown profile, and a profile without a secret', async () => {
    const { folder } = await profilesFolder();
    const both = await runWith(['orgs', 'list', '--profile', 'Sandbox', '--login', 'rao', '--user-data', folder], {});
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('Give either --profile or --login, not both');
    const unknown = await runWith(['orgs', 'list', '--profile', 'Nope', '--user-data', folder], {});
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/No profile called "Nope".*Profiles there: Sandbox, University Tenant/);
    const secretless = await runWith(['doctor', '--profile', 'University Tenant', '--user-data', folder], {});
    expect(secretless.code).toBe(2);
    expect(secretless.stderr).toMatch(/keychain/);
  });

  it.each([
    ['a zero-width space', 'University\u200BTenant', '200B'],
    ['a right-to-left override', 'University \u202ETenant', '202E'],
    ['a line feed', 'University\nTenant', '000A'],
  ])('refuses a profile name with %s instead of matching or missing it quietly', async (_what, name, code) => {
    const { folder } = await profilesFolder();
    const result = await runWith(['orgs', 'list', '--profile', name, '--user-data', folder], { SCM_PASSWORD: 'Whatever-Pass-1!' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`U+${code}`);
  });

  it('does not send a secret SCM refused before, as cron would until the account locks', async () => {
    const { ProfileService } = await import('../../src/main/services/profiles');
    const { MemoryCredentialStore } = await import('../../src/main/credentials');
    const { Notices } = await import('../../src/main/services/notices');
    const { folder, id } = await profilesFolder();
    await new ProfileService({ userDataDir: folder, credentials: new MemoryCredentialStore(), notices: new Notices() }).noteRefusal(id);
    const held = await runWith(['doctor', '--profile', 'University Tenant', '--user-data', folder], {});
    expect(held.code).toBe(2);
    expect(held.stderr).toMatch(/SCM refused the secret of the profile "University Tenant" on \d{4}-\d{2}-\d{2}, so it is not sent again/);
  });
});

describe('the built tcs-admin, piped into a reader that stops early', () => {
  const cli = fileURLToPath(new URL('../../out/main/cli.js', import.meta.url));

  it('ends quietly with status 0 when stdout is closed after the first line, as under `| head -1`', async () => {
    expect(existsSync(cli), 'out/main/cli.js is missing: build first (npx electron-vite build)').toBe(true);
    // Far more output than a pipe holds (64 kB), so the command is still writing when the reader goes.
    const big = await startSandbox({ certificates: 5000 });
    try {
      const password = big.logins.find((candidate) => candidate.login === 'mrao')!.password;
      const child = spawn(process.execPath, [cli, 'certs', 'list', '--base-url', big.url, '--customer-uri', big.customerUri, '--login', 'mrao'], {
        env: { ...process.env, SCM_PASSWORD: password },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
      let firstLine = '';
      await new Promise<void>((resolve) => {
        child.stdout.on('data', (chunk: Buffer) => {
          firstLine += chunk.toString();
          if (firstLine.includes('\n')) {
            // What `head -1` does once it has its line: it stops reading and closes the pipe.
            child.stdout.destroy();
            resolve();
          }
        });
        child.stdout.once('close', () => resolve());
      });
      expect(firstLine).toMatch(/^ID\s+COMMON NAME\s+STATUS/);
      expect(await ended).toEqual({ code: 0, signal: null });
      expect(stderr).toBe('');
    } finally {
      await big.stop();
    }
  }, 60_000);
});
