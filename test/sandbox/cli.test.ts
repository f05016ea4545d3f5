import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../out/main/sandbox.js', import.meta.url));

describe('npm run sandbox', () => {
  it('lists its flags with --help', () => {
    const run = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    for (const flag of ['--port', '--seed', '--certificates', '--latency', '--fault-rate', '--timeout-rate', '--rate-limit', '--issue-delay', '--first-login-change', '--legacy-admin-types', '--read-only', '--state', '--tls', '--token-lifetime']) {
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
    const child = spawn(process.execPath, [cli, '--port', '0', '--seed', '1', '--certificates', '20'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let output = '';
      // However long the start takes on a busy machine: it ends with the start line, or with the process.
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('Stop with Ctrl+C')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`the sandbox stopped (${code}) before its start line:\n${output}`)));
      });
      const url = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1]!;
      expect(output).toContain('customerUri  sandbox-university');
      const password = new RegExp(String.raw`^\s+rao\s+(\S+)`, 'm').exec(output)![1]!;
      const reply = await fetch(`${url}/api/organization/v1`, { headers: { login: 'rao', password, customerUri: 'sandbox-university' } });
      expect(reply.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  }, 120_000);
});
