import type { AdminRow, AdminWarning } from '../../shared/admins';
import {
  attentionDeadlineMs,
  attentionListed,
  attentionRunsListed,
  certificateWindowDays,
  dcvWindowDays,
  passwordWindowDays,
  type AdminsAttention,
  type AttentionSummary,
  type CertificatesAttention,
  type ChecklistsAttention,
  type DcvAttention,
  type EndingValidation,
  type PasswordAttention,
} from '../../shared/attention';
import { stepFinished } from '../../shared/checklists';
import type { AppError } from '../../shared/result';
import type { Session } from '../../shared/session';
import type { ScmClient } from '../scm/client';
import { daysUntil } from '../scm/dates';
import { DomainsApi } from '../scm/domains';
import type { AdminsService } from './admins';
import type { CertificatesService } from './certificates/service';
import type { ChecklistService } from './checklists';
import { appErrorOf, ServiceError } from './errors';
import { dcvNeedingAttention } from './health';
import { SessionError, type SessionService } from './session';

const certificatesLink = { to: '/certificates', search: { attention: 'expiring' } } as const;
const domainsLink = { to: '/domains', search: { expiring: true } } as const;
const adminsLink = { to: '/admins', search: { warned: true } } as const;
const passwordLink = { to: '/home', action: 'change-password' } as const;
const checklistsLink = { to: '/checklists' } as const;

/** Where the handbook says what the summary holds and what to do about each part. */
const anchor = 'start-here#needs-attention';
const seconds = attentionDeadlineMs / 1000;
/** Pages of admins read from the Admins page's table at a time. */
const adminsPage = 500;
const dayMs = 86_400_000;
/** The Admins page's warnings about a password: those the summary counts. */
const passwordWarnings: ReadonlySet<AdminWarning> = new Set(['passwordExpiresSoon', 'passwordExpired']);

/** An SCM part given up at the deadline: what did not answer, and that the rest did not wait for it. */
function late(what: string): AppError {
  return { kind: 'timeout', message: `SCM did not send ${what} in time.`, hint: `The summary waits at most ${seconds} seconds for SCM, so that the rest shows at once. Try again.`, anchor };
}

/** What a part's failure says to a person: the console's own wording where it knows the failure. */
function describe(error: unknown, what: string): AppError {
  return appErrorOf(error) ?? { kind: 'internal', message: `Reading ${what} failed unexpectedly.`, hint: 'Try again; if it keeps failing, restart the console.', anchor: 'errors#kind-internal' };
}

/**
 * Runs a part that asks SCM until the deadline: its requests are then
 * cancelled, and the part is given up with `lateError` even if they do not
 * stop at once, so that a slow SCM holds up nothing else.
 */
async function withinDeadline<T>(deadline: AbortSignal, lateError: AppError, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  if (deadline.aborted) throw new ServiceError(lateError);
  let giveUp: () => void = () => undefined;
  const passed = new Promise<never>((_, reject) => {
    giveUp = () => reject(new ServiceError(lateError));
    deadline.addEventListener('abort', giveUp, { once: true });
  });
  try {
    return await Promise.race([work(deadline), passed]);
  } finally {
    deadline.removeEventListener('abort', giveUp);
  }
}

/** Whole calendar days (UTC) from today to an ISO day, as the Admins page counts them. */
function calendarDaysUntil(day: string, now: number): number {
  return Math.round((Date.parse(`${day.slice(0, 10)}T00:00:00Z`) - Math.floor(now / dayMs) * dayMs) / dayMs);
}

/** Those already ended first, then the soonest to end; without a date, first among the ended and last among the rest. */
function soonestFirst(a: { daysLeft: number | null; expired: boolean }, b: { daysLeft: number | null; expired: boolean }): number {
  if (a.expired !== b.expired) return a.expired ? -1 : 1;
  const missing = a.expired ? Number.MIN_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
  return (a.daysLeft ?? missing) - (b.daysLeft ?? missing);
}

