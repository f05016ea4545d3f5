import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { unzipSync } from 'fflate';
import { collectSslCertificate } from '../main/services/certificates';
import { act, collectFile, refreshRow, type ActionContext } from '../main/services/certificates/actions';
import { BulkActions } from '../main/services/certificates/bulk';
import { csvField, InventoryIndex, type Unit } from '../main/services/certificates/query';
import type { StoredRow } from '../main/services/certificates/rows';
import { readInventory } from '../main/services/certificates/service';
import type { TenantConnection } from '../main/services/connection';
import { appErrorOf } from '../main/services/errors';
import { organizationDetails } from '../main/services/organizations';
import {
  certificateActionArgsSchema,
  certificateFilterSchema,
  certificateKeyPattern,
  certificateKinds,
  certificateStates,
  collectFormatValues,
  maxBulkItems,
  parseCertificateKey,
  revocationReasonCodes,
  type BulkAction,
  type BulkItem,
  type BulkOptions,
  type BulkPlan,
  type CertificateActionArgs,
  type CertificateFilter,
  type CollectFormat,
  type RevocationReasonCode,
} from '../shared/certificates';
import type { Command, CommandContext } from './commands';
import { UsageError } from './connection';
import { progressReporter, writeJson, type Output } from './output';

/*
 * Certificate actions on the command line: one certificate, or many at once
 * through the same bulk actions the app runs (a plan first, then the work, a
 * few at a time, each write in the audit log).
 */

const exit = { done: 0, failed: 1, usage: 2 } as const;

/** Up to this many certificates named by key are read one by one; more, and the whole inventory is read once. */
const readOneByOneUpTo = 20;
/** Certificates read one by one at once. */
const readsInFlight = 4;

const reasonNames: Record<RevocationReasonCode, string> = { 0: 'unspecified', 1: 'key compromise', 3: 'affiliation changed', 4: 'superseded', 5: 'cessation of operation' };
const reasonCodesHelp = revocationReasonCodes.map((code) => `${code} ${reasonNames[code]}`).join(', ');

const keyHelp = 'a certificate as ssl-1234 or smime-6001; a bare number is an SSL certificate';

const selectionOptions: Command['options'] = {
  from: { type: 'string', description: 'the certificates listed in FILE: one key per line (# starts a comment), or a CSV exported by the app (its kind and id columns)' },
  state: { type: 'string', description: `only certificates in this state: ${certificateStates.join(', ')}` },
  kind: { type: 'string', description: `only this kind: ${certificateKinds.join(', ')}` },
  org: { type: 'string', description: 'only this organization or department id (an organization includes its departments)' },
  'cert-profile': { type: 'string', description: 'only certificates of this certificate profile, named as SCM names it (--profile names the connection)' },
  'expiring-within': { type: 'string', description: 'only issued certificates that end within DAYS days' },
  cn: { type: 'string', description: 'only certificates whose common name, names, serial number or requester contain this text' },
  search: { type: 'string', description: 'the same as --cn' },
  yes: { type: 'boolean', description: 'go ahead without asking (needed for several certificates, and for a revocation, when not in a terminal)' },
  summary: { type: 'string', description: 'write the outcome for each certificate to FILE as CSV' },
};

const selectionHelp = `Which certificates: KEY… (ssl-1234 or smime-6001; a bare number is an SSL
certificate), or --from FILE, or a filter (--state, --kind, --org,
--cert-profile, --expiring-within, --cn) that selects from every certificate in
your scope as the app's filters do.

For more than one certificate (or any --from or filter), the plan is printed
first: what will happen to each, and what is skipped and why. In a terminal you
are asked "Proceed? [y/N]"; elsewhere nothing is sent without --yes. Each
result is printed as it comes, then the counts; progress shows on stderr in a
terminal. Ctrl-C stops after the certificates under way.`;

const exitHelp = `Exit codes:
  0   every certificate was done (or, selected by --from or a filter, skipped
      because the action does not apply to it)
  1   a certificate failed, its outcome is unknown, it was not found, or a
      certificate named on the command line could not be done
  2   bad usage, or the plan was not confirmed (nothing was sent)`;

