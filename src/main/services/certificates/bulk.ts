import { randomBytes } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import {
  maxBulkItems,
  type BulkAction,
  type BulkItem,
  type BulkOptions,
  type BulkPlan,
  type BulkPlanArgs,
  type CertificateAction,
  type SavedFile,
} from '../../../shared/certificates';
import { ScmClientError } from '../../scm/errors';
import { ServiceError } from '../errors';
import { persist } from '../../scm/transient';
import { act, actionAllowed, approveOnce, collectFile, refreshRow, revokeRow, type ActionContext } from './actions';
import { csvField } from './query';
import { shown, today, type StoredRow } from './rows';

/** Certificates worked on at once: enough to get through hundreds in minutes without crowding SCM. */
const inFlight = 4;
/** Plans kept in memory for their results to be read and exported. */
const keptPlans = 20;

interface StoredPlan {
  plan: BulkPlan;
  rows: Map<string, StoredRow>;
  files: SavedFile[];
}

function invalid(field: string, message: string): ServiceError {
  return new ServiceError({ kind: 'validation', field, message, anchor: 'certificates#bulk' });
}

function counts(items: readonly BulkItem[]): BulkPlan['counts'] {
  const result = { planned: 0, skipped: 0, done: 0, failed: 0, unknown: 0 };
  for (const item of items) result[item.outcome] += 1;
  return result;
}

function checkOptions(action: BulkAction, options: BulkOptions, rows: readonly StoredRow[]): void {
  if (action === 'revoke') {
    if (options.reasonCode === undefined) throw invalid('reasonCode', 'Choose the reason for revoking.');
    if (rows.some((row) => row.kind === 'ssl') && (options.reason ?? '').trim() === '') throw invalid('reason', 'SCM wants a reason for revoking SSL certificates: say why.');
  }
  if (action === 'approve' && (options.message ?? '').trim() === '') throw invalid('message', 'Write a message for the requesters.');
}

/**
 * Bulk actions on certificates: a plan first (what will happen to each, what
 * is skipped and why), then a job that works through it a few at a time. One
 * certificate's failure is recorded and the rest go on; a write whose answer
 * is lost is checked against SCM rather than repeated, so nothing is done
 * twice; every write goes through the audit log like any other.
 */
