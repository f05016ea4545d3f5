import { readdir, readFile, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { recordFigure } from '../support/reliability';
import {
  groupFindings,
  isSecretKind,
  keyMaterialOf,
  scanForSecrets,
  secretsRunVariable,
  type ScanItem,
  type SecretKind,
  withoutSeedPasswords,
} from '../support/secretsScan';

/** Every file under a folder, at any depth; none when it does not exist. */
async function filesIn(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** Lines of JSON, each an object; a line cut short by a worker that died is left out. */
async function jsonLines(file: string): Promise<Record<string, unknown>[]> {
  const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line !== '');
  return lines.flatMap((line) => {
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}

/** Every string in a parsed answer that holds an encrypted private key. */
function keysIn(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.includes('BEGIN ENCRYPTED PRIVATE KEY')) found.push(value);
  } else if (Array.isArray(value)) for (const entry of value) keysIn(entry, found);
  else if (value !== null && typeof value === 'object') for (const entry of Object.values(value)) keysIn(entry, found);
  return found;
}

/**
 * After the whole end-to-end run: one scan for every secret the run used
 * (passwords seeded, typed, generated and temporary, passphrases and the keys
 * they protect, OAuth2 client secrets, the consoles' tokens and tab keys) in
 * every console's data folder (audit log, checklist runs, caches) and output,
 * every file a page downloaded (exports, records, keys), the files the
 * console wrote beside a key it made, and every answer the browser shell gave
 * a page. Any secret found fails the run, naming the file and the kind of
 * secret, never the secret. The folder is deleted whatever the outcome.
 */
export default async function secretsTeardown(): Promise<void> {
  const run = process.env[secretsRunVariable];
  if (run === undefined || run === '') return;
  const started = performance.now();
  try {
    const secrets: { kind: SecretKind; value: string }[] = [];
    for (const file of await filesIn(join(run, 'secrets'))) {
      for (const entry of await jsonLines(file)) if (isSecretKind(entry.kind) && typeof entry.value === 'string') secrets.push({ kind: entry.kind, value: entry.value });
    }

    const items: ScanItem[] = [];
    const pems: string[] = [];
    const consoles = join(run, 'consoles');
    for (const file of await filesIn(consoles)) {
      const [name, area, ...rest] = relative(consoles, file).split(sep);
      const bytes = await readFile(file);
      if (area === 'output.log') items.push({ label: `${name}: the console's output`, place: 'output', bytes });
      else {
        // The built-in sandbox keeps its own test CA's keys in its state: SCM's side, not a secret of anyone using the console.
        const inSandbox = rest[0] === 'sandbox';
        items.push({ label: `${name}: data folder, ${rest.join('/')}`, place: 'file', bytes: inSandbox && rest.at(-1) === 'state.json' ? withoutSeedPasswords(bytes) : bytes, sandboxKeysAllowed: inSandbox });
      }
    }
    for (const [area, what] of [
      ['downloads', 'downloaded'],
      ['written', 'written beside a key'],
    ] as const) {
      for (const file of await filesIn(join(run, area))) {
        const bytes = await readFile(file);
        items.push({ label: `${what}: ${relative(join(run, area), file)}`, place: 'file', bytes });
        pems.push(bytes.toString('latin1'));
      }
    }
    let unread = 0;
    let heard = 0;
    for (const file of await filesIn(join(run, 'answers'))) {
      let line = 0;
      for (const entry of await jsonLines(file)) {
        line += 1;
        if (entry.unread === true || typeof entry.text !== 'string') {
          unread += 1;
          continue;
        }
        if (entry.channel === 'events') heard += 1;
        const what = entry.channel === 'events' ? 'the event stream' : `answer to ${String(entry.channel)}`;
        items.push({ label: `${what} (${relative(run, file)}, line ${line})`, place: 'answer', bytes: Buffer.from(entry.text, 'utf8') });
        try {
          pems.push(...keysIn(JSON.parse(entry.text)));
        } catch {
          // Not JSON: no key in it to open.
        }
      }
    }

    // The keys the console made, opened with the passphrases typed for them: their key material is a secret too.
    const passphrases = secrets.filter((secret) => secret.kind === 'passphrase' || secret.kind === 'typed password').map((secret) => secret.value);
    for (const material of keyMaterialOf(pems, passphrases)) secrets.push({ kind: 'private key', value: material });

    // A run with no console in it (the Electron tests alone) has nothing to scan, and no figure to give.
    if (items.length === 0) return;
    const outcome = scanForSecrets(secrets, items);
    const met = outcome.findings.length === 0;
    recordFigure({ suite: 'Secrets', name: 'secrets looked for', value: outcome.looked, unit: 'secrets' });
    recordFigure({ suite: 'Secrets', name: 'files and answers scanned', value: outcome.scanned, unit: 'files and answers' });
    recordFigure({ suite: 'Secrets', name: 'secrets found', value: outcome.findings.length, goal: '0', met });
    const count = (place: ScanItem['place']): number => items.filter((item) => item.place === place).length;
    const kinds = new Map<SecretKind, Set<string>>();
    for (const secret of secrets) kinds.set(secret.kind, (kinds.get(secret.kind) ?? new Set<string>()).add(secret.value));
    const byKind = [...kinds].map(([kind, values]) => `${values.size} ${kind}`).join(', ');
    const summary =
      `Secrets scan: ${outcome.looked} secrets looked for (${byKind}; ${outcome.tooShort} too short to look for) in ${outcome.scanned} files, outputs and answers ` +
      `(${count('file')} files, ${count('output')} consoles' output, ${count('answer')} answers, ${heard} of them pieces of the event stream; ${unread} answers the page left unread), in ${((performance.now() - started) / 1000).toFixed(1)} s`;
    if (!met) throw new Error(`${summary}: ${outcome.findings.length} found.\n${groupFindings(outcome.findings)
          .map((line) => `  ${line}`)
          .join('\n')}`);
    console.log(`${summary}: none found.`);
  } finally {
    await rm(run, { recursive: true, force: true });
  }
}
