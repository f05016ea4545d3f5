import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main';
import type { SandboxHandle } from '../../src/sandbox';
import { sink } from './scmHelpers';

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs tcs-admin against a sandbox as one of its seeded admins (the RAO unless
 * told). With `answer`, both ends are a terminal and the answer is typed;
 * without, neither is, as in a script.
 */
export async function runCli(sandbox: SandboxHandle, folder: string, args: string[], options: { as?: string; answer?: string } = {}): Promise<CliOutcome> {
  const stdout = sink();
  const stderr = sink();
  let stdin: (PassThrough & { isTTY?: boolean }) | undefined;
  if (options.answer !== undefined) {
    stdin = new PassThrough();
    stdin.isTTY = true;
    stdout.isTTY = true;
    stdin.end(options.answer);
  }
  const login = options.as ?? 'rao';
  const password = sandbox.logins.find((candidate) => candidate.login === login)!.password;
  const connection = ['--base-url', sandbox.url, '--customer-uri', sandbox.customerUri, '--login', login, '--user-data', folder];
  const code = await main([...args, ...connection], { json: false, stdout, stderr, ...(stdin === undefined ? {} : { stdin }) }, { SCM_PASSWORD: password });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
