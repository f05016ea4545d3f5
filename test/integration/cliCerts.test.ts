import { X509Certificate } from 'node:crypto';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { csvHeader, csvLines } from '../../src/main/services/certificates/query';
import { shown } from '../../src/main/services/certificates/rows';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import type { SslCertificate } from '../../src/sandbox/state/model';
import { sink } from './scmHelpers';

let sandbox: SandboxHandle;
let folder: string;

beforeEach(async () => {
  sandbox = await startSandbox({ issueDelaySeconds: 0.2 });
  folder = await mkdtemp(join(tmpdir(), 'tcs-cli-certs-'));
});

afterEach(async () => {
  await sandbox.stop();
});

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs tcs-admin as the sandbox's RAO; `answer` is typed in a terminal when given, else stdin is not one. */
async function run(args: string[], answer?: string): Promise<Outcome> {
  const stdout = sink();
  const stderr = sink();
  let stdin: (PassThrough & { isTTY?: boolean }) | undefined;
  if (answer !== undefined) {
    stdin = new PassThrough();
    stdin.isTTY = true;
    stdin.end(answer);
  }
  const password = sandbox.logins.find((candidate) => candidate.login === 'rao')!.password;
  const connection = ['--base-url', sandbox.url, '--customer-uri', sandbox.customerUri, '--login', 'rao', '--user-data', folder];
  const code = await main([...args, ...connection], { json: false, stdout, stderr, ...(stdin === undefined ? {} : { stdin }) }, { SCM_PASSWORD: password });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** The RAO's university and the departments whose REST API is on (not the Library's). */
const actionable = new Set([1001, 1002, 1003]);

/** SSL certificates the RAO may act on. */
function ssl(status: SslCertificate['status'], where: (certificate: SslCertificate) => boolean = () => true): SslCertificate[] {
  return [...sandbox.store.ssl.values()].filter((certificate) => certificate.status === status && actionable.has(certificate.orgId) && where(certificate));
}

/** How many times the sandbox recorded this action on this certificate. */
function recorded(action: string, id: number): number {
  return sandbox.store.activity.filter((entry) => entry.action === action && entry.details.startsWith(`${id} `)).length;
}

async function file(name: string, content: string): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, content);
  return path;
}

