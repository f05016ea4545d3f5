#!/usr/bin/env node
// Runs a command with its own D-Bus session and an unlocked GNOME Keyring, so
// that keychain tests use a real Secret Service without touching the user's.
//
//   node scripts/keyring-session.mjs -- COMMAND [ARGS...]
//
// The keyring lives in a temporary folder that is removed afterwards.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);
const inside = args[0] === '--inside';
if (inside) args.shift();
if (args[0] === '--') args.shift();
if (args.length === 0) {
  console.error('usage: node scripts/keyring-session.mjs -- COMMAND [ARGS...]');
  process.exit(2);
}

export function keyringAvailable() {
  return process.platform === 'linux' && ['dbus-run-session', 'gnome-keyring-daemon'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0);
}

function quietDbusNoise(stream, target) {
  // The private bus reports each service it starts; only real errors are worth showing.
  let pending = '';
  stream.on('data', (chunk) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (/dbus-daemon\[\d+\]|Gtk-WARNING|cannot open display|gcr-prompter|^\s*$/.test(line)) continue;
      target.write(`${line}\n`);
    }
  });
}

if (!inside) {
  if (!keyringAvailable()) {
    console.error('keyring-session: dbus-run-session and gnome-keyring-daemon are needed (Debian: apt-get install dbus gnome-keyring).');
    process.exit(2);
  }
  const child = spawn('dbus-run-session', ['--', process.execPath, self, '--inside', '--', ...args], {
    stdio: ['inherit', 'inherit', 'pipe'],
  });
  quietDbusNoise(child.stderr, process.stderr);
  child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 1 : 1)));
} else {
  const home = mkdtempSync(join(tmpdir(), 'tcs-keyring-'));
  // The keyring's files go to a temporary home; the command keeps the caller's environment.
  const daemonEnv = { ...process.env, HOME: home, XDG_DATA_HOME: join(home, 'data'), XDG_CACHE_HOME: join(home, 'cache'), XDG_RUNTIME_DIR: home };
  const env = { ...process.env, TCS_KEYRING_SESSION: '1' };
  const started = spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], { input: randomBytes(18).toString('base64'), env: daemonEnv, encoding: 'utf8' });
  if (started.status !== 0) {
    console.error(`keyring-session: gnome-keyring-daemon did not start: ${started.stderr}`);
    process.exit(2);
  }
  for (const line of started.stdout.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) env[match[1]] = match[2];
  }
  // Wait until the daemon owns the Secret Service's name on the bus. Ask the bus,
  // never the service itself: a call to a name nobody owns yet makes D-Bus start
  // a second, locked daemon from its service file, in the user's own home.
  const owned = () => {
    const reply = spawnSync(
      'dbus-send',
      ['--session', '--dest=org.freedesktop.DBus', '--type=method_call', '--print-reply', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets'],
      { env, encoding: 'utf8' },
    );
    return reply.status === 0 && /boolean true/.test(reply.stdout);
  };
  const deadline = Date.now() + 30_000;
  while (!owned()) {
    if (Date.now() > deadline) {
      console.error('keyring-session: the Secret Service did not answer');
      process.exit(2);
    }
    spawnSync('sleep', ['0.1']);
  }
  const child = spawn(args[0], args.slice(1), { stdio: ['inherit', 'inherit', 'pipe'], env });
  quietDbusNoise(child.stderr, process.stderr);
  child.on('exit', (code) => {
    rmSync(home, { recursive: true, force: true });
    process.exit(code ?? 1);
  });
}
