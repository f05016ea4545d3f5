import { createHash, randomBytes, randomInt } from 'node:crypto';
import { jsonBody, listPage, ok, type Route, type RouteContext, type RouteResult } from '../context';
import { dayMs, isoDate, isoTimestamp } from '../dates';
import { ScmError, invalidField, requiredField } from '../errors';
import type { DcvMethod, Domain, DomainValidation } from '../state/model';
import { coveringDomains, domainBase, domainsBelow } from '../coverage';
import { emptyValidation, settled, visibleDomains } from './domains';

/*
 * Domain control validation (/api/dcv/v1 and v2).
 *
 * The sandbox stands in for Sectigo's DNS, HTTP and mail checks: a submitted order completes
 * options.issueDelaySeconds after submission (validation.completesAt; lifecycle.ts settleDomain finishes it),
 * and the validation then lasts 397 days.
 *
 * Where SCM is silent the sandbox decides as follows:
 * - Every call needs the allowDCV privilege (an MRAO has it); without it SCM answers -3, as clients observe.
 * - DCV acts on registered domains the admin sees. A name below a registered domain is covered by that
 *   domain's validation: the status calls report the covering domain's validation, while starting or
 *   submitting an order for it is refused (-723), as SCM validates high-level domains only; so is an order
 *   for a wildcard record (`*.example.org`), which its base name's validation covers. A name no
 *   registered domain covers does not exist (-727).
 * - An order submitted for a domain also covers the registered domains below it (subdomains and its
 *   wildcard record): they are submitted with it and complete with it, and a domain added below a validated
 *   one starts out validated (domains.ts). The SSL enroll check reads the closest domain record, so their
 *   names count as validated exactly when the parent's order succeeds.
 * - CNAME, HTTP and HTTPS orders must be started before they are submitted (orderStatus AWAITING_SUBMISSION
 *   with the same method); TXT and email orders are submitted directly. An order already submitted must be
 *   cleared before another is started or submitted. Both refusals are -724.
 * - Starting an email order only lists the addresses: the five standard ones of the domain, and as the
 *   WHOIS contacts the contact emails of the organizations it is delegated to (which lets one address
 *   validate several domains in bulk). The sandbox looks up no DNS records, so dnsTxtEmails is empty.
 * - A suspended domain cannot be validated (-715).
 * - The list's domain filter matches part of the name; org takes an organization and includes its
 *   departments' domains; expiresIn keeps validated domains whose validation ends within that many days.
 * - Clear resets the order and keeps the validation; delete drops both.
 */

const adminMailboxes = ['admin', 'administrator', 'hostmaster', 'postmaster', 'webmaster'];
const emailPattern = /^[^@\s,]+@[^@\s,]+\.[^@\s,]+$/;
const validationStatuses: readonly DomainValidation['status'][] = ['VALIDATED', 'NOT_VALIDATED', 'EXPIRED'];
const orderStatuses: readonly DomainValidation['orderStatus'][] = ['NOT_INITIATED', 'AWAITING_SUBMISSION', 'SUBMITTED', 'REJECTED'];
const orderStatusLabels: Record<DomainValidation['orderStatus'], string> = {
  NOT_INITIATED: 'Not initiated',
  AWAITING_SUBMISSION: 'Awaiting submission',
  SUBMITTED: 'Submitted',
  REJECTED: 'Rejected',
};

const refused = () => new ScmError(400, -3, 'You are not authorized to perform DCV validation.');
const doesNotExist = (name: string) => new ScmError(404, -727, `The domain '${name}' does not exist.`);

function requireDcv(context: RouteContext): void {
  if (!context.scope.has('allowDCV')) throw refused();
}

function readName(value: unknown, field: string): string {
  if (value === undefined || value === null || value === '') throw requiredField(field);
  if (typeof value !== 'string') throw invalidField(field, 'must be a string');
  const name = value.trim().toLowerCase().replace(/\.$/, '');
  if (name.length < 3 || name.length > 255) throw invalidField(field, 'size must be between 3 and 255');
  return name;
}

function readNames(body: Record<string, unknown>): string[] {
  const raw = body.domains;
  if (raw === undefined || raw === null) throw requiredField('domains');
  if (!Array.isArray(raw) || raw.length === 0) throw invalidField('domains', 'must not be empty');
  return [...new Set(raw.map((entry) => readName(entry, 'domains')))];
}