export interface AttentionServiceOptions {
  session: SessionService;
  /** The inventory kept on this computer: its expiring certificates, without asking SCM. */
  certificates: Pick<CertificatesService, 'open' | 'select'>;
  /** The admins as the Admins page last read them, if it did. */
  admins: Pick<AdminsService, 'window'>;
  checklists: Pick<ChecklistService, 'runs' | 'get'>;
  now?: () => number;
}

/**
 * What needs attention for the signed-in profile: certificates and domain
 * validations ending within the warning window, the admin's own password and
 * those of the other admins in scope about to expire, and checklist runs left
 * open. Made from what this computer holds wherever it can; SCM is asked only
 * for the domain validations, within a deadline. Shown on the Home page, and
 * the same summary can serve a notification of the operating system.
 */
export class AttentionService {
  readonly #session: SessionService;
  readonly #certificates: AttentionServiceOptions['certificates'];
  readonly #admins: AttentionServiceOptions['admins'];
  readonly #checklists: AttentionServiceOptions['checklists'];
  readonly #now: () => number;
  #running: Promise<AttentionSummary> | undefined;

  constructor(options: AttentionServiceOptions) {
    this.#session = options.session;
    this.#certificates = options.certificates;
    this.#admins = options.admins;
    this.#checklists = options.checklists;
    this.#now = options.now ?? Date.now;
  }

  /**
   * The summary, each part that asks SCM given up at `deadline` (by default
   * `attentionDeadlineMs` from now) if SCM has not answered by then. A summary
   * asked for while one is being made, with the default deadline, gets that one.
   */
  summary(options: { deadline?: AbortSignal } = {}): Promise<AttentionSummary> {
    if (options.deadline !== undefined) return this.#summarise(options.deadline);
    if (this.#running !== undefined) return this.#running;
    const running = this.#summarise(AbortSignal.timeout(attentionDeadlineMs));
    this.#running = running;
    const clear = (): void => {
      if (this.#running === running) this.#running = undefined;
    };
    running.then(clear, clear);
    return running;
  }

  async #summarise(deadline: AbortSignal): Promise<AttentionSummary> {
    const session = this.#session.state();
    if (session.status !== 'signed-in' || session.profileId === null) {
      throw new SessionError({ kind: 'auth', message: 'Sign in to a profile first.', anchor: 'connecting#profiles' });
    }
    const profileId = session.profileId;
    const client = this.#session.client();
    const now = this.#now();
    // Only SCM is given a deadline: what this computer keeps is read in full, and the summary waits for it.
    const [certificates, dcv, checklists] = await Promise.all([
      this.#certificatesPart(profileId).catch((error: unknown): CertificatesAttention => ({ state: 'unavailable', error: describe(error, 'the saved certificate inventory'), link: certificatesLink })),
      withinDeadline(deadline, late('the domain validations'), (signal) => this.#dcvPart(client, now, signal)).catch(
        (error: unknown): DcvAttention => ({ state: 'unavailable', error: describe(error, 'the domain validations'), link: domainsLink }),
      ),
      this.#checklistsPart(profileId).catch((error: unknown): ChecklistsAttention => ({ state: 'unavailable', error: describe(error, 'the checklist runs'), link: checklistsLink })),
    ]);
    return {
      profileId,
      checkedAt: new Date(now).toISOString(),
      certificates,
      dcv,
      password: this.#passwordPart(session, now),
      admins: this.#adminsPart(session, now),
      checklists,
    };
  }

  /** The issued certificates the Certificates page's "expiring" filter shows, from the inventory kept on this computer. */
  async #certificatesPart(profileId: string): Promise<CertificatesAttention> {
    const inventory = await this.#certificates.open(profileId);
    if (inventory.contents === null) return { state: 'not-read', unreadable: inventory.cacheProblem !== null, link: certificatesLink };
    const rows = await this.#certificates.select(profileId, { attention: 'expiring' }, { column: 'expires', desc: false });
    return {
      state: 'ready',
      windowDays: certificateWindowDays,
      count: rows.length,
      soonest: rows.slice(0, attentionListed).map((row) => ({ key: row.key, kind: row.kind, commonName: row.commonName, expires: row.expires ?? '', daysLeft: row.daysLeft ?? 0 })),
      savedAt: inventory.contents.savedAt,
      link: certificatesLink,
    };
  }

