import { appendFile, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { AuditService } from '../../src/main/services/audit';
import { AuditLog } from '../../src/main/storage';
import { auditFilterSchema, auditQuerySchema, type AuditRecord } from '../../src/shared/audit';

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'tcs-audit-log-'));
});

function record(minute: number, changes: Partial<AuditRecord> = {}): AuditRecord {
  return {
    time: new Date(Date.UTC(2026, 2, 1, 9, minute)).toISOString(),
    who: 'rao',
    profileId: 'a1b2c3d4e5f60718',
    profileName: 'University',
    tenant: 'sandbox-university @ cert-manager.com',
    operation: `delete admin ${1000 + minute}`,
    method: 'DELETE',
    path: `/api/admin/v1/${1000 + minute}`,
    objectIds: [1000 + minute],
    result: 'ok',
    status: 204,
    scmCode: null,
    durationMs: 12,
    ...changes,
  };
}

describe('the audit log file', () => {
  it('appends whole lines, each a JSON object, in the order given, and creates its file private', async () => {
    const log = new AuditLog(join(folder, 'audit.jsonl'));
    await Promise.all(Array.from({ length: 50 }, (_, n) => log.append({ n })));
    const text = await readFile(log.path, 'utf8');
    expect(text.split('\n').slice(0, -1).map((line) => (JSON.parse(line) as { n: number }).n)).toEqual(Array.from({ length: 50 }, (_, n) => n));
    if (process.platform !== 'win32') expect((await stat(log.path)).mode & 0o777).toBe(0o600);
  });

  it('ignores a last line torn by a crash, and closes it before the next entry', async () => {
    const log = new AuditLog(join(folder, 'audit.jsonl'));
    await log.append({ n: 1 });
    await appendFile(log.path, '{"n": 2, "operat');
    const torn = await log.readFrom(0);
    expect(torn.entries).toEqual([{ n: 1 }]);
    // The torn bytes are not consumed: reading goes on from the end of the last whole line.
    expect(torn.next).toBe(Buffer.byteLength('{"n":1}\n'));
    await log.append({ n: 3 });
    expect((await log.readFrom(0)).entries).toEqual([{ n: 1 }, { n: 3 }]);
    expect((await log.readFrom(torn.next)).entries).toEqual([{ n: 3 }]);
  });

  it('reads only what was appended since, and from the start again when the file was replaced', async () => {
    const log = new AuditLog(join(folder, 'audit.jsonl'));
    expect(await log.readFrom(0)).toEqual({ entries: [], next: 0, restarted: false });
    await log.append({ n: 1 });
    const first = await log.readFrom(0);
    await log.append({ n: 2 });
    expect((await log.readFrom(first.next)).entries).toEqual([{ n: 2 }]);
    await writeFile(log.path, '{"n":9}\n');
    expect(await log.readFrom(100)).toMatchObject({ entries: [{ n: 9 }], restarted: true });
  });
});

