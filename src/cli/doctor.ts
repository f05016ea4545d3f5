import type { ScmClient } from '../main/scm/client';
import { AdminsApi } from '../main/scm/admins';
import { daysUntil } from '../main/scm/dates';
import { DomainsApi } from '../main/scm/domains';
import { ScmClientError } from '../main/scm/errors';
import { NotificationsApi } from '../main/scm/notifications';
import { OrganizationsApi } from '../main/scm/organizations';
import { sslInventory } from '../main/scm/reports';
import { SslApi } from '../main/scm/ssl';
import { probeWritable } from '../main/scm/tenant';

export type Verdict = 'OK' | 'WARN' | 'FAIL';

export interface Check {
  check: string;
  status: Verdict;
  summary: string;
  details: string[];
}

/** The notifications every institution should have (those SCM offers this admin). */
export const baselineNotifications = ['SSLExpiration', 'ClientCertExpiration', 'DCVExpiration', 'SSLAwaitingApproval', 'DomainAwaitingApproval', 'AdminCreation'];

const soonDays = 30;
const passwordWarnDays = 14;

function failure(check: string, error: unknown): Check {
  const message = error instanceof ScmClientError ? `${error.message}${error.hint === undefined ? '' : ` ${error.hint}`}` : 'the check failed unexpectedly';
  return { check, status: 'FAIL', summary: message, details: [] };
}

/**
 * Everything that needs attention in a tenant, as a monitoring plugin reports
 * it: each check OK, WARN or FAIL, and the exit code 0, 1 or 2.
 */
export async function runDoctor(client: ScmClient, login: string, now = Date.now()): Promise<Check[]> {
  const admins = new AdminsApi(client);
  const checks: Check[] = [];
  let password;
  try {
    password = await admins.passwordStatus();
    checks.push({ check: 'connection', status: 'OK', summary: `signed in to ${client.origin} as ${login}`, details: [] });
  } catch (error) {
    checks.push(failure('connection', error));
    return checks;
  }

  const days = daysUntil(password.expires, now);
  if (password.state === 'EXPIRED') {
    checks.push({ check: 'password', status: 'FAIL', summary: 'the password has expired: change it before anything else works', details: [] });
    return checks;
  }
  if (password.state === 'NEVER_EXPIRE' || days === null) checks.push({ check: 'password', status: 'OK', summary: 'the password does not expire', details: [] });
  else checks.push({ check: 'password', status: days < passwordWarnDays ? 'WARN' : 'OK', summary: `the password expires in ${days} days (${password.expires})`, details: [] });

  let apiOn: number | undefined;
  try {
    const organizations = new OrganizationsApi(client);
    const units = (await organizations.list()).flatMap((org) => [org, ...org.departments]);
    const details = await Promise.all(units.map((unit) => organizations.get(unit.id)));
    const off = details.filter((unit) => unit.sslCertsApiEnabled === false);
    apiOn = details.find((unit) => unit.sslCertsApiEnabled !== false)?.id;
    const status: Verdict = off.length === 0 ? 'OK' : off.length === details.length ? 'FAIL' : 'WARN';
    checks.push({
      check: 'rest-api',
      status,
      summary: off.length === 0 ? `the REST API is on for all ${details.length} organizations and departments in scope` : `the REST API is off for ${off.length} of ${details.length} organizations and departments`,
      details: off.map((unit) => `${unit.name} (${unit.id})`),
    });
  } catch (error) {
    checks.push(failure('rest-api', error));
  }

  try {
    const self = await admins.findByLogin(login);
    const credentials = self === undefined ? [] : (await admins.get(self.id)).credentials;
    const verdict = apiOn === undefined ? { writable: 'unknown' as const, reason: 'no organization in scope has the REST API on' } : await probeWritable(client, credentials, apiOn);
    if (verdict.writable === true) checks.push({ check: 'writable', status: 'OK', summary: 'the tenant accepts certificate orders', details: [] });
    else if (verdict.writable === false) checks.push({ check: 'writable', status: 'FAIL', summary: `${verdict.error.message} ${verdict.error.hint ?? ''}`.trim(), details: [] });
    else checks.push({ check: 'writable', status: 'OK', summary: `not checked: ${verdict.reason}`, details: [] });
  } catch (error) {
    checks.push(failure('writable', error));
  }

  try {
    const validations = await new DomainsApi(client).validations();
    const expired = validations.filter((row) => row.status.toUpperCase() === 'EXPIRED');
    const ending = validations.filter((row) => {
      const left = daysUntil(row.expires, now);
      return row.status.toUpperCase() === 'VALIDATED' && left !== null && left <= soonDays;
    });
    checks.push({
      check: 'dcv',
      status: expired.length + ending.length === 0 ? 'OK' : 'WARN',
      summary:
        expired.length + ending.length === 0
          ? `no domain validation ends within ${soonDays} days`
          : `${ending.length} domain validation(s) end within ${soonDays} days, ${expired.length} have expired`,
      details: [...ending.map((row) => `${row.domain} ends ${row.expires}`), ...expired.map((row) => `${row.domain} expired`)],
    });
  } catch (error) {
    checks.push(failure('dcv', error));
  }

  try {
    const { rows } = await sslInventory(client, new SslApi(client));
    const ending = rows
      .filter((row) => row.status === 'Issued')
      .map((row) => ({ row, left: daysUntil(row.expires, now) }))
      .filter(({ left }) => left !== null && left >= 0 && left <= soonDays)
      .sort((a, b) => (a.left ?? 0) - (b.left ?? 0));
    checks.push({
      check: 'certificates',
      status: ending.length === 0 ? 'OK' : 'WARN',
      summary: ending.length === 0 ? `no issued certificate expires within ${soonDays} days` : `${ending.length} issued certificate(s) expire within ${soonDays} days`,
      details: ending.map(({ row, left }) => `${row.commonName} (${row.id}) in ${left} days`),
    });
  } catch (error) {
    checks.push(failure('certificates', error));
  }

  try {
    const notifications = new NotificationsApi(client);
    const [available, existing] = await Promise.all([notifications.types(), notifications.list()]);
    const present = new Set(existing.filter((rule) => rule.active).map((rule) => rule.type));
    const missing = baselineNotifications.filter((type) => available.includes(type) && !present.has(type));
    checks.push({
      check: 'notifications',
      status: missing.length === 0 ? 'OK' : 'WARN',
      summary: missing.length === 0 ? 'the baseline notifications exist' : `${missing.length} baseline notification(s) are missing`,
      details: missing,
    });
  } catch (error) {
    checks.push(failure('notifications', error));
  }
  return checks;
}

export function exitCodeOf(checks: readonly Check[]): 0 | 1 | 2 {
  if (checks.some((check) => check.status === 'FAIL')) return 2;
  if (checks.some((check) => check.status === 'WARN')) return 1;
  return 0;
}
