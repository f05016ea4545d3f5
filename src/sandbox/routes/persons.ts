import {
  created,
  idParam,
  jsonBody,
  listPage,
  ok,
  optionalString,
  requireInteger,
  type Route,
  type RouteContext,
} from '../context';
import { isoTimestamp } from '../dates';
import { ScmError, invalidField, requiredField } from '../errors';
import { settleSmime } from '../lifecycle';
import type { Organization, Person } from '../state/model';

/*
 * Persons (/api/person/v1): the holders of client certificates.
 *
 * Where SCM is silent the sandbox decides as follows:
 * - An admin sees the persons of every organization or department it can see, for any certificate type.
 * - Creating, changing and deleting persons needs the clientCertManage privilege.
 * - No two persons share an email address (compared without case); a second one is refused with -1601.
 * - A person who still holds a requested or valid client certificate cannot be deleted (-1601).
 */

export const emailPattern = /^[^@\s,]+@[^@\s,]+\.[^@\s,]+$/;

const personNotFound = (id: number | string) => new ScmError(404, -105, `Person with id: ${id} was not found`);
const personEmailNotFound = (email: string) => new ScmError(404, -105, `Person with e-mail: ${email} was not found`);

export function personByEmail(context: RouteContext, email: string): Person | undefined {
  const wanted = email.trim().toLowerCase();
  for (const person of context.store.persons.values()) if (person.email.toLowerCase() === wanted) return person;
  return undefined;
}

/** The name SCM puts in a certificate when none is given: first, middle and last, with single spaces. */
export function fullName(firstName: string, middleName: string, lastName: string): string {
  return [firstName, middleName, lastName].map((part) => part.trim()).filter((part) => part !== '').join(' ');
}

/** A new person, as both the person API and a client certificate enrollment create one. */
export function createPerson(
  context: RouteContext,
  fields: Pick<Person, 'firstName' | 'middleName' | 'lastName' | 'email' | 'organizationId'> & Partial<Person>,
): Person {
  const person: Person = {
    validationType: 'STANDARD',
    phone: '',
    secondaryEmails: [],
    commonName: fullName(fields.firstName, fields.middleName, fields.lastName),
    eppn: '',
    upn: '',
    ...fields,
    id: context.store.nextId(),
    created: context.now,
    createdBy: context.admin.login,
    modified: context.now,
    modifiedBy: context.admin.login,
  };
  context.store.persons.set(person.id, person);
  context.store.record(context.admin.login, 'Person created', `${person.id} ${person.email}`, context.now);
  context.store.changed();
  return person;
}

/** Every field, timestamps as ISO: the list, the details and nothing else. */
export function personView(person: Person) {
  return {
    id: person.id,
    firstName: person.firstName,
    middleName: person.middleName,
    lastName: person.lastName,
    email: person.email,
    organizationId: person.organizationId,
    validationType: person.validationType,
    phone: person.phone,
    secondaryEmails: person.secondaryEmails,
    commonName: person.commonName,
    eppn: person.eppn,
    upn: person.upn,
    created: isoTimestamp(person.created),
    createdBy: person.createdBy,
    modified: isoTimestamp(person.modified),
    modifiedBy: person.modifiedBy,
  };
}

/** Secondary addresses: a list of well-formed email addresses. */
export function readSecondaryEmails(raw: unknown): string[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw) || raw.some((value) => typeof value !== 'string')) throw invalidField('secondaryEmails', 'must be a list of email addresses');
  const addresses = (raw as string[]).map((value) => value.trim()).filter((value) => value !== '');
  for (const address of addresses) {
    if (address.length > 128 || !emailPattern.test(address)) throw invalidField('secondaryEmails', `${address} is not an email address`);
  }
  return addresses;
}

function findVisible(context: RouteContext): Person {
  const id = idParam(context, 'id', () => personNotFound(context.params.id ?? ''));
  const person = context.store.persons.get(id);
  if (person === undefined || !context.scope.canSee(person.organizationId)) throw personNotFound(id);
  return person;
}

function personOrganization(context: RouteContext, raw: unknown): Organization {
  if (raw === undefined || raw === null || raw === '') throw requiredField('organizationId');
  const id = requireInteger({ organizationId: raw }, 'organizationId');
  const org = context.store.organization(id);
  if (org === undefined || !context.scope.canSee(id)) throw new ScmError(400, -1023, `Organization '${id}' not found`);
  return org;
}

function nameField(body: Record<string, unknown>, field: string): string {
  return (optionalString(body, field, 64) ?? '').trim();
}

/** First and last names must both be there (-500), and something must be (-508); 64 characters in all. */
function checkNames(firstName: string, middleName: string, lastName: string): void {
  if (firstName === '' && middleName === '' && lastName === '') throw new ScmError(400, -508, 'Please specify the name of the person');
  if (firstName === '' || lastName === '') throw new ScmError(400, -500, 'First name and last name of the person must not be empty');
  if (fullName(firstName, middleName, lastName).length > 64) throw invalidField('firstName, middleName, lastName', 'together they must be at most 64 characters');
}

function readValidationType(raw: unknown): Person['validationType'] | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (raw !== 'STANDARD' && raw !== 'HIGH') throw invalidField('validationType', 'use STANDARD or HIGH');
  return raw;
}

/** The optional contact and identity fields shared by create and update. */
function readOptionalFields(body: Record<string, unknown>): Partial<Person> {
  const fields: Partial<Person> = {};
  const phone = optionalString(body, 'phone', 32);
  if (phone !== undefined) fields.phone = phone;
  const commonName = optionalString(body, 'commonName', 64);
  if (commonName !== undefined && commonName.trim() !== '') fields.commonName = commonName.trim();
  const eppn = optionalString(body, 'eppn', 128);
  if (eppn !== undefined) fields.eppn = eppn;
  const upn = optionalString(body, 'upn', 256);
  if (upn !== undefined) fields.upn = upn;
  const secondaryEmails = readSecondaryEmails(body.secondaryEmails);
  if (secondaryEmails !== undefined) fields.secondaryEmails = secondaryEmails;
  const validationType = readValidationType(body.validationType);
  if (validationType !== undefined) fields.validationType = validationType;
  return fields;
}