function text(values: CommandContext['values'], name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

function wholeNumber(value: string, name: string, max: number): number {
  if (!/^\d{1,12}$/.test(value) || Number(value) > max) throw new UsageError(`${name} must be a whole number up to ${max.toLocaleString('en')}, not "${value}"`);
  return Number(value);
}

/** `ssl-1234`, `smime-6001`, or a bare SSL id. */
export function keyOf(word: string): string | undefined {
  const key = /^\d+$/.test(word) ? `ssl-${word}` : word.toLowerCase();
  return certificateKeyPattern.test(key) ? key : undefined;
}

function keyOrRefuse(word: string, where: string): string {
  const key = keyOf(word);
  if (key === undefined) throw new UsageError(`${where}"${word}" is not a certificate: give ${keyHelp} such as 1234.`);
  return key;
}

/** The rows of a CSV text, quoted fields and line breaks in them included. */
function csvRows(source: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < source.length; index += 1) {
    const character = source[index]!;
    if (quoted) {
      if (character === '"' && source[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      row.push(field);
      field = '';
    } else if (character === '\n' || character === '\r') {
      if (character === '\r' && source[index + 1] === '\n') index += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += character;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows.filter((cells) => cells.some((cell) => cell.trim() !== ''));
}

/** The keys a --from file lists: a CSV the app exported (kind and id columns), or one key per line. */
export function keysFromFile(source: string, path: string): string[] {
  const body = source.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/).find((line) => line.trim() !== '' && !line.trim().startsWith('#')) ?? '';
  const header = csvRows(firstLine)[0]?.map((cell) => cell.trim().toLowerCase()) ?? [];
  const kindColumn = header.indexOf('kind');
  const idColumn = header.indexOf('id');
  const keys: string[] = [];
  if (kindColumn >= 0 && idColumn >= 0) {
    const rows = csvRows(body.slice(body.indexOf(firstLine) + firstLine.length));
    rows.forEach((cells, index) => {
      const word = `${(cells[kindColumn] ?? '').trim()}-${(cells[idColumn] ?? '').trim()}`;
      keys.push(keyOrRefuse(word, `--from ${path}, row ${index + 2}: `));
    });
  } else {
    body.split(/\r?\n/).forEach((line, index) => {
      const word = line.replace(/#.*$/, '').trim();
      if (word !== '') keys.push(keyOrRefuse(word, `--from ${path}, line ${index + 1}: `));
    });
  }
  if (keys.length === 0) throw new UsageError(`--from ${path} lists no certificate: write one key per line (ssl-1234, smime-6001), or give a CSV exported by the app.`);
  return keys;
}

/** The filter the options give, or undefined when none is given. */
function filterOf(values: CommandContext['values']): CertificateFilter | undefined {
  const filter: CertificateFilter = {};
  const state = text(values, 'state');
  if (state !== undefined) {
    if (!(certificateStates as readonly string[]).includes(state)) throw new UsageError(`--state must be one of ${certificateStates.join(', ')}`);
    filter.state = state as CertificateFilter['state'];
  }
  const kind = text(values, 'kind');
  if (kind !== undefined) {
    if (!(certificateKinds as readonly string[]).includes(kind)) throw new UsageError(`--kind must be ${certificateKinds.join(' or ')}`);
    filter.kind = kind as CertificateFilter['kind'];
  }
  const org = text(values, 'org');
  if (org !== undefined) filter.org = wholeNumber(org, '--org', 999_999_999_999);
  const profile = text(values, 'cert-profile');
  if (profile !== undefined) filter.profile = profile;
  const within = text(values, 'expiring-within');
  if (within !== undefined) filter.expiresWithin = wholeNumber(within, '--expiring-within', 3650);
  const cn = text(values, 'cn');
  const search = text(values, 'search');
  if (cn !== undefined && search !== undefined) throw new UsageError('give --cn or --search, not both: they are the same.');
  const q = cn ?? search;
  if (q !== undefined) filter.q = q;
  if (Object.keys(filter).length === 0) return undefined;
  const parsed = certificateFilterSchema.safeParse(filter);
  if (!parsed.success) throw new UsageError(`the filter is not valid: ${parsed.error.issues.map((issue) => `--${String(issue.path[0])} ${issue.message}`).join('; ')}`);
  return parsed.data;
}

/** Which certificates the command names, before they are read. */
type Wanted = { keys: string[]; named: boolean } | { filter: CertificateFilter };

async function wantedOf(context: CommandContext, verb: string): Promise<Wanted> {
  const { positionals, values } = context;
  const filter = filterOf(values);
  const from = text(values, 'from');
  const keys = positionals.map((word) => keyOrRefuse(word, ''));
  if (from !== undefined) {
    let source: string;
    try {
      source = await readFile(from, 'utf8');
    } catch (error) {
      throw new UsageError(`--from ${from} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): give a file that lists the certificates.`);
    }
    keys.push(...keysFromFile(source, from));
  }
  if (filter !== undefined && keys.length > 0) throw new UsageError(`name the certificates (KEY… or --from FILE) or give a filter, not both.`);
  if (filter !== undefined) return { filter };
  if (keys.length === 0) throw new UsageError(`which certificates should be ${verb}? Give KEY… (ssl-1234, smime-6001), --from FILE, or a filter such as --state issued --expiring-within 30.`);
  return { keys: [...new Set(keys)], named: from === undefined };
}

/** A context for the actions: nothing kept between commands, so `update` keeps nothing. */
function actionContext(connection: TenantConnection, known: Map<string, StoredRow>): ActionContext {
  return {
    client: connection.client,
    identity: null,
    row: async (key) => known.get(key),
    rows: async () => [...known.values()],
    update: async () => undefined,
    now: Date.now(),
  };
}

async function readAll(output: Output, connection: TenantConnection, units: readonly Unit[]): Promise<StoredRow[]> {
  const progress = progressReporter(output, 'Reading certificates');
  try {
    const { rows } = await readInventory(connection.client, units, new AbortController().signal, ({ done, total }) => progress.update(done, total ?? done));
    return rows;
  } finally {
    progress.done();
  }
}

interface Selection {
  rows: StoredRow[];
  /** Certificates named that SCM does not have, or does not show this admin. */
  missing: BulkItem[];
  /** Every row read, for the actions that look at others (a renewal's new certificate). */
  known: Map<string, StoredRow>;
  /** Named one by one on the command line, not by --from or a filter. */
  named: boolean;
}

/** The certificates wanted, read from SCM: one by one when few are named, else the whole inventory once. */
async function select(output: Output, connection: TenantConnection, wanted: Wanted): Promise<Selection> {
  const known = new Map<string, StoredRow>();
  if ('filter' in wanted) {
    const units: Unit[] = wanted.filter.org === undefined ? [] : (await organizationDetails(connection.client)).map((unit) => ({ id: unit.id, name: unit.name, parentId: unit.parentId }));
    const rows = await readAll(output, connection, units);
    for (const row of rows) known.set(row.key, row);
    const index = new InventoryIndex(rows, units);
    const selected = index.select(wanted.filter, { column: 'commonName', desc: false }, Date.now());
    return { rows: Array.from(selected, (position) => index.rows[position]!), missing: [], known, named: false };
  }
  let unread = wanted.keys;
  if (wanted.keys.length > readOneByOneUpTo) {
    for (const row of await readAll(output, connection, [])) known.set(row.key, row);
    unread = wanted.keys.filter((key) => !known.has(key));
  }
  const missing = new Map<string, BulkItem>();
  const context = actionContext(connection, new Map());
  let next = 0;
  const reader = async (): Promise<void> => {
    while (next < unread.length) {
      const key = unread[next++]!;
      try {
        known.set(key, await refreshRow(context, key));
      } catch (error) {
        const problem = appErrorOf(error);
        if (problem === undefined || !['not-found', 'permission', 'api-disabled', 'validation'].includes(problem.kind)) throw error;
        missing.set(key, { key, commonName: '', status: '', outcome: 'failed', note: `${problem.message}${problem.hint === undefined ? '' : ` ${problem.hint}`}`, newKey: null });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(readsInFlight, unread.length) }, reader));
  const rows = wanted.keys.filter((key) => known.has(key)).map((key) => known.get(key)!);
  return { rows, missing: wanted.keys.filter((key) => missing.has(key)).map((key) => missing.get(key)!), known, named: wanted.named };
}

function nameOf(row: { commonName: string }): string {
  return row.commonName === '' ? '-' : row.commonName;
}

const verbs: Record<BulkAction, { base: string; past: string; ing: string }> = {
  renew: { base: 'renew', past: 'renewed', ing: 'Renewing' },
  revoke: { base: 'revoke', past: 'revoked', ing: 'Revoking' },
  approve: { base: 'approve', past: 'approved', ing: 'Approving' },
  collect: { base: 'download', past: 'downloaded', ing: 'Downloading' },
};

function describeOptions(action: BulkAction, options: BulkOptions): string {
  switch (action) {
    case 'revoke':
      return ` (reason code ${options.reasonCode ?? 0}, ${reasonNames[options.reasonCode ?? 0]}${(options.reason ?? '') === '' ? '' : `: "${options.reason}"`})`;
    case 'approve':
      return ` (message: "${options.message ?? ''}")`;
    case 'collect':
      return ` (format ${options.format ?? 'chain'})`;
    case 'renew':
      return ' (each keeps its key; SCM orders it again with the same details)';
  }
}

/** A certificate's line: in the plan with its status before, in the results with what happened. */
function itemLine(label: string, item: BulkItem, widths: { key: number; name: number }, withStatus: boolean): string {
  const name = item.commonName === '' ? '-' : item.commonName;
  const status = withStatus ? `  ${item.status === '' ? '-' : item.status}` : '';
  return `  ${label.padEnd(10)} ${item.key.padEnd(widths.key)}  ${name.padEnd(widths.name)}${status}${item.note === null ? '' : `  ${item.note}`}`.trimEnd();
}

function widthsOf(items: readonly BulkItem[]): { key: number; name: number } {
  return { key: Math.max(3, ...items.map((item) => item.key.length)), name: Math.min(48, Math.max(1, ...items.map((item) => item.commonName.length))) };
}

/** The outcomes counted; `notFound` of the failed ones could not be read from SCM at all. */
function countsOf(items: readonly BulkItem[], notFound: number): BulkPlan['counts'] & { notFound: number } {
  const counts = { planned: 0, skipped: 0, done: 0, failed: 0, unknown: 0, notFound };
  for (const item of items) counts[item.outcome] += 1;
  return counts;
}

async function ask(output: Output, question: string): Promise<boolean> {
  // Line by line as the terminal gives it: the answer is typed and echoed as usual.
  const reader = createInterface({ input: output.stdin!, output: output.stderr, terminal: false });
  try {
    return /^y(es)?$/i.test((await reader.question(question)).trim());
  } finally {
    reader.close();
  }
}

interface BulkRequest {
  action: BulkAction;
  options: BulkOptions;
  selection: Selection;
  /** Where a bulk download writes its files. */
  outDir?: string;
}

/**
 * Plans the action over the selection, shows the plan, asks (or refuses
 * without --yes where nobody can be asked), runs it and reports each
 * certificate; returns the exit code.
 */
async function runBulk(context: CommandContext, connection: TenantConnection, request: BulkRequest): Promise<number> {
  const { output, values } = context;
  const { action, options, selection } = request;
  const verb = verbs[action];
  const command = `tcs-admin certs ${action}`;
  const single = selection.named && selection.rows.length + selection.missing.length === 1;
  if (selection.rows.length + selection.missing.length > maxBulkItems) {
    throw new UsageError(`${(selection.rows.length + selection.missing.length).toLocaleString('en')} certificates are selected; one command takes at most ${maxBulkItems.toLocaleString('en')}. Narrow the selection (e.g. --org, --kind, --expiring-within) and run it in parts.`);
  }
  if (action === 'revoke' && (options.reason ?? '') === '' && selection.rows.some((row) => row.kind === 'ssl')) {
    throw new UsageError('SCM wants a reason for revoking an SSL certificate: add --reason TEXT (e.g. --reason "Server retired").');
  }
  if (selection.rows.length === 0) {
    if (selection.missing.length > 0) {
      if (output.json) writeJson(output, { action, ran: false, counts: countsOf(selection.missing, selection.missing.length), items: selection.missing });
      for (const item of selection.missing) output.stderr.write(`${command}: ${item.key}: ${item.note}\nCheck the id with tcs-admin certs list, and that the certificate is in your scope.\n`);
      return exit.failed;
    }
    if (output.json) writeJson(output, { action, ran: false, counts: countsOf([], 0), items: [] });
    else output.stdout.write(`No certificate matches the filter: nothing to ${verb.base}.\n`);
    return exit.done;
  }
  const bulk = new BulkActions();
  const plan = bulk.plan('cli', { action, selection: { keys: selection.rows.map((row) => row.key) }, options }, selection.rows, { identity: null });
  const planned = plan.counts.planned;
  const allItems = (): BulkItem[] => [...bulk.get(plan.planId).items, ...selection.missing];
  const widths = widthsOf(allItems());
  const yes = values.yes === true;
  const confirm = planned > 0 && !yes && (!single || action === 'revoke');

  if (single && planned === 0) {
    const item = allItems()[0]!;
    if (output.json) writeJson(output, { action, ran: false, counts: countsOf([item], 0), items: [item] });
    output.stderr.write(`${command}: ${item.key} (${nameOf(item)}) was not ${verb.past}: ${item.note ?? ''}\n`);
    return exit.failed;
  }
  if (!single || confirm) {
    if (!output.json) {
      const selected = selection.rows.length + selection.missing.length;
      output.stdout.write(`${verb.base[0]!.toUpperCase()}${verb.base.slice(1)} ${planned === selected ? '' : `${planned} of `}${selected} ${selected === 1 ? 'certificate' : 'certificates'}${describeOptions(action, plan.options)}:\n`);
      for (const item of allItems()) output.stdout.write(`${itemLine(item.outcome === 'planned' ? verb.base : item.outcome === 'skipped' ? 'skip' : 'not found', item, widths, true)}\n`);
      const counts = countsOf(allItems(), selection.missing.length);
      output.stdout.write(`${counts.planned} to ${verb.base}, ${counts.skipped} skipped${counts.notFound === 0 ? '' : `, ${counts.notFound} not found`}.\n`);
    }
    if (planned === 0) {
      if (output.json) writeJson(output, { action, options: plan.options, ran: false, counts: countsOf(allItems(), selection.missing.length), items: allItems() });
      else output.stdout.write(`Nothing to ${verb.base}.\n`);
      return selection.missing.length > 0 || (selection.named && plan.counts.skipped > 0) ? exit.failed : exit.done;
    }
  }
  if (confirm) {
    const what = planned === 1 ? `this would ${verb.base} ${plan.items.find((item) => item.outcome === 'planned')!.key}` : `this would ${verb.base} ${planned} certificates`;
    if (output.stdin?.isTTY !== true) {
      if (output.json) writeJson(output, { action, options: plan.options, ran: false, counts: countsOf(allItems(), selection.missing.length), items: allItems() });
      output.stderr.write(`${command}: ${what}, and there is no terminal to ask in. Nothing was sent. Check the plan${output.json ? '' : ' above'}, then add --yes to go ahead.\n`);
      return exit.usage;
    }
    if (!(await ask(output, 'Proceed? [y/N] '))) {
      output.stderr.write('Nothing was sent.\n');
      return exit.usage;
    }
  }

  bulk.claim(plan.planId, 'cli');
  const controller = new AbortController();
  const onInterrupt = (): void => {
    controller.abort();
    output.stderr.write(`\nStopping after the certificates under way; the rest are left as they are.\n`);
  };
  process.once('SIGINT', onInterrupt);
  const progress = progressReporter(output, verb.ing);
  const printed = new Set<string>();
  const report = (): void => {
    const fresh = bulk.get(plan.planId).items.filter((item) => (item.outcome === 'done' || item.outcome === 'failed' || item.outcome === 'unknown') && !printed.has(item.key));
    if (fresh.length === 0 || output.json) return;
    progress.done();
    for (const item of fresh) {
      printed.add(item.key);
      output.stdout.write(`${itemLine(item.outcome === 'done' ? verb.past : item.outcome === 'failed' ? 'FAILED' : 'UNKNOWN', item, widths, false)}\n`);
    }
  };
  try {
    await bulk.run(plan.planId, actionContext(connection, selection.known), controller.signal, (done, total) => {
      report();
      progress.update(done, total);
    });
  } finally {
    process.off('SIGINT', onInterrupt);
    progress.done();
  }
  report();

  let problem: string | undefined;
  let written: string[] = [];
  if (action === 'collect' && request.outDir !== undefined) {
    try {
      written = await writeCertificates(bulk.certificates(plan.planId).base64, request.outDir);
    } catch (error) {
      problem = `the certificates could not be written to ${request.outDir} (${(error as NodeJS.ErrnoException).code ?? 'error'}): check that the folder is writable, then run the command again.`;
    }
  }
  const summaryFile = text(values, 'summary');
  if (summaryFile !== undefined) {
    const summary = bulk.summary(plan.planId).text;
    const extra = selection.missing.map((item) => `${[item.key, '', '', action, item.outcome, item.note ?? '', ''].map(csvField).join(',')}\r\n`).join('');
    try {
      await writeFile(summaryFile, summary + extra, { mode: 0o644 });
    } catch (error) {
      problem = `the summary could not be written to ${summaryFile} (${(error as NodeJS.ErrnoException).code ?? 'error'}); the results are above.`;
    }
  }

  const finished = bulk.get(plan.planId);
  const items = allItems();
  const counts = countsOf(items, selection.missing.length);
  const stopped = controller.signal.aborted && finished.counts.planned > 0;
  const failedNamed = selection.named && counts.skipped > 0;
  const code = problem !== undefined || counts.failed + counts.unknown > 0 || stopped || failedNamed ? exit.failed : exit.done;
  if (output.json) {
    writeJson(output, {
      action,
      options: finished.options,
      ran: true,
      stopped,
      counts,
      items,
      ...(summaryFile === undefined ? {} : { summaryFile }),
      ...(request.outDir === undefined ? {} : { outDir: request.outDir, files: written }),
      exitCode: code,
    });
  } else if (!single) {
    output.stdout.write(
      `Done: ${counts.done} ${verb.past}, ${counts.skipped} skipped, ${counts.failed - counts.notFound} failed, ${counts.unknown} unknown${counts.notFound === 0 ? '' : `, ${counts.notFound} not found`}${stopped ? `, ${finished.counts.planned} not started (stopped)` : ''}.\n`,
    );
  }
  if (counts.unknown > 0) output.stderr.write(`${command}: SCM's answer was lost for ${counts.unknown} ${counts.unknown === 1 ? 'certificate' : 'certificates'}: look at ${counts.unknown === 1 ? 'it' : 'them'} with tcs-admin certs show ID before trying again, so nothing is done twice.\n`);
  const failed = counts.failed - counts.notFound;
  if (failed > 0) output.stderr.write(`${command}: ${failed} ${failed === 1 ? 'certificate' : 'certificates'} failed; the reason is on ${failed === 1 ? 'its' : 'each'} line${summaryFile === undefined ? ' (--summary FILE writes them all to a CSV)' : ` and in ${summaryFile}`}. Fix what it says, then run the command again for ${failed === 1 ? 'it' : 'them'}.\n`);
  if (counts.notFound > 0) output.stderr.write(`${command}: ${counts.notFound} ${counts.notFound === 1 ? 'certificate was' : 'certificates were'} not found (see the plan): check the keys with tcs-admin certs list, and that they are in your scope.\n`);
  if (stopped) output.stderr.write(`${command}: stopped; ${finished.counts.planned} certificates were not started. Run the command again for them.\n`);
  if (problem !== undefined) output.stderr.write(`${command}: ${problem}\n`);
  if (single && failedNamed) output.stderr.write(`${command}: ${items[0]!.key} was not ${verb.past}: ${items[0]!.note ?? ''}\n`);
  return code;
}

/** Writes each certificate of a bulk download into the folder; returns the paths. */
async function writeCertificates(zipBase64: string, folder: string): Promise<string[]> {
  await mkdir(folder, { recursive: true });
  const paths: string[] = [];
  for (const [name, content] of Object.entries(unzipSync(Buffer.from(zipBase64, 'base64')))) {
    const path = join(folder, name);
    await writeFile(path, content, { mode: 0o644 });
    paths.push(path);
  }
  return paths;
}

function reasonCodeOf(values: CommandContext['values']): RevocationReasonCode {
  const given = text(values, 'reason-code');
  if (given === undefined) throw new UsageError(`say why with --reason-code: ${reasonCodesHelp}.`);
  const code = Number(given);
  if (!/^\d$/.test(given) || !(revocationReasonCodes as readonly number[]).includes(code)) throw new UsageError(`--reason-code must be one of ${reasonCodesHelp}; not "${given}".`);
  return code as RevocationReasonCode;
}

function messageOf(values: CommandContext['values'], what: string): string {
  const message = text(values, 'message')?.trim() ?? '';
  if (message === '') throw new UsageError(`add --message TEXT: ${what}`);
  if (message.length > 512) throw new UsageError('--message may be at most 512 characters.');
  return message;
}

/** One action through `act`, for what only one certificate at a time takes (a renewal with a CSR, a decline). */
async function actOnOne(context: CommandContext, args: CertificateActionArgs): Promise<number> {
  const parsed = certificateActionArgsSchema.safeParse(args);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((issue) => issue.message).join('; '));
  const connection = await context.connection();
  const result = await act(actionContext(connection, new Map()), parsed.data);
  if (context.output.json) writeJson(context.output, { key: args.key, ...result, files: result.files.map((file) => file.fileName) });
  else context.output.stdout.write(`${result.message}\n`);
  return exit.done;
}

const renew: Command = {
  name: 'certs renew',
  summary: 'renew certificates: SCM orders each again with the same details',
  arguments: ['[KEY…]'],
  options: {
    csr: { type: 'string', description: 'renew one SSL certificate with the CSR in FILE (PEM) instead of its key' },
    ...selectionOptions,
  },
  help: `${selectionHelp}

Each renewal is a new order in SCM, linked to the certificate it renews; its
key is printed. A renewal whose answer from SCM was lost is looked up, never
ordered twice.

${exitHelp}`,
  async run(context) {
    const csrFile = text(context.values, 'csr');
    const wanted = await wantedOf(context, 'renewed');
    if (csrFile !== undefined) {
      if (!('keys' in wanted) || wanted.keys.length !== 1 || !wanted.named) throw new UsageError('--csr renews one certificate: name it as KEY, without --from or a filter.');
      let csr: string;
      try {
        csr = await readFile(csrFile, 'utf8');
      } catch (error) {
        throw new UsageError(`--csr ${csrFile} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): give the certificate signing request as a PEM file.`);
      }
      return actOnOne(context, { action: 'renew', key: wanted.keys[0]!, csr: { mode: 'paste', csr } });
    }
    const connection = await context.connection();
    return runBulk(context, connection, { action: 'renew', options: {}, selection: await select(context.output, connection, wanted) });
  },
};

const revoke: Command = {
  name: 'certs revoke',
  summary: 'revoke certificates (asks first; --yes when not in a terminal)',
  arguments: ['[KEY…]'],
  options: {
    'reason-code': { type: 'string', description: `why, as RFC 5280 says: ${reasonCodesHelp}` },
    reason: { type: 'string', description: 'why, in words (SCM wants one for SSL certificates)' },
    ...selectionOptions,
  },
  help: `${selectionHelp}

Revoking cannot be undone. Even one certificate is revoked only after you
answer "y" in a terminal, or with --yes.

${exitHelp}`,
  async run(context) {
    const reasonCode = reasonCodeOf(context.values);
    const reason = text(context.values, 'reason')?.trim() ?? '';
    if (reason.length > 512) throw new UsageError('--reason may be at most 512 characters.');
    const wanted = await wantedOf(context, 'revoked');
    if ('filter' in wanted && wanted.filter.kind !== 'smime' && reason === '') throw new UsageError('SCM wants a reason for revoking an SSL certificate: add --reason TEXT (e.g. --reason "Server retired").');
    const connection = await context.connection();
    return runBulk(context, connection, { action: 'revoke', options: { reasonCode, reason }, selection: await select(context.output, connection, wanted) });
  },
};

const approve: Command = {
  name: 'certs approve',
  summary: 'approve SSL certificates awaiting approval (Requested)',
  arguments: ['[KEY…]'],
  options: {
    message: { type: 'string', description: 'the message SCM records with the approval (required)' },
    ...selectionOptions,
  },
  help: `${selectionHelp}

Only SSL certificates in the state Requested can be approved; others are
skipped, with the reason.

${exitHelp}`,
  async run(context) {
    const message = messageOf(context.values, 'SCM records a message with each approval.');
    const wanted = await wantedOf(context, 'approved');
    const connection = await context.connection();
    return runBulk(context, connection, { action: 'approve', options: { message }, selection: await select(context.output, connection, wanted) });
  },
};

const decline: Command = {
  name: 'certs decline',
  summary: 'decline one SSL certificate awaiting approval (Requested)',
  arguments: ['KEY'],
  options: { message: { type: 'string', description: 'why, for the requester (required)' } },
  help: `KEY is ${keyHelp}.

Exit codes: 0 declined, 1 SCM refused (the reason is printed), 2 bad usage.`,
  async run(context) {
    const message = messageOf(context.values, 'say why, for the requester.');
    return actOnOne(context, { action: 'decline', key: keyOrRefuse(context.positionals[0]!, ''), message });
  },
};

const collect: Command = {
  name: 'certs collect',
  summary: 'download issued certificates (one waits while Sectigo is still processing it)',
  arguments: ['[KEY…]'],
  options: {
    format: { type: 'string', description: `one of ${collectFormatValues.join(', ')}; "chain" is PEM leaf to root (default)` },
    out: { type: 'string', description: 'write one certificate to FILE instead of standard output' },
    'out-dir': { type: 'string', description: 'write each certificate to its own file in DIR (made if missing), named after it' },
    wait: { type: 'string', description: 'seconds to wait while one certificate is being processed (default 300)' },
    ...selectionOptions,
  },
  help: `${selectionHelp}

One certificate goes to standard output, to --out FILE, or into --out-dir DIR;
several go into --out-dir DIR, one file each, named after the certificate
(e.g. www.example.org-1234-chain.pem).

${exitHelp}`,
  async run(context) {
    const { values, output } = context;
    const format = text(values, 'format') ?? 'chain';
    if (!(collectFormatValues as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${collectFormatValues.join(', ')}`);
    const out = text(values, 'out');
    const outDir = text(values, 'out-dir');
    if (out !== undefined && outDir !== undefined) throw new UsageError('give --out FILE for one certificate or --out-dir DIR, not both.');
    const waitGiven = text(values, 'wait');
    const wanted = await wantedOf(context, 'downloaded');
    if ('keys' in wanted && wanted.named && wanted.keys.length === 1) {
      const wait = waitGiven === undefined ? 300 : wholeNumber(waitGiven, '--wait', 86_400);
      return collectOne(context, wanted.keys[0]!, format as CollectFormat, wait, out, outDir);
    }
    if (outDir === undefined) throw new UsageError(`several certificates need --out-dir DIR, to write one file each${out === undefined ? '' : ' (--out names one file)'}.`);
    if (waitGiven !== undefined) throw new UsageError('--wait is for one certificate; several are downloaded as they are, and one still being processed is reported.');
    const connection = await context.connection();
    return runBulk(context, connection, { action: 'collect', options: { format: format as CollectFormat }, selection: await select(output, connection, wanted), outDir });
  },
};

/** One certificate to standard output, a file or a folder, waiting while Sectigo processes it. */
async function collectOne(context: CommandContext, key: string, format: CollectFormat, wait: number, out: string | undefined, outDir: string | undefined): Promise<number> {
  const { output } = context;
  const connection = await context.connection();
  const { kind, id } = parseCertificateKey(key);
  let body: Buffer;
  let fileName: string | undefined;
  if (kind === 'ssl' && outDir === undefined) {
    body = await collectSslCertificate(connection.client, id, format, wait);
  } else {
    const row = await refreshRow(actionContext(connection, new Map()), key);
    const file = await collectFile(connection.client, row, format, wait * 1000);
    body = file.base64 === undefined ? Buffer.from(file.text ?? '', 'utf8') : Buffer.from(file.base64, 'base64');
    fileName = file.fileName;
  }
  const target = outDir === undefined ? out : join(outDir, fileName!);
  if (target === undefined) {
    output.stdout.write(body);
    return exit.done;
  }
  if (outDir !== undefined) await mkdir(outDir, { recursive: true });
  await writeFile(target, body, { mode: 0o644 });
  if (output.json) writeJson(output, { id, key, format, file: target, bytes: body.length });
  else output.stderr.write(`Wrote ${body.length} bytes to ${target}\n`);
  return exit.done;
}

export const certificateCommands: Command[] = [collect, renew, revoke, approve, decline];
