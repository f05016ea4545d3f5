import { describe, expect, it, vi } from 'vitest';
import { attentionNotice, watchAttention, type WatchTimers } from '../../src/main/attentionNotice';
import { attentionSummarySchema, type AttentionSummary } from '../../src/shared/attention';

/** A summary in which nothing is due, with `change` applied: checked against the contract's schema. */
function summary(change: Partial<AttentionSummary> = {}): AttentionSummary {
  return attentionSummarySchema.parse({
    profileId: 'p1',
    checkedAt: '2026-12-03T08:00:00.000Z',
    certificates: { state: 'ready', windowDays: 30, count: 0, soonest: [], savedAt: '2026-12-03T07:00:00.000Z', link: { to: '/certificates', search: { attention: 'expiring' } } },
    dcv: { state: 'ready', windowDays: 30, count: 0, soonest: [], link: { to: '/domains', search: { expiring: true } } },
    password: { state: 'ready', windowDays: 14, due: null, link: { to: '/home', action: 'change-password' } },
    admins: { state: 'not-read', link: { to: '/admins', search: { warned: true } } },
    checklists: { state: 'ready', count: 0, runs: [], link: { to: '/checklists' } },
    ...change,
  });
}

const due = summary({
  certificates: { state: 'ready', windowDays: 30, count: 3, soonest: [], savedAt: '2026-12-03T07:00:00.000Z', link: { to: '/certificates', search: { attention: 'expiring' } } },
  password: { state: 'ready', windowDays: 14, due: { expires: '2026-12-08', daysLeft: 5, expired: false }, link: { to: '/home', action: 'change-password' } },
  checklists: { state: 'ready', count: 1, runs: [], link: { to: '/checklists' } },
});

describe('the notification of what needs attention', () => {
  it('says nothing when nothing is due, nor for a part that could not be read', () => {
    expect(attentionNotice(summary(), 'en')).toBeNull();
    const unread = summary({ dcv: { state: 'unavailable', error: { kind: 'network', message: 'SCM could not be reached.' }, link: { to: '/domains', search: { expiring: true } } } });
    expect(attentionNotice(unread, 'en')).toBeNull();
  });

  it('gives one line per part that found something, in English and in Swedish', () => {
    expect(attentionNotice(due, 'en')).toEqual({
      title: 'TCS Admin Console: needs attention',
      body: '3 certificates end within 30 days\nYour password expires in 5 days\n1 checklist run is open',
    });
    expect(attentionNotice(due, 'sv')).toEqual({
      title: 'TCS Admin Console: behöver åtgärdas',
      body: '3 certifikat går ut inom 30 dagar\nDitt lösenord går ut om 5 dagar\n1 checklistekörning är öppen',
    });
    const expired = summary({ password: { state: 'ready', windowDays: 14, due: { expires: '2026-12-01', daysLeft: -2, expired: true }, link: { to: '/home', action: 'change-password' } } });
    expect(attentionNotice(expired, 'en')?.body).toBe('Your password has expired');
  });
});

/** Timers a test moves by hand. */
function manualTimers(): WatchTimers & { fire(): Promise<void>; pending(): number } {
  let waiting: (() => void) | undefined;
  return {
    setTimeout(callback) {
      waiting = callback;
      return 1;
    },
    clearTimeout() {
      waiting = undefined;
    },
    async fire() {
      const callback = waiting;
      waiting = undefined;
      callback?.();
      // The look awaits the summary and the language: let those settle.
      for (let turn = 0; turn < 10; turn += 1) await Promise.resolve();
    },
    pending: () => (waiting === undefined ? 0 : 1),
  };
}

describe('the watch on what needs attention', () => {
  it('tells once what is due, not again while it stays the same, and again once it changed', async () => {
    const timers = manualTimers();
    const notify = vi.fn();
    let current = due;
    const stop = watchAttention({ summary: async () => current, language: async () => 'en', notify, timers });
    await timers.fire();
    expect(notify).toHaveBeenCalledTimes(1);
    await timers.fire();
    expect(notify).toHaveBeenCalledTimes(1);
    current = summary();
    await timers.fire();
    expect(notify).toHaveBeenCalledTimes(1);
    current = due;
    await timers.fire();
    expect(notify).toHaveBeenCalledTimes(2);
    stop();
    expect(timers.pending()).toBe(0);
  });

  it('tells nothing when nobody is signed in, and looks again later', async () => {
    const timers = manualTimers();
    const notify = vi.fn();
    let signedIn = false;
    watchAttention({ summary: async () => (signedIn ? due : Promise.reject(new Error('Sign in to a profile first.'))), language: async () => 'sv', notify, timers });
    await timers.fire();
    expect(notify).not.toHaveBeenCalled();
    expect(timers.pending()).toBe(1);
    signedIn = true;
    await timers.fire();
    expect(notify).toHaveBeenCalledWith(expect.objectContaining({ title: 'TCS Admin Console: behöver åtgärdas' }));
  });
});
