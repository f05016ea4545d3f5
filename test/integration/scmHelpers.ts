import { Writable } from 'node:stream';
import { ScmClient, type ScmClientOptions } from '../../src/main/scm/client';
import { ScmClientError } from '../../src/main/scm/errors';
import type { SandboxHandle } from '../../src/sandbox';

/** The error a call fails with; the test fails if it succeeds or throws something else. */
export async function failure(promise: Promise<unknown>): Promise<ScmClientError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ScmClientError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** Clients signed in as the sandbox's seeded admins; `closeAll` when the file is done. */
export function sandboxClients(sandbox: () => SandboxHandle) {
  const clients: ScmClient[] = [];
  return {
    as(login: string, timeouts?: ScmClientOptions['timeouts']): ScmClient {
      const handle = sandbox();
      const password = handle.logins.find((entry) => entry.login === login)!.password;
      const client = new ScmClient({ baseUrl: handle.url, auth: { kind: 'password', login, customerUri: handle.customerUri, password: async () => password }, ...(timeouts === undefined ? {} : { timeouts }) });
      clients.push(client);
      return client;
    },
    closeAll: () => Promise.all(clients.splice(0).map((client) => client.close())),
  };
}

/** Short waits, so a request that is never answered fails fast with an unknown outcome. */
export const shortWait = { normal: { headersMs: 600, bodyMs: 600 }, long: { headersMs: 600, bodyMs: 600 } };

/** The next `count` requests are done by the sandbox but never answered, as when a network drops the reply. */
export function loseNextAnswers(sandbox: SandboxHandle, count = 1): void {
  sandbox.faults.loseNextAnswers = count;
}

/** A stream that keeps what is written, for the command line's stdout and stderr. */
export function sink(): Writable & { text: () => string; isTTY?: boolean } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(Buffer.from(chunk));
      callback();
    },
  }) as Writable & { text: () => string };
  stream.text = () => Buffer.concat(chunks).toString('utf8');
  return stream;
}
