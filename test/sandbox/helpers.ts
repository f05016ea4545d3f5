import { afterAll, beforeAll } from 'vitest';
import { ManualClock, startSandbox, type SandboxHandle, type SandboxOptions } from '../../src/sandbox';

/**
 * A plain HTTP client for black-box tests of the sandbox: fetch with the three
 * SCM headers, deliberately not the console's own SCM client.
 */
export interface ScmCaller {
  (method: string, path: string, body?: unknown, extraHeaders?: Record<string, string>): Promise<ScmReply>;
}

export interface ScmReply {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is empty or not JSON. */
  json: unknown;
  bytes: Buffer;
}

export function passwordOf(sandbox: SandboxHandle, login: string): string {
  const entry = sandbox.logins.find((candidate) => candidate.login === login);
  if (entry === undefined) throw new Error(`no seeded login ${login}`);
  return entry.password;
}

/** Calls the sandbox as `login` (with its seeded password unless one is given). */
export function callerFor(sandbox: SandboxHandle, login: string, password = passwordOf(sandbox, login)): ScmCaller {
  return async (method, path, body, extraHeaders = {}) => {
    const response = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: {
        login,
        password,
        customerUri: sandbox.customerUri,
        ...(body === undefined ? {} : { 'content-type': 'application/json;charset=UTF-8' }),
        ...extraHeaders,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString('utf8');
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json, bytes };
  };
}

/** The id at the end of a 201's Location header. */
export function idFromLocation(reply: ScmReply): number {
  const location = reply.headers.get('location') ?? '';
  const match = /\/(\d+)$/.exec(location);
  if (match === null) throw new Error(`no id in Location "${location}"`);
  return Number(match[1]);
}

/**
 * The clock test sandboxes run on: it moves only when the test moves it, so
 * nothing is issued or validated "after the delay" behind a test's back, however
 * slow the machine. It starts an hour behind the real time, so certificates the
 * sandbox issues are already valid to openssl, which checks against the real one.
 */
export function testClock(): ManualClock {
  return new ManualClock(Date.now() - 60 * 60_000);
}

/** Options for a test sandbox: its clock is always a test clock. */
export type TestSandboxOptions = Omit<SandboxOptions, 'now'>;

export interface TestSandbox {
  (): SandboxHandle;
  readonly clock: ManualClock;
  /** Moves the clock just past the issue delay, which is also the DCV check's delay. */
  passIssueDelay(): void;
}

/** A fresh sandbox for a test file, on its own test clock, stopped after it. */
export function useSandbox(options: TestSandboxOptions = {}): TestSandbox {
  const clock = testClock();
  let sandbox: SandboxHandle | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({ ...options, now: clock.now });
  });
  afterAll(async () => {
    await sandbox?.stop();
  });
  const current = () => {
    if (sandbox === undefined) throw new Error('the sandbox has not started');
    return sandbox;
  };
  return Object.assign(current, {
    clock,
    passIssueDelay: () => void clock.advance(current().options.issueDelaySeconds * 1000),
  });
}

/** A sandbox for one test, on a test clock, stopped when `run` ends. */
export async function withSandbox(options: TestSandboxOptions, run: (sandbox: SandboxHandle, clock: ManualClock) => Promise<void>): Promise<void> {
  const clock = testClock();
  const sandbox = await startSandbox({ ...options, now: clock.now });
  try {
    await run(sandbox, clock);
  } finally {
    await sandbox.stop();
  }
}