/** The registered domain for a name, or the closest one covering it. */
function resolve(context: RouteContext, name: string): { domain: Domain; registered: boolean } {
  const visible = visibleDomains(context);
  const exact = visible.find((domain) => domain.name.toLowerCase() === name);
  if (exact !== undefined) return { domain: exact, registered: true };
  const covering = coveringDomains(visible, name)[0];
  if (covering === undefined) throw doesNotExist(name);
  return { domain: covering, registered: false };
}

/** The registered domain an order is placed for. */
function registered(context: RouteContext, name: string): Domain {
  const { domain, registered: isRegistered } = resolve(context, name);
  // A wildcard record is validated through its base name, never on its own.
  if (!isRegistered || domain.name.startsWith('*.')) throw new ScmError(400, -723, `${name} is not a high-level domain. Only high-level domains can be validated.`);
  return domain;
}

function requireActive(domain: Domain): void {
  if (!domain.active) throw new ScmError(400, -715, `The domain '${domain.name}' is inactive.`);
}

/** The method of the order a validation holds instructions for (or last held them for). */
function orderMethod(validation: DomainValidation): DcvMethod | null {
  if (validation.email !== '') return 'EMAIL';
  if (validation.url.startsWith('https://')) return 'HTTPS';
  if (validation.url !== '') return 'HTTP';
  if (validation.host.startsWith('_pki-validation.')) return 'TXT';
  if (validation.host !== '') return 'CNAME';
  return validation.method;
}

function cannotProcess(domain: Domain, state: string): ScmError {
  return new ScmError(400, -724, `The request for '${domain.name}' cannot be processed since it's domain validation status is ${state}.`);
}

/** An order in SUBMITTED must be cleared before another one replaces it. */
function requireNoSubmittedOrder(domain: Domain): void {
  if (domain.validation.orderStatus === 'SUBMITTED') throw cannotProcess(domain, orderStatusLabels.SUBMITTED);
}

function clearOrder(validation: DomainValidation): void {
  Object.assign(validation, {
    orderStatus: 'NOT_INITIATED',
    host: '',
    point: '',
    url: '',
    firstLine: '',
    secondLine: '',
    email: '',
    emailReference: null,
    orderBackendId: '',
    submitted: null,
    completesAt: null,
  } satisfies Partial<DomainValidation>);
}

/** A fresh order token: a 32-digit hex name and a 64-digit hex value, as SCM's CSR hashes look. */
function orderToken(domain: Domain, now: number): { name: string; value: string } {
  const seed = `${domain.id}:${now}:${randomBytes(16).toString('hex')}`;
  return { name: createHash('md5').update(seed).digest('hex'), value: createHash('sha256').update(seed).digest('hex') };
}

function startOrder(context: RouteContext, domain: Domain): DomainValidation {
  requireActive(domain);
  requireNoSubmittedOrder(domain);
  const validation = domain.validation;
  clearOrder(validation);
  validation.orderStatus = 'AWAITING_SUBMISSION';
  validation.orderBackendId = String(context.store.nextId());
  return validation;
}

/**
 * Submits a domain's order, and with it the registered domains below it, which complete at the same time
 * (settleDomain finishes each record when completesAt has come).
 */
function submitOrder(context: RouteContext, domain: Domain, method: DcvMethod): DomainValidation {
  const validation = domain.validation;
  if (validation.orderBackendId === '') validation.orderBackendId = String(context.store.nextId());
  const completesAt = context.now + Math.round(context.options.issueDelaySeconds * 1000);
  const submit = (target: DomainValidation) => {
    target.method = method;
    target.orderStatus = 'SUBMITTED';
    target.submitted = context.now;
    target.lastCheck = context.now;
    target.completesAt = completesAt;
  };
  submit(validation);
  for (const below of domainsBelow(context.store.domains.values(), domain)) {
    const covered = below.validation;
    clearOrder(covered);
    covered.orderBackendId = validation.orderBackendId;
    submit(covered);
  }
  context.store.record(context.admin.login, 'DCV submitted', `${domain.name} by ${method}`, context.now);
  context.store.changed();
  return validation;
}

function submitAnswer(validation: DomainValidation) {
  return { status: validation.status, orderStatus: validation.orderStatus, message: 'Submitted successfully', orderBackendId: validation.orderBackendId };
}