describe('the audit service', () => {
  async function filled(records: AuditRecord[]): Promise<AuditService> {
    const audit = new AuditService({ userDataDir: folder });
    for (const entry of records) await audit.record(entry);
    return audit;
  }

  it('lists newest first, in windows, with the total the filter selects', async () => {
    const audit = await filled(Array.from({ length: 30 }, (_, minute) => record(minute)));
    const first = await audit.list({ offset: 0, limit: 10 });
    expect(first.total).toBe(30);
    expect(first.rows.map((row) => row.objectIds[0])).toEqual([1029, 1028, 1027, 1026, 1025, 1024, 1023, 1022, 1021, 1020]);
    const last = await audit.list({ offset: 25, limit: 10 });
    expect(last.rows.map((row) => row.objectIds[0])).toEqual([1004, 1003, 1002, 1001, 1000]);
    expect((await audit.list({ offset: 40, limit: 10 })).rows).toEqual([]);
  });

  it('puts the later of two writes at the same time first, and sorts by time, not by the order written', async () => {
    const audit = await filled([record(5, { operation: 'first' }), record(1, { operation: 'earliest' }), record(5, { operation: 'second' })]);
    expect((await audit.list({ offset: 0, limit: 10 })).rows.map((row) => row.operation)).toEqual(['second', 'first', 'earliest']);
  });

  it('filters by text in any field, operation, result, profile and time, all at once', async () => {
    const audit = await filled([
      record(0),
      record(1, { operation: 'change the password', method: 'POST', path: '/api/admin/v1/changepassword', objectIds: [], status: 204 }),
      record(2, { result: 'failed', status: 400, scmCode: -16, who: 'drao-physics' }),
      record(3, { result: 'outcome-unknown', status: null, profileId: 'ffffffffffffffff', profileName: 'Other' }),
      record(4, { operation: 'create notification “=HYPERLINK()”', method: 'POST', path: '/api/notification/v1', objectIds: [77] }),
    ]);
    const ops = async (filter: object) => (await audit.list({ filter: auditFilterSchema.parse(filter), offset: 0, limit: 500 })).rows.map((row) => row.operation);
    expect(await ops({ text: 'PHYSICS' })).toEqual(['delete admin 1002']);
    expect(await ops({ text: '-16' })).toEqual(['delete admin 1002']);
    expect(await ops({ text: '77' })).toEqual(['create notification “=HYPERLINK()”']);
    expect(await ops({ operation: 'Delete Admin' })).toEqual(['delete admin 1003', 'delete admin 1002', 'delete admin 1000']);
    expect(await ops({ result: 'outcome-unknown' })).toEqual(['delete admin 1003']);
    expect(await ops({ profileId: 'ffffffffffffffff' })).toEqual(['delete admin 1003']);
    expect(await ops({ from: '2026-03-01T09:01:00Z', to: '2026-03-01T09:03:00Z' })).toEqual(['delete admin 1002', 'change the password']);
    expect(await ops({ from: '2026-03-01T10:01:00+01:00', operation: 'delete', result: 'ok' })).toEqual([]);
    expect(await ops({ from: '2026-03-01T10:00:00+01:00', operation: 'delete', result: 'ok' })).toEqual(['delete admin 1000']);
  });

  it('sees what another process appended since it last read, and skips lines that are not records', async () => {
    const audit = await filled([record(0)]);
    expect((await audit.list({ offset: 0, limit: 5 })).total).toBe(1);
    await appendFile(audit.path, `${JSON.stringify({ something: 'else' })}\n${JSON.stringify(record(1))}\n{"torn`);
    expect((await audit.list({ offset: 0, limit: 5 })).rows.map((row) => row.objectIds[0])).toEqual([1001, 1000]);
  });

  it('exports what the filter selects as CSV, newest first, quoted where needed and safe from spreadsheet formulas', async () => {
    const audit = await filled([record(0), record(1, { operation: 'create notification "=cmd", at once', objectIds: [5, 6], scmCode: -16 }), record(2, { result: 'failed' })]);
    const { text, count, total } = await audit.exportCsv({ result: 'ok' });
    expect([count, total]).toEqual([2, 2]);
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('Time,Who,Profile,Profile ID,Tenant,Operation,Method,Path,Object IDs,Result,HTTP status,SCM code,Duration (ms)');
    expect(lines[1]).toBe('2026-03-01T09:01:00.000Z,rao,University,a1b2c3d4e5f60718,sandbox-university @ cert-manager.com,"create notification ""=cmd"", at once",DELETE,/api/admin/v1/1001,5 6,ok,204,-16,12');
    expect(lines[2]).toContain(',delete admin 1000,');
    const formula = await filled([record(3, { operation: '=1+1' })]);
    expect((await formula.exportCsv({ text: '=1+1' })).text).toContain(",'=1+1,");
  });

  it('reports a record it could not write instead of failing the change it records', async () => {
    const told: string[] = [];
    // A folder where the file should be: the append cannot open it.
    const blocked = join(folder, 'blocked');
    await writeFile(blocked, 'not a folder');
    const audit = new AuditService({ userDataDir: blocked, onFailure: (message) => told.push(message) });
    await audit.record(record(0));
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/delete admin 1000.*could not be written to the audit log/);
  });
});

describe('the audit contract', () => {
  it('takes at most 500 rows a window, and times only with their offset', () => {
    expect(auditQuerySchema.safeParse({ offset: 0, limit: 500 }).success).toBe(true);
    expect(auditQuerySchema.safeParse({ offset: 0, limit: 501 }).success).toBe(false);
    expect(auditQuerySchema.safeParse({ offset: -1, limit: 10 }).success).toBe(false);
    expect(auditFilterSchema.safeParse({ from: '2026-03-01' }).success).toBe(false);
    expect(auditFilterSchema.safeParse({ from: '2026-03-01T00:00:00+01:00' }).success).toBe(true);
    expect(auditFilterSchema.safeParse({ text: 'x'.repeat(201) }).success).toBe(false);
    expect(auditFilterSchema.safeParse({ password: 'x' }).success).toBe(false);
  });
});
