import { newSerialNumber, positiveIdParam, profileView } from '../../certificateForms';
import { jsonBody, ok, optionalString, refuseWhenReadOnly, requireString, type Route, type RouteContext, type RouteResult } from '../../context';
import { coverageProblem } from '../../coverage';
import { checkKey, profileTerm, readCsr, readCustomFields } from '../../enrollment';
import { invalidField, requiredField, ScmError } from '../../errors';
import { settleDomain } from '../../lifecycle';
import type { CertificateProfile, Organization, Person, SmimeCertificate, SmimeState } from '../../state/model';
import { createPerson, emailPattern, fullName, personByEmail, readSecondaryEmails } from '../persons';
import { bothVersions, orderOrganization, organizationNotAllowed, organizationNotFound, settle, smimeProfile } from './certificates';

/* Ordering a client certificate for a person: the profiles and custom fields on offer, the enroll request and its checks. */

const maxValidCertificates = 5;

const restEnroll = 'REST Enroll API';

/** States that count against a person's limit. */
const validStates: readonly SmimeState[] = ['requested', 'issued', 'downloaded'];

interface Holder {
  email: string;
  firstName: string;
  middleName: string;
  lastName: string;
  commonName: string;
  phone: string;
  secondaryEmails: string[];
  eppn: string;
  upn: string;
}

/** The certificate holder's fields of an enroll: email, first and last name required; names 64 characters together. */
function readHolder(body: Record<string, unknown>): Holder {
  const email = requireString(body, 'email', { max: 128 }).trim();
  if (!emailPattern.test(email)) throw invalidField('email', 'must be a well-formed email address');
  const firstName = requireString(body, 'firstName', { max: 64 }).trim();
  const middleName = (optionalString(body, 'middleName', 64) ?? '').trim();
  const lastName = requireString(body, 'lastName', { max: 64 }).trim();
  if (firstName === '') throw requiredField('firstName');
  if (lastName === '') throw requiredField('lastName');
  const name = fullName(firstName, middleName, lastName);
  if (name.length > 64) throw invalidField('firstName, middleName, lastName', 'together they must be at most 64 characters');
  const commonName = (optionalString(body, 'commonName', 64) ?? '').trim();
  return {
    email,
    firstName,
    middleName,
    lastName,
    commonName: commonName === '' ? name : commonName,
    phone: optionalString(body, 'phone', 32) ?? '',
    secondaryEmails: readSecondaryEmails(body.secondaryEmails) ?? [],
    eppn: optionalString(body, 'eppn', 128) ?? '',
    upn: optionalString(body, 'upn', 256) ?? '',
  };
}

/** The email address's domain must be covered by a domain the organization may order under (coverage.ts). */
export function checkEmailDomain(context: RouteContext, org: Organization, email: string): void {
  for (const domain of context.store.domains.values()) if (settleDomain(domain, context.now)) context.store.changed();
  const name = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  const problem = coverageProblem(context.store.domains.values(), name, 'SMIME', org, context.now);
  if (problem !== undefined) throw problem;
}

/** Refuses a new certificate for a person who already holds the most allowed (-188). */
export function checkLimit(context: RouteContext, person: Person, replacing?: SmimeCertificate): void {
  let count = 0;
  for (const certificate of context.store.smime.values()) {
    if (certificate.personId !== person.id || certificate === replacing) continue;
    settle(context, certificate);
    if (validStates.includes(certificate.state)) count += 1;
  }
  if (count >= maxValidCertificates) throw new ScmError(400, -188, `Person ${person.email} has reached the maximum number of valid certificates (${maxValidCertificates}).`);
}

export interface Order {
  org: Organization;
  person: Person;
  profile: CertificateProfile;
  term: number;
  commonName: string;
  key: { publicKey: string | null; keyAlgorithm: 'RSA' | 'EC'; keyParam: string };
  customFields: { name: string; value: string }[];
  comments: string;
}

/** A new order, sent to the CA at once: requested now, issued after the configured delay. */
export function createCertificate(context: RouteContext, order: Order): SmimeCertificate {
  const id = context.store.nextId();
  const certificate: SmimeCertificate = {
    id,
    backendCertId: String(1_900_000_000 + id),
    orgId: order.org.id,
    personId: order.person.id,
    email: order.person.email,
    commonName: order.commonName,
    state: 'requested',
    profileId: order.profile.id,
    term: order.term,
    requestedVia: restEnroll,
    requested: context.now,
    issued: null,
    expires: null,
    revoked: null,
    issueAt: context.now + context.options.issueDelaySeconds * 1000,
    reasonCode: null,
    serialNumber: newSerialNumber(),
    keyAlgorithm: order.key.keyAlgorithm,
    keyParam: order.key.keyParam,
    publicKey: order.key.publicKey,
    comments: order.comments,
    customFields: order.customFields,
    certificatePem: null,
  };
  context.store.smime.set(id, certificate);
  context.store.changed();
  return certificate;
}

export function orderAnswer(certificate: SmimeCertificate) {
  return { orderNumber: Number(certificate.backendCertId), backendCertId: certificate.backendCertId };
}

function types(context: RouteContext): RouteResult {
  const raw = context.query.get('organizationId');
  if (raw !== null && raw !== '') {
    const id = positiveIdParam('organizationId', raw);
    const org = context.store.organization(id);
    if (org === undefined || !context.scope.canSee(id, 'smime')) throw organizationNotFound(id);
    if (!org.clientCertsApiEnabled) throw organizationNotAllowed();
  }
  return ok([...context.store.profiles.values()].filter((profile) => profile.kind === 'smime').map(profileView));
}

function customFields(context: RouteContext): RouteResult {
  return ok([...context.store.customFields.values()].filter((field) => field.kind === 'smime').map((field) => ({ id: field.id, name: field.name, mandatory: field.mandatory })));
}

async function enroll(context: RouteContext): Promise<RouteResult> {
  refuseWhenReadOnly(context, 'certificate enrollment');
  context.scope.require('clientCertRequest', 'certificate enrollment');
  const body = jsonBody(context);
  const org = orderOrganization(context, body.orgId);
  const profile = smimeProfile(context, body.certType);
  const term = profileTerm(body, profile);
  const csr = await readCsr(body.csr);
  checkKey(profile, csr);
  const holder = readHolder(body);
  const fields = readCustomFields(context, body.customFields, 'smime');
  const comments = optionalString(body, 'comments', 1024) ?? '';
  checkEmailDomain(context, org, holder.email);
  const person =
    personByEmail(context, holder.email) ??
    createPerson(context, {
      firstName: holder.firstName,
      middleName: holder.middleName,
      lastName: holder.lastName,
      email: holder.email,
      organizationId: org.id,
      phone: holder.phone,
      secondaryEmails: holder.secondaryEmails,
      commonName: holder.commonName,
      eppn: holder.eppn,
      upn: holder.upn,
    });
  checkLimit(context, person);
  const certificate = createCertificate(context, { org, person, profile, term, commonName: holder.commonName, key: csr, customFields: fields, comments });
  context.store.record(context.admin.login, 'Client certificate requested', `${certificate.id} ${person.email}`, context.now);
  return ok(orderAnswer(certificate));
}

export const smimeEnrollmentRoutes: Route[] = [
  ...bothVersions({ method: 'GET', path: '/api/smime/v1/types', handler: types }),
  ...bothVersions({ method: 'GET', path: '/api/smime/v1/customFields', handler: customFields }),
  ...bothVersions({ method: 'POST', path: '/api/smime/v1/enroll', handler: enroll }),
];