/** The v2 status and sync answer; like SCM, fields without a value are left out. */
function statusView(validation: DomainValidation): Record<string, unknown> {
  const view: Record<string, unknown> = { status: validation.status };
  if (validation.validated !== null) view.validationDate = isoDate(validation.validated);
  if (validation.expires !== null) view.expirationDate = isoDate(validation.expires);
  view.orderStatus = validation.orderStatus;
  if (validation.orderStatus === 'NOT_INITIATED') return view;
  const mode = orderMethod(validation);
  if (mode !== null) view.orderMode = mode;
  const text: [string, string][] = [
    ['url', validation.url], ['firstLine', validation.firstLine], ['secondLine', validation.secondLine],
    ['host', validation.host], ['point', validation.point], ['validationEmail', validation.email],
  ];
  for (const [field, value] of text) if (value !== '') view[field] = value;
  if (validation.emailReference !== null) view.emailValidationReferenceNumber = String(validation.emailReference);
  if (validation.orderBackendId !== '') view.orderBackendId = validation.orderBackendId;
  if (validation.orderStatus === 'SUBMITTED') {
    view.submittedDate = isoDate(validation.submitted);
    view.lastCheck = isoTimestamp(validation.lastCheck);
    view.nextCheck = isoTimestamp(validation.completesAt);
  }
  return view;
}

/** The addresses an email order may go to for a domain. */
function dcvEmails(context: RouteContext, domain: Domain) {
  const base = domainBase(domain.name);
  const whoisEmails = new Set<string>();
  for (const delegation of domain.delegations) {
    const org = context.store.organization(delegation.orgId);
    const owner = org === undefined || org.parentId === null ? org : context.store.organization(org.parentId);
    for (const address of owner?.contactEmails.split(',') ?? []) if (emailPattern.test(address.trim())) whoisEmails.add(address.trim().toLowerCase());
  }
  const dnsTxtEmails: string[] = [];
  return { domainName: base, whoisEmails: [...whoisEmails], adminEmails: adminMailboxes.map((mailbox) => `${mailbox}@${base}`), dnsTxtEmails };
}

function allEmails(entry: ReturnType<typeof dcvEmails>): string[] {
  return [...new Set([...entry.whoisEmails, ...entry.adminEmails, ...entry.dnsTxtEmails])];
}

function readEmail(body: Record<string, unknown>): string {
  const raw = body.email;
  if (raw === undefined || raw === null || raw === '') throw requiredField('email');
  if (typeof raw !== 'string' || !emailPattern.test(raw.trim())) throw invalidField('email', 'must be a well-formed email address');
  return raw.trim().toLowerCase();
}

function requireAllowedEmail(context: RouteContext, domain: Domain, email: string): void {
  if (!allEmails(dcvEmails(context, domain)).includes(email)) throw invalidField('email', `${email} cannot be used to validate ${domainBase(domain.name)}`);
}

function submitEmail(context: RouteContext, domain: Domain, email: string, orderBackendId: string): DomainValidation {
  requireActive(domain);
  requireNoSubmittedOrder(domain);
  const validation = domain.validation;
  clearOrder(validation);
  validation.email = email;
  validation.emailReference = randomInt(1_000_000_000, 9_999_999_999);
  validation.orderBackendId = orderBackendId;
  return submitOrder(context, domain, 'EMAIL');
}

function readFilter(context: RouteContext, name: string): string | undefined {
  const value = context.query.get(name);
  return value === null || value.trim() === '' ? undefined : value.trim();
}