export class BulkActions {
  readonly #plans = new Map<string, StoredPlan>();
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  plan(profileId: string, args: BulkPlanArgs, selected: readonly StoredRow[], context: Pick<ActionContext, 'identity'>): BulkPlan {
    if (selected.length === 0) throw invalid('selection', 'No certificate is selected.');
    if (selected.length > maxBulkItems) throw invalid('selection', `Select at most ${maxBulkItems.toLocaleString('en')} certificates at once; ${selected.length.toLocaleString('en')} are selected.`);
    checkOptions(args.action, args.options, selected);
    const day = today(this.#now());
    const action: CertificateAction = args.action;
    const items = selected.map((row): BulkItem => {
      const reason = actionAllowed(action, shown(row, day), context.identity);
      return { key: row.key, commonName: row.commonName || row.names[0] || '', status: row.status, outcome: reason === null ? 'planned' : 'skipped', note: reason, newKey: null };
    });
    const plan: BulkPlan = {
      planId: randomBytes(8).toString('hex'),
      action: args.action,
      options: args.action === 'collect' ? { format: args.options.format ?? 'chain' } : args.options,
      profileId,
      createdAt: new Date(this.#now()).toISOString(),
      items,
      counts: counts(items),
      jobId: null,
      state: 'planned',
    };
    this.#plans.set(plan.planId, { plan, rows: new Map(selected.map((row) => [row.key, row])), files: [] });
    for (const old of [...this.#plans.keys()].slice(0, Math.max(0, this.#plans.size - keptPlans))) {
      if (this.#plans.get(old)?.plan.state !== 'running') this.#plans.delete(old);
    }
    return plan;
  }

  get(planId: string): BulkPlan {
    return this.#stored(planId).plan;
  }

  #stored(planId: string): StoredPlan {
    const stored = this.#plans.get(planId);
    if (stored === undefined) throw new ServiceError({ kind: 'not-found', message: 'That bulk action is no longer known; plan it again.', anchor: 'certificates#bulk' });
    return stored;
  }

  /** Marks a plan as started by a job; a plan runs once. */
  claim(planId: string, profileId: string): StoredPlan {
    const stored = this.#stored(planId);
    if (stored.plan.profileId !== profileId) throw new ServiceError({ kind: 'permission', message: 'That bulk action was planned for another profile; plan it again here.', anchor: 'certificates#bulk' });
    if (stored.plan.state !== 'planned') throw new ServiceError({ kind: 'validation', message: 'That bulk action has already run; plan it again to repeat it.', anchor: 'certificates#bulk' });
    stored.plan = { ...stored.plan, state: 'running' };
    return stored;
  }

  attachJob(planId: string, jobId: string): void {
    const stored = this.#stored(planId);
    stored.plan = { ...stored.plan, jobId };
  }

  /** Works through the plan; returns when every item is done, failed, unknown or (cancelled) still planned. */
  async run(planId: string, context: ActionContext, signal: AbortSignal, progress: (done: number, total: number) => void): Promise<void> {
    const stored = this.#stored(planId);
    const { plan } = stored;
    const todo = plan.items.map((item, position) => ({ item, position })).filter((entry) => entry.item.outcome === 'planned');
    const total = todo.length;
    let done = 0;
    let next = 0;
    const refreshed: StoredRow[] = [];
    const batched: ActionContext = { ...context, update: async (rows) => void refreshed.push(...rows) };
    const setItem = (position: number, change: Partial<BulkItem>): void => {
      const items = [...stored.plan.items];
      items[position] = { ...items[position]!, ...change };
      stored.plan = { ...stored.plan, items, counts: counts(items) };
    };
    progress(0, total);
    const worker = async (): Promise<void> => {
      while (next < todo.length && !signal.aborted) {
        const { item, position } = todo[next++]!;
        const row = stored.rows.get(item.key)!;
        try {
          setItem(position, await this.#one(plan, row, batched, stored, signal));
        } catch (error) {
          const message = error instanceof ScmClientError || error instanceof ServiceError ? error.message : 'The console failed on this certificate.';
          setItem(position, { outcome: error instanceof ScmClientError && error.outcomeUnknown ? 'unknown' : 'failed', note: message.slice(0, 1000) });
        }
        done += 1;
        progress(done, total);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(inFlight, Math.max(1, todo.length)) }, worker));
    } finally {
      stored.plan = { ...stored.plan, state: 'finished' };
      await context.update(refreshed).catch(() => undefined);
    }
  }

  async #one(plan: BulkPlan, row: StoredRow, context: ActionContext, stored: StoredPlan, signal: AbortSignal): Promise<Partial<BulkItem>> {
    const { client } = context;
    switch (plan.action) {
      case 'revoke':
        // A revoke may be repeated (SCM's "already revoked" counts as done), so a bad minute gets more rounds than one call's tries.
        await persist(() => revokeRow(client, row, plan.options.reasonCode ?? 0, (plan.options.reason ?? '').trim()), { attempts: 3, pauseMs: 1_000, signal });
        await refreshRow(context, row.key).catch(() => undefined);
        return { outcome: 'done', note: null };
      case 'approve':
        await approveOnce(context, row, plan.options.message ?? '');
        await refreshRow(context, row.key).catch(() => undefined);
        return { outcome: 'done', note: null };
      case 'renew': {
        const result = await act(context, { action: 'renew', key: row.key, csr: { mode: 'same' } });
        return { outcome: 'done', note: result.newKey === null ? null : `Renewed as ${result.newKey}.`, newKey: result.newKey };
      }
      case 'collect': {
        const file = await collectFile(client, row, plan.options.format ?? 'chain');
        stored.files.push(file);
        return { outcome: 'done', note: file.fileName };
      }
    }
  }

  /** The results as CSV, one line per certificate. */
  summary(planId: string): { fileName: string; mediaType: string; text: string } {
    const { plan } = this.#stored(planId);
    const lines = ['certificate,common name,status before,action,outcome,note,new certificate'];
    for (const item of plan.items) lines.push([item.key, item.commonName, item.status, plan.action, item.outcome, item.note ?? '', item.newKey ?? ''].map(csvField).join(','));
    return { fileName: `bulk-${plan.action}-${plan.createdAt.slice(0, 10)}-${plan.planId.slice(0, 6)}.csv`, mediaType: 'text/csv', text: `\uFEFF${lines.join('\r\n')}\r\n` };
  }

  /** What a bulk collect downloaded, as one zip. */
  certificates(planId: string): { fileName: string; mediaType: string; base64: string } {
    const stored = this.#stored(planId);
    if (stored.plan.action !== 'collect') throw new ServiceError({ kind: 'validation', message: 'Only a bulk download has certificates to save.', anchor: 'certificates#bulk' });
    const entries: Record<string, Uint8Array> = {};
    for (const file of stored.files) entries[file.fileName] = file.base64 === undefined ? strToU8(file.text ?? '') : Buffer.from(file.base64, 'base64');
    return { fileName: `certificates-${stored.plan.createdAt.slice(0, 10)}-${stored.plan.planId.slice(0, 6)}.zip`, mediaType: 'application/zip', base64: Buffer.from(zipSync(entries)).toString('base64') };
  }
}
