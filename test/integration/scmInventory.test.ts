import { afterEach, describe, expect, it } from 'vitest';
import type { SslInventoryRow } from '../../src/shared/scm/types';
import { ScmClient, type ScmClientOptions } from '../../src/main/scm/client';
import { IncompleteInventoryError, inventoryFromDetails, type DetailsCheckpoint } from '../../src/main/scm/reports';
import { SslApi } from '../../src/main/scm/ssl';
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../src/sandbox';

const running: { sandbox: SandboxHandle; client: ScmClient }[] = [];

afterEach(async () => {
  for (const { sandbox, client } of running.splice(0)) {
    await client.close();
    await sandbox.stop();
  }
});

/** How many times each certificate's details were read successfully, from the client's own request log. */
function detailReads(): { log: (line: string) => void; counts: Map<number, number> } {
  const counts = new Map<number, number>();
  return {
    counts,
    log: (line) => {
      const match = /^GET \/api\/ssl\/v1\/(\d+) → 200 /.exec(line);
      if (match !== null) counts.set(Number(match[1]), (counts.get(Number(match[1])) ?? 0) + 1);
    },
  };
}

async function connect(sandboxOptions: SandboxOptions, clientOptions: Partial<ScmClientOptions> = {}) {
  const sandbox = await startSandbox(sandboxOptions);
  const password = sandbox.logins.find((candidate) => candidate.login === 'mrao')!.password;
  const client = new ScmClient({
    baseUrl: sandbox.url,
    auth: { kind: 'password', login: 'mrao', customerUri: sandbox.customerUri, password: async () => password },
    // Few, quick tries per request: the inventory's own rounds must do the rest.
    retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
    ...clientOptions,
  });
  running.push({ sandbox, client });
  return { sandbox, client, ssl: new SslApi(client) };
}

/** What the inventory must say of each certificate, as the sandbox keeps it. */
const essentials = (row: SslInventoryRow) => ({
  id: row.id,
  orgId: row.orgId,
  commonName: row.commonName,
  subjectAlternativeNames: row.subjectAlternativeNames,
  status: row.status,
  requested: row.requested,
  issued: row.issued,
  expires: row.expires,
});

const day = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().slice(0, 10));

/** The sandbox's own record of every certificate, in the order SCM lists them. */
function truth(sandbox: SandboxHandle): ReturnType<typeof essentials>[] {
  return [...sandbox.store.ssl.values()].map((certificate) => ({
    id: certificate.id,
    orgId: certificate.orgId,
    commonName: certificate.commonName,
    subjectAlternativeNames: certificate.subjectAlternativeNames,
    status: certificate.status,
    requested: day(certificate.requested),
    issued: day(certificate.issued),
    expires: day(certificate.expires),
  }));
}

const quickRounds = { retryPauseMs: 1, attempts: 6 };

describe('the inventory from the list and each certificate’s details', () => {
  it('completes with every row correct while a fifth of requests fail, run after run', async () => {
    for (const seed of [1, 2, 3]) {
      const { sandbox, ssl } = await connect({ seed, certificates: 300, faultRate: 0.2 });
      const rows = await inventoryFromDetails(ssl, {}, quickRounds);
      expect(rows.map(essentials)).toEqual(truth(sandbox));
      sandbox.faults.faultRate = 0;
      expect(rows).toEqual(await inventoryFromDetails(ssl, {}));
    }
  }, 120_000);

  it('stops every read at the first lasting failure, and says what it had read', async () => {
    const reads = detailReads();
    const { sandbox, ssl } = await connect({ certificates: 300 }, { log: reads.log, retry: { attempts: 1 } });
    const checkpoints: DetailsCheckpoint[] = [];
    const error = await inventoryFromDetails(ssl, {}, {
      attempts: 1,
      concurrency: 4,
      checkpointEvery: 25,
      onCheckpoint: (checkpoint) => checkpoints.push(checkpoint),
      // SCM goes down for good once 120 certificates are read.
      onProgress: ({ done }) => {
        if (done === 120) sandbox.faults.faultRate = 1;
      },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IncompleteInventoryError);
    const incomplete = error as IncompleteInventoryError;
    expect(['unavailable', 'network']).toContain(incomplete.kind);
    expect(incomplete.message).toMatch(/^Could not read SSL certificate \d+: /);
    const readIds = incomplete.checkpoint.rows.map((row) => row.id).sort((a, b) => a - b);
    expect(readIds.length).toBeGreaterThanOrEqual(120);
    expect(readIds.length).toBeLessThan(300);
    expect(readIds).toEqual([...reads.counts.keys()].sort((a, b) => a - b));
    // The last checkpoint heard is the one the failure carries.
    expect(checkpoints.at(-1)).toEqual(incomplete.checkpoint);
    expect(checkpoints.slice(0, -1).every((checkpoint) => checkpoint.rows.length % 25 === 0)).toBe(true);

    sandbox.faults.faultRate = 0;
    const rows = await inventoryFromDetails(ssl, {}, { resume: incomplete.checkpoint });
    expect(rows.map((row) => row.id)).toEqual([...sandbox.store.ssl.keys()]);
    expect([...reads.counts.values()].every((count) => count === 1)).toBe(true);
    expect(reads.counts.size).toBe(300);
  });

  it('continues a cancelled run without reading any certificate twice, under faults', async () => {
    const reads = detailReads();
    const { sandbox, ssl } = await connect({ seed: 7, certificates: 300, faultRate: 0.2 }, { log: reads.log });
    const controller = new AbortController();
    const progress: number[] = [];
    const error = await inventoryFromDetails(ssl, {}, {
      ...quickRounds,
      signal: controller.signal,
      onProgress: ({ done }) => {
        progress.push(done);
        if (done === 100) controller.abort();
      },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IncompleteInventoryError);
    const { kind, message, checkpoint } = error as IncompleteInventoryError;
    expect(kind).toBe('cancelled');
    expect(message).toBe('Stopped: reading the SSL certificates was cancelled.');
    expect(checkpoint.rows.length).toBeGreaterThanOrEqual(100);
    expect(checkpoint.rows.length).toBeLessThan(300);

    // What a job would do: keep the checkpoint as JSON, and continue from it later.
    const stored = JSON.parse(JSON.stringify(checkpoint)) as DetailsCheckpoint;
    const resumed: number[] = [];
    const rows = await inventoryFromDetails(ssl, {}, { ...quickRounds, resume: stored, onProgress: ({ done }) => resumed.push(done) });
    expect(rows.map(essentials)).toEqual(truth(sandbox));
    expect(resumed[0]).toBe(checkpoint.rows.length);
    expect(resumed.at(-1)).toBe(300);
    expect(reads.counts.size).toBe(300);
    expect([...reads.counts.values()].every((count) => count === 1)).toBe(true);
  }, 60_000);
});
