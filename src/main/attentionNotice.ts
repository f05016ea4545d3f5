import type { AttentionSummary } from '../shared/attention';
import type { MenuLanguage } from './menu';

/** What an operating-system notification says: a title and a few short lines. */
export interface Notice {
  title: string;
  body: string;
}

const words = {
  en: {
    title: 'TCS Admin Console: needs attention',
    certificates: (count: number, days: number) => `${count} certificate${count === 1 ? '' : 's'} end${count === 1 ? 's' : ''} within ${days} days`,
    dcv: (count: number, days: number) => `${count} domain validation${count === 1 ? '' : 's'} end${count === 1 ? 's' : ''} within ${days} days or ended`,
    passwordExpired: 'Your password has expired',
    password: (days: number) => (days <= 0 ? 'Your password expires today' : `Your password expires in ${days} day${days === 1 ? '' : 's'}`),
    admins: (count: number) => `${count} admin${count === 1 ? '’s' : 's’'} password${count === 1 ? '' : 's'} expire${count === 1 ? 's' : ''} soon or expired`,
    runs: (count: number) => `${count} checklist run${count === 1 ? ' is' : 's are'} open`,
  },
  sv: {
    title: 'TCS Admin Console: behöver åtgärdas',
    certificates: (count: number, days: number) => `${count} certifikat går ut inom ${days} dagar`,
    dcv: (count: number, days: number) => `${count} ${count === 1 ? 'domänvalidering' : 'domänvalideringar'} går ut inom ${days} dagar eller har gått ut`,
    passwordExpired: 'Ditt lösenord har gått ut',
    password: (days: number) => (days <= 0 ? 'Ditt lösenord går ut i dag' : `Ditt lösenord går ut om ${days} ${days === 1 ? 'dag' : 'dagar'}`),
    admins: (count: number) => `${count} ${count === 1 ? 'administratörs lösenord' : 'administratörers lösenord'} går snart ut eller har gått ut`,
    runs: (count: number) => `${count} ${count === 1 ? 'checklistekörning är öppen' : 'checklistekörningar är öppna'}`,
  },
} satisfies Record<MenuLanguage, unknown>;

/**
 * The notification for a summary, one short line per part that found
 * something, or null when nothing needs attention. A part that could not be
 * read is left to the Home page, which says so: a notification only tells of
 * what is due.
 */
export function attentionNotice(summary: AttentionSummary, language: MenuLanguage): Notice | null {
  const say = words[language];
  const lines: string[] = [];
  const { certificates, dcv, password, admins, checklists } = summary;
  if (certificates.state === 'ready' && certificates.count > 0) lines.push(say.certificates(certificates.count, certificates.windowDays));
  if (dcv.state === 'ready' && dcv.count > 0) lines.push(say.dcv(dcv.count, dcv.windowDays));
  if (password.state === 'ready' && password.due !== null) lines.push(password.due.expired ? say.passwordExpired : say.password(password.due.daysLeft ?? 0));
  if (admins.state === 'ready' && admins.count > 0) lines.push(say.admins(admins.count));
  if (checklists.state === 'ready' && checklists.count > 0) lines.push(say.runs(checklists.count));
  return lines.length === 0 ? null : { title: say.title, body: lines.join('\n') };
}

/** The timer functions the watch uses: the real ones, or a test's. */
export interface WatchTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface AttentionWatchOptions {
  /** The summary for the signed-in profile; rejects when nobody is signed in. */
  summary: () => Promise<AttentionSummary>;
  language: () => Promise<MenuLanguage>;
  /** Shows the notice; its click brings the console forward at Home. */
  notify: (notice: Notice) => void;
  /** The first look, after the start has settled (a sign-in from the keychain). */
  firstAfterMs?: number;
  /** The looks after it. */
  everyMs?: number;
  timers?: WatchTimers;
}

/**
 * Looks at what needs attention a little after the start and every few hours
 * after, and notifies when there is something and it is not what was last
 * told: the same list is not told twice in a row, and an empty one resets it.
 * A look that fails (nobody signed in, SCM away) tells nothing and waits for
 * the next. Returns a function that stops the watch.
 */
export function watchAttention(options: AttentionWatchOptions): () => void {
  const timers: WatchTimers = options.timers ?? { setTimeout: (callback, ms) => setTimeout(callback, ms), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) };
  const everyMs = options.everyMs ?? 4 * 60 * 60_000;
  let lastTold: string | null = null;
  let stopped = false;
  let timer: unknown;
  const look = async (): Promise<void> => {
    try {
      const notice = attentionNotice(await options.summary(), await options.language());
      if (stopped) return;
      const told = notice === null ? null : `${notice.title}\n${notice.body}`;
      if (notice !== null && told !== lastTold) options.notify(notice);
      lastTold = told;
    } catch {
      // Nothing to tell now; the next look tries again.
    }
  };
  const next = (ms: number): void => {
    timer = timers.setTimeout(() => {
      void look().finally(() => {
        if (!stopped) next(everyMs);
      });
    }, ms);
  };
  next(options.firstAfterMs ?? 15_000);
  return () => {
    stopped = true;
    timers.clearTimeout(timer);
  };
}