function contains(value: string, wanted: string): boolean {
  return value.toLowerCase().includes(wanted.toLowerCase());
}

export const personsRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/person/v1',
    handler(context) {
      const text = (name: string) => {
        const value = context.query.get(name);
        return value === null || value.trim() === '' ? undefined : value.trim();
      };
      const filters: ((person: Person) => boolean)[] = [];
      const name = text('name');
      if (name !== undefined) filters.push((person) => contains(fullName(person.firstName, person.middleName, person.lastName), name));
      const orgId = text('organizationId');
      if (orgId !== undefined) {
        if (!/^\d{1,12}$/.test(orgId)) throw invalidField('organizationId', 'must be a number');
        filters.push((person) => person.organizationId === Number(orgId));
      }
      const email = text('email');
      if (email !== undefined) filters.push((person) => contains(person.email, email));
      const commonName = text('commonName');
      if (commonName !== undefined) filters.push((person) => contains(person.commonName, commonName));
      const phone = text('phone');
      if (phone !== undefined) filters.push((person) => contains(person.phone, phone));
      const secondary = text('secondaryEmail');
      if (secondary !== undefined) filters.push((person) => person.secondaryEmails.some((address) => contains(address, secondary)));
      const rows = [...context.store.persons.values()].filter(
        (person) => context.scope.canSee(person.organizationId) && filters.every((filter) => filter(person)),
      );
      return listPage(context, rows, personView);
    },
  },
  {
    method: 'GET',
    path: '/api/person/v1/id/byEmail/{email}',
    handler(context) {
      const email = context.params.email ?? '';
      const person = personByEmail(context, email);
      if (person === undefined || !context.scope.canSee(person.organizationId)) throw personEmailNotFound(email);
      // SCM's framework labels this answer as an inline text file.
      return ok({ personId: person.id }, { 'content-disposition': 'inline;filename=f.txt' });
    },
  },
  {
    method: 'GET',
    path: '/api/person/v1/{id}',
    handler: (context) => ok(personView(findVisible(context))),
  },
  {
    method: 'POST',
    path: '/api/person/v1',
    handler(context) {
      context.scope.require('clientCertManage', 'person creation');
      const body = jsonBody(context);
      const firstName = nameField(body, 'firstName');
      const middleName = nameField(body, 'middleName');
      const lastName = nameField(body, 'lastName');
      checkNames(firstName, middleName, lastName);
      const email = (optionalString(body, 'email', 128) ?? '').trim();
      if (!emailPattern.test(email)) throw new ScmError(400, -518, `Unknown e-mail: '${email}'`);
      const org = personOrganization(context, body.organizationId);
      if (personByEmail(context, email) !== undefined) throw invalidField('email', `a person with e-mail ${email} exists`);
      const person = createPerson(context, { firstName, middleName, lastName, email, organizationId: org.id, ...readOptionalFields(body) });
      return created(context, `/api/person/v1/${person.id}`);
    },
  },
  {
    method: 'PUT',
    path: '/api/person/v1/{id}',
    handler(context) {
      const person = findVisible(context);
      context.scope.require('clientCertManage', 'person update');
      const body = jsonBody(context);
      const email = optionalString(body, 'email', 128);
      if (email !== undefined && email.trim() !== '' && email.trim().toLowerCase() !== person.email.toLowerCase()) {
        throw new ScmError(400, -524, 'Can not modify e-mail of the person');
      }
      const firstName = body.firstName === undefined ? person.firstName : nameField(body, 'firstName');
      const middleName = body.middleName === undefined ? person.middleName : nameField(body, 'middleName');
      const lastName = body.lastName === undefined ? person.lastName : nameField(body, 'lastName');
      checkNames(firstName, middleName, lastName);
      const organizationId = body.organizationId === undefined || body.organizationId === null ? person.organizationId : personOrganization(context, body.organizationId).id;
      Object.assign(person, { firstName, middleName, lastName, organizationId }, readOptionalFields(body), { modified: context.now, modifiedBy: context.admin.login });
      context.store.record(context.admin.login, 'Person updated', `${person.id} ${person.email}`, context.now);
      context.store.changed();
      return { status: 200 };
    },
  },
  {
    method: 'DELETE',
    path: '/api/person/v1/{id}',
    handler(context) {
      const person = findVisible(context);
      context.scope.require('clientCertManage', 'person deletion');
      const holds = [...context.store.smime.values()].some((certificate) => {
        if (certificate.personId !== person.id) return false;
        while (settleSmime(certificate, context.now)) context.store.changed();
        return certificate.state === 'requested' || certificate.state === 'issued' || certificate.state === 'downloaded';
      });
      if (holds) throw invalidField('id', 'the person holds client certificates that are requested or valid');
      context.store.persons.delete(person.id);
      context.store.record(context.admin.login, 'Person deleted', `${person.id} ${person.email}`, context.now);
      context.store.changed();
      return { status: 200 };
    },
  },
  {
    method: 'POST',
    path: '/api/person/v1/{id}/invitation/send',
    handler(context) {
      const person = findVisible(context);
      context.scope.require('clientCertManage', 'invitation');
      context.store.record(context.admin.login, 'Invitation sent', `${person.id} ${person.email}`, context.now);
      context.store.changed();
      return { status: 202 };
    },
  },
];