  /** The domain validations ending within the window or ended, as the doctor's DCV check finds them: one read from SCM. */
  async #dcvPart(client: ScmClient, now: number, signal: AbortSignal): Promise<DcvAttention> {
    const { ending, expired } = dcvNeedingAttention(await new DomainsApi(client).validations({}, { signal }), now, dcvWindowDays);
    const items: EndingValidation[] = [...ending, ...expired]
      .map((row) => {
        const daysLeft = daysUntil(row.expires, now);
        return { domain: row.domain, expires: row.expires, daysLeft, expired: row.status.toUpperCase() === 'EXPIRED' || (daysLeft !== null && daysLeft < 0) };
      })
      .sort(soonestFirst);
    return { state: 'ready', windowDays: dcvWindowDays, count: items.length, soonest: items.slice(0, attentionListed), link: domainsLink };
  }

  /** The signed-in admin's password as read at sign-in (or changed since), its days counted as the Home page counts them. */
  #passwordPart(session: Session, now: number): PasswordAttention {
    const password = session.password;
    if (password === null) return { state: 'no-password' };
    const daysLeft = password.state === 'ALIVE' ? daysUntil(password.expires, now) : null;
    const expired = password.state === 'EXPIRED' || (daysLeft !== null && daysLeft < 0);
    const due = expired || (daysLeft !== null && daysLeft <= passwordWindowDays) ? { expires: password.expires, daysLeft, expired } : null;
    return { state: 'ready', windowDays: passwordWindowDays, due, link: passwordLink };
  }

  /**
   * The other admins whose passwords the Admins page warns about (expiring
   * within the window, or expired): only when that page read them in this run
   * of the console, since reading every admin takes a request per admin.
   */
  #adminsPart(session: Session, now: number): AdminsAttention {
    const filter = { attention: true as const };
    const sort = { column: 'passwordExpires' as const, desc: false };
    const first = this.#admins.window({ filter, sort, offset: 0, limit: adminsPage });
    if (first.loadedAt === null) return { state: 'not-read', link: adminsLink };
    const rows: AdminRow[] = [...first.rows];
    while (rows.length < first.matching) {
      const next = this.#admins.window({ filter, sort, offset: rows.length, limit: adminsPage });
      if (next.rows.length === 0) break;
      rows.push(...next.rows);
    }
    const self = session.identity?.login ?? null;
    const others = rows
      .filter((row) => (row.login === null || row.login !== self) && row.warnings.some((warning) => passwordWarnings.has(warning)))
      .map((row) => {
        const daysLeft = row.passwordExpires === null ? null : calendarDaysUntil(row.passwordExpires, now);
        return { id: row.id, displayName: row.displayName, passwordExpires: row.passwordExpires, daysLeft, expired: row.warnings.includes('passwordExpired') };
      })
      .sort(soonestFirst);
    return { state: 'ready', windowDays: passwordWindowDays, count: others.length, soonest: others.slice(0, attentionListed), loadedAt: first.loadedAt, complete: first.complete, link: adminsLink };
  }

  /** The profile's checklist runs not done yet, each with the step it is at. */
  async #checklistsPart(profileId: string): Promise<ChecklistsAttention> {
    const open = (await this.#checklists.runs(profileId)).filter((run) => run.status !== 'done');
    const runs = await Promise.all(
      open.slice(0, attentionRunsListed).map(async (summary) => {
        const run = await this.#checklists.get(summary.id);
        const at = run.steps.findIndex((step) => !stepFinished(step.state));
        return {
          runId: run.id,
          checklistId: run.checklistId,
          targetName: run.target.name,
          status: run.status,
          step: at < 0 ? null : { id: run.steps[at]!.id, number: at + 1 },
          stepCount: run.steps.length,
          updatedAt: run.updatedAt,
          link: { to: '/checklists/runs/$runId' as const, params: { runId: run.id } },
        };
      }),
    );
    return { state: 'ready', count: open.length, runs, link: checklistsLink };
  }
}
