import {
  maxHealthItems,
  worstVerdict,
  type HealthCheck,
  type HealthCheckId,
  type HealthReport,
  type HealthVerdict,
} from '../../shared/health';
import { baselineNotificationTypes } from '../../shared/checklists';
import type { DcvRow, SslInventoryRow } from '../../shared/scm/types';
import { AdminsApi } from '../scm/admins';
import type { ScmClient } from '../scm/client';
import { daysUntil } from '../scm/dates';
import { DomainsApi } from '../scm/domains';
import { NotificationsApi } from '../scm/notifications';
import { OrganizationsApi } from '../scm/organizations';
import { inventoryFromDetails, reportRefused, sslReport } from '../scm/reports';
import { SslApi } from '../scm/ssl';
import { probeWritable } from '../scm/tenant';
import { appErrorOf } from './errors';
import type { SessionService } from './session';

/** The notifications every institution should have (those SCM offers this admin). */
export const baselineNotifications: readonly string[] = baselineNotificationTypes;

const soonDays = 30;
const passwordWarnDays = 14;
const dayMs = 86_400_000;

/**
 * The SSL certificates that end in the coming weeks, for the check of those
 * ending soon: the report asked for them alone, by their expiry date. The
 * whole inventory would do, but a large tenant's (100,000 certificates make a
 * report of about 100 MB) takes seconds to parse, all of it on the console's
 * one thread, and the Home page runs these checks each time it opens. Where
 * the report is refused, the list and each certificate's details, as the
 * inventory is read then.
 */
async function sslEndingSoon(client: ScmClient, now: number): Promise<SslInventoryRow[]> {
  try {
    // A day either side: which certificates count is decided below, by the days left.
    return await sslReport(client, { certificateDateAttribute: 3, from: new Date(now - dayMs).toISOString(), to: new Date(now + (soonDays + 2) * dayMs).toISOString() });
  } catch (error) {
    if (!reportRefused(error)) throw error;
  }
  return inventoryFromDetails(new SslApi(client), {});
}

/**
 * The domain validations that need attention: those still validated that end
 * within `withinDays` (or whose end has passed), and those SCM says expired.
 * The doctor's DCV check and the Home page's summary both count these.
 */
export function dcvNeedingAttention(validations: readonly DcvRow[], now: number, withinDays = soonDays): { ending: DcvRow[]; expired: DcvRow[] } {
  const expired = validations.filter((row) => row.status.toUpperCase() === 'EXPIRED');
  const ending = validations.filter((row) => {
    const left = daysUntil(row.expires, now);
    return row.status.toUpperCase() === 'VALIDATED' && left !== null && left <= withinDays;
  });
  return { ending, expired };
}

/** Each check's title, and the handbook section that says what to do about it. */
const about: Record<HealthCheckId, { title: string; anchor?: string }> = {
  connection: { title: 'Connection to SCM' },
  password: { title: 'Password expiry', anchor: 'connecting#password-expiry' },
  'rest-api': { title: 'REST API of organizations', anchor: 'procedure-rest-api-org#step-enable-ssl-api' },
  writable: { title: 'Certificate orders', anchor: 'platform-status#read-only-tenants' },
  dcv: { title: 'Domain validations', anchor: 'domains-dcv#dcv-expiry' },
  certificates: { title: 'Certificates ending soon', anchor: 'certificates#renew' },
  notifications: { title: 'Baseline notifications', anchor: 'notifications#baseline' },
};

function check(id: HealthCheckId, verdict: HealthVerdict, detail: string, items: string[] = [], anchor = about[id].anchor): HealthCheck {
  return { id, verdict, title: about[id].title, detail, items, itemCount: items.length, ...(anchor === undefined ? {} : { anchor }) };
}

/** A check that could not be made: what SCM or the network said, and where that is explained. */
function failure(id: HealthCheckId, error: unknown): HealthCheck {
  const known = appErrorOf(error);
  if (known === undefined) return check(id, 'FAIL', 'the check failed unexpectedly');
  return check(id, 'FAIL', `${known.message}${known.hint === undefined ? '' : ` ${known.hint}`}`, [], known.anchor);
}

/**
 * Everything that needs attention in a tenant, as a monitoring plugin reports
 * it: each check OK, WARN or FAIL. `who` is the login (or client ID) the
 * client signs in as. Items are not cut short here; each shell shows what fits.
 */