function readIdFilter(context: RouteContext, name: string): number | undefined {
  const value = readFilter(context, name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw invalidField(name, 'must be a number');
  return Number(value);
}

/** Accepts the wire codes and the display names (e.g. "Not validated"). */
function readEnumFilter<T extends string>(context: RouteContext, name: string, values: readonly T[]): T | undefined {
  const value = readFilter(context, name);
  if (value === undefined) return undefined;
  const code = value.toUpperCase().replace(/\s+/g, '_');
  const match = values.find((candidate) => candidate === code);
  if (match === undefined) throw invalidField(name, `use one of ${values.join(', ')}`);
  return match;
}

function listRows(context: RouteContext): Domain[] {
  const text = readFilter(context, 'domain')?.toLowerCase();
  const org = readIdFilter(context, 'org');
  const department = readIdFilter(context, 'department');
  const dcvStatus = readEnumFilter(context, 'dcvStatus', validationStatuses);
  const orderStatus = readEnumFilter(context, 'orderStatus', orderStatuses);
  const expiresIn = readIdFilter(context, 'expiresIn');
  const parentOf = (orgId: number) => context.store.organization(orgId)?.parentId ?? null;
  return visibleDomains(context).filter((domain) => {
    const validation = domain.validation;
    if (text !== undefined && !domain.name.toLowerCase().includes(text)) return false;
    if (org !== undefined && !domain.delegations.some((delegation) => delegation.orgId === org || parentOf(delegation.orgId) === org)) return false;
    if (department !== undefined && !domain.delegations.some((delegation) => delegation.orgId === department)) return false;
    if (dcvStatus !== undefined && validation.status !== dcvStatus) return false;
    if (orderStatus !== undefined && validation.orderStatus !== orderStatus) return false;
    if (expiresIn !== undefined) {
      if (validation.status !== 'VALIDATED' || validation.expires === null || validation.expires > context.now + expiresIn * dayMs) return false;
    }
    return true;
  });
}

function listRow(domain: Domain) {
  const validation = domain.validation;
  return {
    domain: domain.name,
    dcvStatus: validation.status,
    dcvMethod: validation.status === 'NOT_VALIDATED' ? null : validation.method,
    dcvOrderStatus: validation.orderStatus,
    dcvOrderMethod: orderMethod(validation),
    expirationDate: isoDate(validation.expires),
  };
}

/** A DCV route; every one needs the allowDCV privilege and most take `{domain}`. */
function dcvRoute(method: Route['method'], path: string, handler: (context: RouteContext) => RouteResult): Route {
  return {
    method,
    path,
    handler(context) {
      requireDcv(context);
      return handler(context);
    },
  };
}

const startHttp = (scheme: 'http' | 'https') => (context: RouteContext) => {
  const domain = registered(context, readName(jsonBody(context).domain, 'domain'));
  const validation = startOrder(context, domain);
  const token = orderToken(domain, context.now);
  validation.url = `${scheme}://${domainBase(domain.name)}/.well-known/pki-validation/${token.name.toUpperCase()}.txt`;
  validation.firstLine = token.value;
  validation.secondLine = 'sectigo.com';
  context.store.changed();
  return ok({ url: validation.url, firstLine: validation.firstLine, secondLine: validation.secondLine });
};

const submitStarted = (method: 'CNAME' | 'HTTP' | 'HTTPS') => (context: RouteContext) => {
  const domain = registered(context, readName(jsonBody(context).domain, 'domain'));
  requireActive(domain);
  const validation = domain.validation;
  if (validation.orderStatus !== 'AWAITING_SUBMISSION') throw cannotProcess(domain, orderStatusLabels[validation.orderStatus]);
  const started = orderMethod(validation);
  if (started !== method) throw cannotProcess(domain, `${orderStatusLabels.AWAITING_SUBMISSION} (${started ?? 'no method'})`);
  return ok(submitAnswer(submitOrder(context, domain, method)));
};

const actions: { path: string; handler: (context: RouteContext) => RouteResult }[] = [
  {
    path: 'start/domain/cname',
    handler(context) {
      const domain = registered(context, readName(jsonBody(context).domain, 'domain'));
      const validation = startOrder(context, domain);
      const token = orderToken(domain, context.now);
      validation.host = `_${token.name}.${domainBase(domain.name)}.`;
      validation.point = `${token.value.slice(0, 32)}.${token.value.slice(32)}.sectigo.com.`;
      context.store.changed();
      return ok({ host: validation.host, point: validation.point });
    },
  },
  { path: 'start/domain/http', handler: startHttp('http') },
  { path: 'start/domain/https', handler: startHttp('https') },
  {
    path: 'start/domain/email',
    handler(context) {
      const body = jsonBody(context);
      const names = body.domain === undefined && Array.isArray(body.domains) ? readNames(body) : [readName(body.domain, 'domain')];
      const entries = names.map((name) => dcvEmails(context, registered(context, name)));
      const lists = entries.map(allEmails);
      const common = lists.reduce((shared, list) => shared.filter((email) => list.includes(email)));
      return ok({ emails: common, dcvEmails: entries });
    },
  },
  { path: 'submit/domain/cname', handler: submitStarted('CNAME') },
  { path: 'submit/domain/http', handler: submitStarted('HTTP') },
  { path: 'submit/domain/https', handler: submitStarted('HTTPS') },
  {
    path: 'submit/domain/txt',
    handler(context) {
      const domain = registered(context, readName(jsonBody(context).domain, 'domain'));
      const validation = startOrder(context, domain);
      validation.host = `_pki-validation.${domainBase(domain.name)}.`;
      validation.point = randomBytes(24).toString('base64url');
      const submitted = submitOrder(context, domain, 'TXT');
      return ok({ ...submitAnswer(submitted), host: submitted.host, point: submitted.point });
    },
  },
  {
    path: 'submit/domain/email',
    handler(context) {
      const body = jsonBody(context);
      const domain = registered(context, readName(body.domain, 'domain'));
      const email = readEmail(body);
      requireAllowedEmail(context, domain, email);
      const validation = submitEmail(context, domain, email, String(context.store.nextId()));
      return ok({ ...submitAnswer(validation), emailValidationReferenceNumber: String(validation.emailReference) });
    },
  },
  {
    path: 'submit-bulk/domain/email',
    handler(context) {
      const body = jsonBody(context);
      const names = readNames(body);
      const email = readEmail(body);
      // Every domain is checked before any order is placed, so one bad domain places none.
      const domains = names.map((name) => registered(context, name));
      for (const domain of domains) {
        requireActive(domain);
        requireNoSubmittedOrder(domain);
        requireAllowedEmail(context, domain, email);
      }
      const orderBackendId = String(context.store.nextId());
      for (const domain of domains) submitEmail(context, domain, email, orderBackendId);
      return ok({ orderStatus: 'SUBMITTED', message: 'Submitted successfully', orderBackendId });
    },
  },
  {
    path: 'sync',
    handler(context) {
      const { domain } = resolve(context, readName(jsonBody(context).domain, 'domain'));
      domain.validation.lastCheck = domain.validation.orderStatus === 'SUBMITTED' ? context.now : domain.validation.lastCheck;
      context.store.changed();
      return ok(statusView(settled(context, domain).validation));
    },
  },
  {
    path: 'clear',
    handler(context) {
      const domain = registered(context, readName(jsonBody(context).domain, 'domain'));
      const orderBackendId = domain.validation.orderBackendId;
      clearOrder(domain.validation);
      for (const below of domainsBelow(context.store.domains.values(), domain)) {
        if (orderBackendId !== '' && below.validation.orderBackendId === orderBackendId && below.validation.orderStatus === 'SUBMITTED') clearOrder(below.validation);
      }
      context.store.record(context.admin.login, 'DCV cleared', domain.name, context.now);
      context.store.changed();
      const validation = domain.validation;
      return ok({ status: validation.status, orderStatus: validation.orderStatus, message: `DCV status: ${validation.status}; DCV order status: ${validation.orderStatus}` });
    },
  },
  {
    path: 'delete',
    handler(context) {
      const domain = registered(context, readName(jsonBody(context).domain, 'domain'));
      domain.validation = emptyValidation();
      context.store.record(context.admin.login, 'DCV deleted', domain.name, context.now);
      context.store.changed();
      return { status: 200 };
    },
  },
];

export const dcvRoutes: Route[] = [
  dcvRoute('GET', '/api/dcv/v1/validation', (context) => listPage(context, listRows(context), listRow)),
  dcvRoute('POST', '/api/dcv/v2/validation/status', (context) => {
    const { domain } = resolve(context, readName(jsonBody(context).domain, 'domain'));
    return ok(statusView(domain.validation));
  }),
  dcvRoute('POST', '/api/dcv/v1/validation/status', (context) => {
    const { domain } = resolve(context, readName(jsonBody(context).domain, 'domain'));
    const validation = domain.validation;
    return ok({
      status: validation.status,
      ...(validation.validated === null ? {} : { validationDate: isoDate(validation.validated) }),
      ...(validation.expires === null ? {} : { expirationDate: isoDate(validation.expires) }),
      orderStatus: validation.orderStatus,
    });
  }),
  dcvRoute('POST', '/api/dcv/v2/validation/start/domain/txt', (context) => {
    registered(context, readName(jsonBody(context).domain, 'domain'));
    return ok({ message: 'DNS TXT domain validation method does not require start operation. All details required for validation are provided on submit operation.' });
  }),
  ...(['v1', 'v2'] as const).flatMap((version) => actions.map((action) => dcvRoute('POST', `/api/dcv/${version}/validation/${action.path}`, action.handler))),
];