describe('tcs-admin certs revoke', () => {
  it('refuses to revoke even one certificate without --yes when not in a terminal, and changes nothing', async () => {
    const [target] = ssl('Issued');
    const refused = await run(['certs', 'revoke', `ssl-${target!.id}`, '--reason-code', '4', '--reason', 'Server retired']);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain(`ssl-${target!.id}`);
    expect(refused.stderr).toContain('there is no terminal to ask in. Nothing was sent');
    expect(refused.stderr).toContain('--yes');
    expect(sandbox.store.ssl.get(target!.id)!.status).toBe('Issued');
    expect(recorded('SSL certificate revoked', target!.id)).toBe(0);

    const done = await run(['certs', 'revoke', String(target!.id), '--reason-code', '4', '--reason', 'Server retired', '--yes']);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(new RegExp(`revoked\\s+ssl-${target!.id}`));
    expect(sandbox.store.ssl.get(target!.id)).toMatchObject({ status: 'Revoked', reasonCode: 4, revokeReason: 'Server retired' });

    const again = await run(['certs', 'revoke', `ssl-${target!.id}`, '--reason-code', '4', '--reason', 'Server retired', '--yes']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('this one is Revoked');
    expect(recorded('SSL certificate revoked', target!.id)).toBe(1);
  });

  it('asks in a terminal, and revokes only after a yes', async () => {
    const [first, second] = ssl('Issued');
    const declined = await run(['certs', 'revoke', `ssl-${first!.id}`, '--reason-code', '0', '--reason', 'Test'], 'n\n');
    expect(declined.code).toBe(2);
    expect(declined.stderr).toContain('Proceed? [y/N]');
    expect(sandbox.store.ssl.get(first!.id)!.status).toBe('Issued');
    const confirmed = await run(['certs', 'revoke', `ssl-${second!.id}`, '--reason-code', '0', '--reason', 'Test'], 'y\n');
    expect(confirmed.code).toBe(0);
    expect(sandbox.store.ssl.get(second!.id)!.status).toBe('Revoked');
  });

  it('revokes what a --from file lists, each once, skipping what cannot be revoked, with a CSV summary', async () => {
    const issued = ssl('Issued').slice(0, 3);
    const [expired] = ssl('Expired');
    const list = await file('revoke.txt', `# retired servers\nssl-${issued[0]!.id}\n${issued[1]!.id}   # bare id\n\nssl-${issued[2]!.id}\nssl-${expired!.id}\nssl-${issued[0]!.id}\n`);
    const args = ['certs', 'revoke', '--from', list, '--reason-code', '5', '--reason', 'Servers retired'];

    const refused = await run(args);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain('Revoke 3 of 4 certificates');
    expect(refused.stdout).toMatch(new RegExp(`skip\\s+ssl-${expired!.id}.*Only an issued certificate`));
    expect(refused.stderr).toContain('this would revoke 3 certificates');
    expect(issued.every((certificate) => sandbox.store.ssl.get(certificate.id)!.status === 'Issued')).toBe(true);

    const summary = join(folder, 'summary.csv');
    const done = await run([...args, '--yes', '--summary', summary]);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('Done: 3 revoked, 1 skipped, 0 failed, 0 unknown.');
    for (const certificate of issued) {
      expect(sandbox.store.ssl.get(certificate.id)!.status).toBe('Revoked');
      expect(recorded('SSL certificate revoked', certificate.id)).toBe(1);
    }
    expect(sandbox.store.ssl.get(expired!.id)!.status).toBe('Expired');
    const lines = (await readFile(summary, 'utf8')).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('certificate,common name,status before,action,outcome,note,new certificate');
    expect(lines.filter((line) => line.includes(',revoke,done,'))).toHaveLength(3);
    expect(lines.filter((line) => line.includes(',revoke,skipped,'))).toHaveLength(1);
  });

  it('revokes what a filter selects, as the app filters, each once', async () => {
    const inPhysics = (certificate: { orgId: number }) => certificate.orgId === 1002;
    const now = Date.now();
    const targets = ssl('Issued', (certificate) => inPhysics(certificate) && certificate.expires! > now);
    const clients = [...sandbox.store.smime.values()].filter((certificate) => inPhysics(certificate) && certificate.state === 'issued' && certificate.expires! > now);
    const others = ssl('Issued', (certificate) => !inPhysics(certificate));
    expect(targets.length).toBeGreaterThan(1);

    const result = await run(['certs', 'revoke', '--state', 'issued', '--org', '1002', '--reason-code', '4', '--reason', 'Department closed', '--yes', '--json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { ran: boolean; counts: { done: number; failed: number }; items: { key: string; outcome: string }[] };
    expect(json.ran).toBe(true);
    expect(json.counts).toMatchObject({ done: targets.length + clients.length, failed: 0 });
    expect(json.items.map((item) => item.key).sort()).toEqual([...targets.map((certificate) => `ssl-${certificate.id}`), ...clients.map((certificate) => `smime-${certificate.id}`)].sort());
    for (const certificate of targets) expect(recorded('SSL certificate revoked', certificate.id)).toBe(1);
    for (const certificate of clients) expect(sandbox.store.smime.get(certificate.id)!.state).toBe('revoked');
    expect(others.every((certificate) => sandbox.store.ssl.get(certificate.id)!.status === 'Issued')).toBe(true);
  });

  it('says what is missing or wrong before reading anything, with exit code 2', async () => {
    const [target] = ssl('Issued');
    const noCode = await run(['certs', 'revoke', `ssl-${target!.id}`, '--reason', 'x', '--yes']);
    expect(noCode.code).toBe(2);
    expect(noCode.stderr).toContain('--reason-code: 0 unspecified, 1 key compromise');
    const noReason = await run(['certs', 'revoke', `ssl-${target!.id}`, '--reason-code', '1', '--yes']);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('add --reason TEXT');
    const both = await run(['certs', 'revoke', `ssl-${target!.id}`, '--state', 'issued', '--reason-code', '1', '--reason', 'x']);
    expect(both.stderr).toContain('not both');
    const nothing = await run(['certs', 'revoke', '--reason-code', '1', '--reason', 'x']);
    expect(nothing.stderr).toContain('Give KEY…');
    const badKey = await run(['certs', 'revoke', 'www.example.org', '--reason-code', '1', '--reason', 'x']);
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toContain('"www.example.org" is not a certificate');
    expect(sandbox.store.ssl.get(target!.id)!.status).toBe('Issued');
  });
});

describe('tcs-admin certs approve, decline and renew', () => {
  it('approves a certificate awaiting approval, and refuses one that is not', async () => {
    const [requested] = ssl('Requested', (certificate) => certificate.requester !== 'rao');
    const approved = await run(['certs', 'approve', `ssl-${requested!.id}`, '--message', 'Approved for the web team']);
    expect(approved.code).toBe(0);
    expect(approved.stdout).toMatch(new RegExp(`approved\\s+ssl-${requested!.id}`));
    expect(sandbox.store.ssl.get(requested!.id)!.status).not.toBe('Requested');
    expect(recorded('SSL certificate approved', requested!.id)).toBe(1);
    const [issued] = ssl('Issued');
    const refused = await run(['certs', 'approve', `ssl-${issued!.id}`, '--message', 'x']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Only a certificate awaiting approval (Requested) can be approved');
    expect((await run(['certs', 'approve', `ssl-${requested!.id}`])).stderr).toContain('add --message TEXT');
  });

  it('declines one certificate with a message', async () => {
    const [requested] = ssl('Requested');
    const declined = await run(['certs', 'decline', `ssl-${requested!.id}`, '--message', 'Not our domain']);
    expect(declined.code).toBe(0);
    expect(declined.stdout).toContain(`Declined ${requested!.commonName}.`);
    expect(sandbox.store.ssl.get(requested!.id)!.status).toBe('Declined');
  });

  it('renews one certificate: SCM has a new order linked to it', async () => {
    const renewable = new Set([...sandbox.store.profiles.values()].filter((profile) => profile.allowRenew).map((profile) => profile.id));
    const [original] = ssl('Issued', (certificate) => renewable.has(certificate.profileId) && certificate.orgId === 1001);
    const before = sandbox.store.ssl.size;
    const result = await run(['certs', 'renew', `ssl-${original!.id}`, '--json']);
    expect(result.code).toBe(0);
    expect(sandbox.store.ssl.size).toBe(before + 1);
    const renewal = [...sandbox.store.ssl.values()].find((certificate) => certificate.renewedFromId === original!.id)!;
    expect(renewal.commonName).toBe(original!.commonName);
    expect(sandbox.store.ssl.get(original!.id)!.renewedToId).toBe(renewal.id);
    const json = JSON.parse(result.stdout) as { items: { key: string; outcome: string; newKey: string }[] };
    expect(json.items).toEqual([expect.objectContaining({ key: `ssl-${original!.id}`, outcome: 'done', newKey: `ssl-${renewal.id}` })]);
  });
});

describe('tcs-admin certs collect', () => {
  it('downloads several certificates into a folder, one file each, leaf first', async () => {
    const chosen = ssl('Issued', (certificate) => certificate.orgId === 1001).slice(0, 3);
    const outDir = join(folder, 'certificates');
    const keys = chosen.map((certificate) => `ssl-${certificate.id}`);
    const refused = await run(['certs', 'collect', ...keys, '--out-dir', outDir]);
    expect(refused.code).toBe(2);
    const result = await run(['certs', 'collect', ...keys, '--out-dir', outDir, '--yes']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Done: 3 downloaded');
    const files = await readdir(outDir);
    expect(files).toHaveLength(3);
    for (const certificate of chosen) {
      const name = files.find((candidate) => candidate.includes(`-${certificate.id}-chain.pem`))!;
      const pems = (await readFile(join(outDir, name), 'utf8')).match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)!;
      expect(pems.length).toBeGreaterThan(1);
      expect(new X509Certificate(pems[0]!).subject).toContain(certificate.commonName);
    }
    const several = await run(['certs', 'collect', ...keys, '--out', join(folder, 'one.pem')]);
    expect(several.code).toBe(2);
    expect(several.stderr).toContain('--out-dir DIR');
  });

  it('takes the certificates from a CSV the app exported, and reports one SCM does not have', async () => {
    const chosen = ssl('Issued', (certificate) => certificate.orgId === 1003).slice(0, 2);
    const rows = chosen.map((certificate) =>
      shown({ key: `ssl-${certificate.id}`, kind: 'ssl', id: certificate.id, backendCertId: null, commonName: certificate.commonName, names: [`a,b "${certificate.commonName}"`], status: 'Issued', baseState: 'issued', orgId: 1003, orgName: 'Department of Computer Science', profileName: null, term: null, requested: null, issued: null, expires: null, requester: null, serialNumber: null }, 0),
    );
    const exported = await file('export.csv', `\uFEFF${csvHeader()}${csvLines(rows)}`);
    const outDir = join(folder, 'from-csv');
    const result = await run(['certs', 'collect', '--from', exported, '--out-dir', outDir, '--yes']);
    expect(result.code).toBe(0);
    expect((await readdir(outDir)).sort()).toEqual(chosen.map((certificate) => `${certificate.commonName}-${certificate.id}-chain.pem`).sort());

    const missing = await run(['certs', 'collect', `ssl-${chosen[0]!.id}`, 'ssl-999999', '--out-dir', outDir, '--yes']);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/not found\s+ssl-999999/);
    expect(missing.stderr).toContain('1 certificate was not found');
  });

  it('still writes one certificate to a file, as before', async () => {
    const [certificate] = ssl('Issued', (candidate) => candidate.orgId === 1001);
    const target = join(folder, 'one.pem');
    const result = await run(['certs', 'collect', String(certificate!.id), '--out', target]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^Wrote \d+ bytes to /);
    expect(new X509Certificate(await readFile(target, 'utf8')).subject).toContain(certificate!.commonName);
  });
});