export async function runHealthChecks(client: ScmClient, who: string, now = Date.now()): Promise<HealthCheck[]> {
  const admins = new AdminsApi(client);
  const checks: HealthCheck[] = [];
  let password;
  try {
    password = await admins.passwordStatus();
    checks.push(check('connection', 'OK', `signed in to ${client.origin} as ${who}`));
  } catch (error) {
    checks.push(failure('connection', error));
    return checks;
  }

  const days = daysUntil(password.expires, now);
  if (password.state === 'EXPIRED') {
    checks.push(check('password', 'FAIL', 'the password has expired: change it before anything else works', [], 'connecting#change-password'));
    return checks;
  }
  if (password.state === 'NEVER_EXPIRE' || days === null) checks.push(check('password', 'OK', 'the password does not expire'));
  else checks.push(check('password', days < passwordWarnDays ? 'WARN' : 'OK', `the password expires in ${days} days (${password.expires})`));

  let apiOn: number | undefined;
  try {
    const organizations = new OrganizationsApi(client);
    const units = (await organizations.list()).flatMap((org) => [org, ...org.departments]);
    const details = await Promise.all(units.map((unit) => organizations.get(unit.id)));
    const off = details.filter((unit) => unit.sslCertsApiEnabled === false);
    apiOn = details.find((unit) => unit.sslCertsApiEnabled !== false)?.id;
    checks.push(
      check(
        'rest-api',
        off.length === 0 ? 'OK' : off.length === details.length ? 'FAIL' : 'WARN',
        off.length === 0 ? `the REST API is on for all ${details.length} organizations and departments in scope` : `the REST API is off for ${off.length} of ${details.length} organizations and departments`,
        off.map((unit) => `${unit.name} (${unit.id})`),
      ),
    );
  } catch (error) {
    checks.push(failure('rest-api', error));
  }

  try {
    const self = await admins.findByLogin(who);
    const credentials = self === undefined ? [] : (await admins.get(self.id)).credentials;
    const verdict = apiOn === undefined ? { writable: 'unknown' as const, reason: 'no organization in scope has the REST API on' } : await probeWritable(client, credentials, apiOn);
    if (verdict.writable === true) checks.push(check('writable', 'OK', 'the tenant accepts certificate orders'));
    else if (verdict.writable === false) checks.push(check('writable', 'FAIL', `${verdict.error.message} ${verdict.error.hint ?? ''}`.trim()));
    else checks.push(check('writable', 'OK', `not checked: ${verdict.reason}`));
  } catch (error) {
    checks.push(failure('writable', error));
  }

  try {
    const { ending, expired } = dcvNeedingAttention(await new DomainsApi(client).validations(), now);
    checks.push(
      check(
        'dcv',
        expired.length + ending.length === 0 ? 'OK' : 'WARN',
        expired.length + ending.length === 0 ? `no domain validation ends within ${soonDays} days` : `${ending.length} domain validation(s) end within ${soonDays} days, ${expired.length} have expired`,
        [...ending.map((row) => `${row.domain} ends ${row.expires}`), ...expired.map((row) => `${row.domain} expired`)],
      ),
    );
  } catch (error) {
    checks.push(failure('dcv', error));
  }

  try {
    const ending = (await sslEndingSoon(client, now))
      .filter((row) => row.status === 'Issued')
      .map((row) => ({ row, left: daysUntil(row.expires, now) }))
      .filter(({ left }) => left !== null && left >= 0 && left <= soonDays)
      .sort((a, b) => (a.left ?? 0) - (b.left ?? 0));
    checks.push(
      check(
        'certificates',
        ending.length === 0 ? 'OK' : 'WARN',
        ending.length === 0 ? `no issued certificate expires within ${soonDays} days` : `${ending.length} issued certificate(s) expire within ${soonDays} days`,
        ending.map(({ row, left }) => `${row.commonName} (${row.id}) in ${left} days`),
      ),
    );
  } catch (error) {
    checks.push(failure('certificates', error));
  }

  try {
    const notifications = new NotificationsApi(client);
    const [available, existing] = await Promise.all([notifications.types(), notifications.list()]);
    const present = new Set(existing.filter((rule) => rule.active).map((rule) => rule.type));
    const missing = baselineNotifications.filter((type) => available.includes(type) && !present.has(type));
    checks.push(check('notifications', missing.length === 0 ? 'OK' : 'WARN', missing.length === 0 ? 'the baseline notifications exist' : `${missing.length} baseline notification(s) are missing`, missing));
  } catch (error) {
    checks.push(failure('notifications', error));
  }
  return checks;
}

/** The checks as one answer: the worst verdict, and each check with at most `maxHealthItems` items of text that fits. */
export function healthReport(checks: readonly HealthCheck[], checkedAt: number): HealthReport {
  return {
    verdict: worstVerdict(checks.map((entry) => entry.verdict)),
    checkedAt: new Date(checkedAt).toISOString(),
    checks: checks.map((entry) => ({
      ...entry,
      detail: entry.detail.slice(0, 2000),
      items: entry.items.slice(0, maxHealthItems).map((item) => item.slice(0, 500)),
    })),
  };
}

/**
 * The same checks as `tcs-admin doctor`, for the signed-in session. A check
 * asked for while one runs gets that one's answer rather than a second round
 * of requests to SCM.
 */
export class HealthService {
  readonly #session: SessionService;
  readonly #now: () => number;
  #running: Promise<HealthReport> | undefined;

  constructor(options: { session: SessionService; now?: () => number }) {
    this.#session = options.session;
    this.#now = options.now ?? Date.now;
  }

  check(): Promise<HealthReport> {
    if (this.#running !== undefined) return this.#running;
    const client = this.#session.client();
    const who = this.#session.state().identity?.login ?? '';
    const running = (async () => healthReport(await runHealthChecks(client, who, this.#now()), this.#now()))();
    this.#running = running;
    const clear = (): void => {
      if (this.#running === running) this.#running = undefined;
    };
    running.then(clear, clear);
    return running;
  }
}
