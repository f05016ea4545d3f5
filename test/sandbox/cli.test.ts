import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { callerFor, withSandbox } from './helpers';

const cli = fileURLToPath(new URL('../../out/main/sandbox.js', import.meta.url));

/** Runs the command line, waits for its start line (however long a busy machine takes), runs `use` and stops it. */
async function withCli(args: string[], use: (output: string) => Promise<void>): Promise<void> {
  const child = spawn(process.execPath, [cli, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Stop with Ctrl+C')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the sandbox stopped (${code}) before its start line:\n${output}`)));
    });
    await use(output);
  } finally {
    // It saves its state as it stops, so it is waited for before its folder goes.
    const exited = child.exitCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

describe('npm run sandbox', () => {
  it('lists its flags with --help', () => {
    const run = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    for (const flag of ['--port', '--seed', '--certificates', '--admins', '--latency', '--fault-rate', '--timeout-rate', '--rate-limit', '--issue-delay', '--first-login-change', '--legacy-admin-types', '--read-only', '--state', '--tls', '--token-lifetime']) {
      expect(run.stdout).toContain(flag);
    }
  });

  it.each([
    [['--fault-rate', '2'], 'fault rate must be between 0 and 1'],
    [['--first-login-change', 'sometimes'], '--first-login-change must be required or none'],
    [['--bogus'], "Unknown option '--bogus'"],
    [['--port', 'eighty'], '--port needs a number'],
  ])('refuses %j with a clear message and exit code 2', (args, message) => {
    const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('prints its base URL, the customerUri and the seeded logins, and answers there', async () => {
    await withCli(['--seed', '1', '--certificates', '20'], async (output) => {
      const url = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1]!;
      expect(output).toContain('customerUri  sandbox-university');
      const password = new RegExp(String.raw`^\s+rao\s+(\S+)`, 'm').exec(output)![1]!;
      const reply = await fetch(`${url}/api/organization/v1`, { headers: { login: 'rao', password, customerUri: 'sandbox-university' } });
      expect(reply.status).toBe(200);
    });
  }, 120_000);

  it('prints “(changed)” for an admin whose password was changed, which it keeps only as a hash', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'sandbox-cli-'));
    try {
      const stateFile = join(folder, 'state.json');
      const typed = 'Typed-At-The-Console-8!';
      await withSandbox({ stateFile, certificates: 5 }, async (sandbox) => {
        const reply = await callerFor(sandbox, 'rao-expired')('POST', '/api/admin/v1/changepassword', { newPassword: typed });
        expect(reply.status).toBe(204);
      });
      await withCli(['--state', stateFile], async (output) => {
        expect(output).toMatch(/^\s+rao-expired\s+\(changed\)\s+RAO whose password has expired$/m);
        expect(output).toMatch(/^\s+rao\s+\S+-\S+-\d{4}!\s+RAO for Sandbox University/m);
        expect(output).not.toContain(typed);
      });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 120_000);
});
