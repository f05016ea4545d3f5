import { z } from 'zod';
import { idpInputSchema, type ChecklistMessage, type IdpAdminLink, type IdpInput, type RequestPreview } from '../../../shared/checklists';
import { adminDisplayName, type AdminDetails } from '../../../shared/scm/types';
import { AdminsApi } from '../../scm/admins';
import { ScmClientError } from '../../scm/errors';
import { ChecklistContext } from './context';
import type { ChecklistDefinition, CheckResult } from './definition';
import { StepProblem } from './problem';
import { say } from './words';

type Context = ChecklistContext<IdpInput>;

const anchor = 'procedure-idp';

/** SCM's SAML service provider on cert-manager.com, as SUNET documented it. */
const spEntityId = 'https://cert-manager.com/shibboleth';
const documentedHost = 'https://cert-manager.com';

/** The admin type that signs in to the API only: it never signs in through an IdP. */
const apiType = 'API';

/** The admin record's own privilege for editing other admins. */
const editAdmins = 'allowEdit';

// ---- The IdP side: snippets for its operator ----

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A Shibboleth IdP (v3 or later) attribute filter policy releasing what SCM needs, and nothing else, to its entityID. */
export function shibbolethFilter(schacHomeOrganization: string): string {
  return [
    '<!-- attribute-filter.xml: release to Sectigo Certificate Manager (SCM) -->',
    '<AttributeFilterPolicy id="releaseToSectigoCertificateManager">',
    `    <PolicyRequirementRule xsi:type="Requester" value="${spEntityId}" />`,
    '    <AttributeRule attributeID="eduPersonPrincipalName" permitAny="true" />',
    '    <AttributeRule attributeID="mail" permitAny="true" />',
    '    <AttributeRule attributeID="displayName" permitAny="true" />',
    '    <AttributeRule attributeID="givenName" permitAny="true" />',
    '    <AttributeRule attributeID="sn" permitAny="true" />',
    '    <!-- For the client-certificate portal -->',
    '    <AttributeRule attributeID="schacHomeOrganization">',
    `        <PermitValueRule xsi:type="Value" value="${escapeXml(schacHomeOrganization)}" />`,
    '    </AttributeRule>',
    '    <AttributeRule attributeID="eduPersonAssurance" permitAny="true" />',
    '</AttributeFilterPolicy>',
  ].join('\n');
}

/** The same release for a SATOSA SAML frontend: a pySAML2 IdP policy for SCM's entityID (a list of patterns, or null for any value). */
export function satosaPolicy(schacHomeOrganization: string): string {
  return [
    '# SATOSA SAML2 frontend (pySAML2), under config.idp_config.service.idp.policy',
    `"${spEntityId}":`,
    '  attribute_restrictions:',
    '    eduPersonPrincipalName: null',
    '    mail: null',
    '    displayName: null',
    '    givenName: null',
    '    sn: null',
    '    # For the client-certificate portal',
    `    schacHomeOrganization: ['^${escapeRegExp(schacHomeOrganization).replace(/'/g, "''")}$']`,
    '    eduPersonAssurance: null',
  ].join('\n');
}

/** The customer's address on cert-manager.com, and whether the profile's own host is that one. */
function customerAddress(context: Context, page: string): { url: string; label: ChecklistMessage } {
  const { profile } = context.session;
  const path = `/customer/${encodeURIComponent(profile.customerUri)}/${page}`;
  let origin = profile.host;
  try {
    origin = new URL(profile.host).origin;
  } catch {
    // A host the profile checks on save; kept as it is if it is not a URL.
  }
  // Plain http is allowed only for a sandbox on this machine, which has no IdP login.
  if (profile.kind === 'sandbox' || origin.startsWith('http:')) return { url: `${documentedHost}${path}`, label: say(`idp.copy.${page === 'ssocheck' ? 'ssoCheck' : 'portal'}Sandbox`) };
  if (origin === documentedHost) return { url: `${documentedHost}${path}`, label: say(`idp.copy.${page === 'ssocheck' ? 'ssoCheck' : 'portal'}`) };
  return { url: `${origin}${path}`, label: say(`idp.copy.${page === 'ssocheck' ? 'ssoCheck' : 'portal'}OtherHost`, { host: origin }) };
}

// ---- SCM's side: the organization, its admins, and the links ----

async function unitName(context: Context): Promise<string> {
  const unit = await context.unit(context.inputs.orgId);
  return unit === undefined ? String(context.inputs.orgId) : ChecklistContext.unitName(unit);
}

async function providerName(context: Context): Promise<string> {
  const providers = await new AdminsApi(context.client).identityProviders();
  const found = providers.find((provider) => provider.id === context.inputs.identityProviderId);
  return found === undefined || found.name === '' ? `#${context.inputs.identityProviderId}` : found.name;
}

const academicWire = z.looseObject({ schacHomeOrganization: z.string().nullish() });

/** The organization's Academic code as SCM reports it: '' when none is set, undefined when SCM does not report the field. */
async function academicCode(context: Context): Promise<string | undefined> {
  const row = await context.client.json({ method: 'GET', path: `/api/organization/v1/${context.inputs.orgId}`, operation: `read organization ${context.inputs.orgId}`, signal: context.signal }, academicWire);
  if (row.schacHomeOrganization === undefined) return undefined;
  return (row.schacHomeOrganization ?? '').trim();
}

/** How a person recognises an admin: its login, else its email (an IdP admin has no login), else its names. */
function nameOf(admin: Pick<AdminDetails, 'id' | 'login' | 'email' | 'forename' | 'surname'>): string {
  return admin.login ?? (admin.email !== '' ? admin.email : adminDisplayName(admin));
}

const inScope = new WeakMap<Context, Promise<AdminDetails[]>>();

/**
 * Every admin with a role for the organization or one of its departments, as
 * the signed-in admin may see them, with their details (the list does not
 * carry the IdP fields). Read once per step.
 */
function adminsInScope(context: Context): Promise<AdminDetails[]> {
  let found = inScope.get(context);
  if (found === undefined) {
    found = (async () => {
      const units = (await context.units()).filter((unit) => unit.id === context.inputs.orgId || unit.parentId === context.inputs.orgId);
      const api = new AdminsApi(context.client);
      const ids = new Set<number>();
      for (const unit of units) {
        context.throwIfCancelled();
        for (const admin of await api.list({ orgId: unit.id }, { signal: context.signal })) ids.add(admin.id);
      }
      const details: AdminDetails[] = [];
      for (const [position, id] of [...ids].entries()) {
        context.throwIfCancelled();
        context.progress(position, ids.size, 'checklists:idp');
        const admin = await api.get(id, { signal: context.signal }).catch((error: unknown) => {
          // Deleted since the list was read.
          if (error instanceof ScmClientError && error.kind === 'not-found') return undefined;
          throw error;
        });
        if (admin !== undefined) details.push(admin);
      }
      context.progress(ids.size, ids.size, 'checklists:idp');
      return details.sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
    })();
    inScope.set(context, found);
  }
  return found;
}

/** The admin a link names: by login first, else by email where exactly one admin has it. */
function resolve(admins: readonly AdminDetails[], link: IdpAdminLink): AdminDetails | 'ambiguous' | undefined {
  const byLogin = admins.find((admin) => admin.login === link.login) ?? admins.find((admin) => admin.login !== null && admin.login.toLowerCase() === link.login.toLowerCase());
  if (byLogin !== undefined) return byLogin;
  const byEmail = admins.filter((admin) => admin.email.toLowerCase() === link.login.toLowerCase());
  if (byEmail.length > 1) return 'ambiguous';
  return byEmail[0];
}

function linked(admin: AdminDetails, link: IdpAdminLink, providerId: number): boolean {
  return admin.identityProviderId === providerId && admin.idpPersonId !== null && admin.idpPersonId.toLowerCase() === link.eppn.toLowerCase();
}

interface Planned {
  link: IdpAdminLink;
  admin: AdminDetails;
  done: boolean;
}

/** Each link whose admin SCM still lists, with the admin as SCM holds it now. */
async function linksNow(context: Context): Promise<Planned[]> {
  const admins = await adminsInScope(context);
  return context.inputs.admins.flatMap((link) => {
    const admin = resolve(admins, link);
    return admin === undefined || admin === 'ambiguous' ? [] : [{ link, admin, done: linked(admin, link, context.inputs.identityProviderId) }];
  });
}

/** Each link with its admin as SCM holds it now; a link whose admin is gone since the run began stops the step. */
async function planned(context: Context): Promise<Planned[]> {
  const entries = await linksNow(context);
  const gone = context.inputs.admins.find((link) => !entries.some((entry) => entry.link === link));
  if (gone !== undefined) throw new StepProblem(say('idp.problems.noSuchAdmin', { admin: gone.login, unit: await unitName(context) }), 'not-found', `${anchor}#step-link-admins`);
  return entries;
}

function linkBody(context: Context, link: IdpAdminLink): { identityProviderId: number; idpPersonId: string } {
  return { identityProviderId: context.inputs.identityProviderId, idpPersonId: link.eppn };
}

/** May the signed-in admin edit other admins? The MRAO may; others need “Allow editing peer admins”. */
function mayEditAdmins(context: Context): Promise<boolean> {
  return context.hasPrivilege(editAdmins);
}

async function checkLinks(context: Context): Promise<CheckResult> {
  const found = await planned(context);
  const provider = await providerName(context);
  for (const entry of found) {
    if (entry.done) context.detail(say('idp.outcomes.linkedOne', { admin: nameOf(entry.admin), eppn: entry.link.eppn, provider }));
    else context.detail(say('idp.problems.notLinkedOne', { admin: nameOf(entry.admin), eppn: entry.link.eppn, now: entry.admin.idpPersonId ?? '—' }));
  }
  const missing = found.filter((entry) => !entry.done);
  if (missing.length > 0) return { holds: false, message: say('idp.problems.notLinked', { count: missing.length, admins: missing.map((entry) => nameOf(entry.admin)).join(', ') }) };
  return { holds: true, message: say('idp.outcomes.allLinked', { count: found.length, provider }) };
}

async function checkAcademicCode(context: Context): Promise<CheckResult> {
  const unit = await unitName(context);
  const schac = context.inputs.schacHomeOrganization;
  let code: string | undefined;
  try {
    code = await academicCode(context);
  } catch (error) {
    // A DRAO sees its department's organization in the list, but may not read it.
    if (error instanceof ScmClientError && (error.kind === 'not-found' || error.kind === 'permission')) return { holds: false, message: say('idp.problems.codeUnreadable', { unit, who: context.who }) };
    throw error;
  }
  if (code === undefined) return { holds: false, message: say('idp.problems.codeNotReported', { unit, schac }) };
  if (code === '') return { holds: false, message: say('idp.problems.noAcademicCode', { unit, schac }) };
  if (code.toLowerCase() !== schac.toLowerCase()) return { holds: false, message: say('idp.problems.codeMismatch', { unit, code, schac }) };
  return { holds: true, message: say('idp.outcomes.codeMatches', { unit, code }) };
}

export const idpChecklist: ChecklistDefinition<IdpInput> = {
  id: 'idp',
  inputSchema: idpInputSchema,
  audience: { roles: ['MRAO', 'RAO_SSL', 'RAO_SMIME', 'RAO_CS', 'RAO_DEVICE', 'DRAO_SSL', 'DRAO_SMIME', 'DRAO_CS', 'DRAO_DEVICE'], privileges: [] },
  anchor,

  async prepare(context) {
    const self = await context.self();
    const units = await context.units();
    const providers = await new AdminsApi(context.client).identityProviders();
    const organizations = units.filter((unit) => unit.kind === 'organization');
    const home = self.credentials.find((credential) => credential.orgId !== null)?.orgId;
    const homeOrganization = organizations.find((unit) => unit.id === home) ?? organizations.find((unit) => units.some((other) => other.id === home && other.parentId === unit.id)) ?? organizations[0];
    const blockers: ChecklistMessage[] = providers.length === 0 ? [say('idp.problems.noProviders')] : [];
    const notes: ChecklistMessage[] = [];
    let schac: string | undefined;
    if (homeOrganization !== undefined) {
      const scoped = new ChecklistContext<IdpInput>({
        session: context.session,
        accounts: context.accounts,
        inputs: { orgId: homeOrganization.id, identityProviderId: providers[0]?.id ?? 1, schacHomeOrganization: 'example.org', admins: [] },
        run: null,
        signal: context.signal,
        now: context.now,
      });
      const code = await academicCode(scoped).catch(() => undefined);
      if (code !== undefined && code !== '') schac = code;
      const unlinked = (await adminsInScope(scoped)).filter((admin) => admin.idpPersonId === null && admin.type !== apiType);
      if (unlinked.length > 0) notes.push(say('idp.outcomes.unlinkedNote', { unit: homeOrganization.name, count: unlinked.length, admins: unlinked.slice(0, 30).map(nameOf).join(', ') }));
    }
    if (!(await context.hasPrivilege(editAdmins))) notes.push(say('idp.outcomes.manualNote', { who: context.who }));
    return {
      choices: {
        orgId: organizations.map((unit) => ({ value: unit.id, label: unit.name })),
        identityProviderId: providers.map((provider) => ({ value: provider.id, label: provider.name === '' ? `#${provider.id}` : provider.name })),
      },
      defaults: {
        ...(homeOrganization === undefined ? {} : { orgId: homeOrganization.id }),
        ...(providers.length === 1 ? { identityProviderId: providers[0]!.id } : {}),
        ...(schac === undefined ? {} : { schacHomeOrganization: schac }),
        admins: [],
      },
      blockers,
      notes,
    };
  },

  async begin(context) {
    const problems: { field: string; message: ChecklistMessage }[] = [];
    const unit = await context.unit(context.inputs.orgId);
    if (unit === undefined || unit.kind !== 'organization') problems.push({ field: 'orgId', message: say('idp.problems.noSuchUnit', { id: context.inputs.orgId }) });
    const providers = await new AdminsApi(context.client).identityProviders();
    if (!providers.some((provider) => provider.id === context.inputs.identityProviderId)) problems.push({ field: 'identityProviderId', message: say('idp.problems.noSuchProvider', { id: context.inputs.identityProviderId }) });
    if (unit !== undefined && unit.kind === 'organization' && context.inputs.admins.length > 0) {
      const admins = await adminsInScope(context);
      for (const [index, link] of context.inputs.admins.entries()) {
        const admin = resolve(admins, link);
        if (admin === undefined) {
          problems.push({ field: `admins.${index}.login`, message: say('idp.problems.noSuchAdmin', { admin: link.login, unit: unit.name }) });
          continue;
        }
        if (admin === 'ambiguous') {
          problems.push({ field: `admins.${index}.login`, message: say('idp.problems.ambiguous', { admin: link.login }) });
          continue;
        }
        if (admin.type === apiType) problems.push({ field: `admins.${index}.login`, message: say('idp.problems.apiAdmin', { admin: nameOf(admin) }) });
        const holder = admins.find((other) => other.id !== admin.id && other.idpPersonId !== null && other.idpPersonId.toLowerCase() === link.eppn.toLowerCase());
        if (holder !== undefined) problems.push({ field: `admins.${index}.eppn`, message: say('idp.problems.eppnTaken', { eppn: link.eppn, admin: nameOf(holder) }) });
      }
    }
    return { target: { kind: 'organization', id: context.inputs.orgId, name: unit?.name ?? String(context.inputs.orgId) }, problems };
  },

  steps: [
    {
      id: 'release-attributes',
      kind: 'info',
      anchor: `${anchor}#step-release-attributes`,
      async plan(context) {
        const schac = context.inputs.schacHomeOrganization;
        return {
          params: { entityId: spEntityId, schac },
          copy: [
            { label: say('idp.copy.entityId'), value: spEntityId },
            { label: say('idp.copy.shibboleth'), value: shibbolethFilter(schac) },
            { label: say('idp.copy.satosa'), value: satosaPolicy(schac) },
          ],
        };
      },
    },
    {
      id: 'sso-check',
      kind: 'info',
      anchor: `${anchor}#step-ssocheck`,
      async plan(context) {
        const page = customerAddress(context, 'ssocheck');
        return { params: { customerUri: context.session.profile.customerUri, url: page.url }, copy: [{ label: page.label, value: page.url }] };
      },
    },
    {
      id: 'academic-code',
      kind: 'verify',
      anchor: `${anchor}#step-client-portal`,
      skippable: true,
      async plan(context) {
        const portal = customerAddress(context, 'idp/clientgeant');
        return {
          params: { unit: await unitName(context), schac: context.inputs.schacHomeOrganization },
          copy: [
            { label: say('idp.copy.schac'), value: context.inputs.schacHomeOrganization },
            { label: portal.label, value: portal.url },
          ],
        };
      },
      async run(context) {
        const found = await checkAcademicCode(context);
        if (!found.holds) throw new StepProblem(found.message, 'validation', `${anchor}#step-client-portal`);
        return found.message;
      },
      check: checkAcademicCode,
    },
    {
      id: 'find-unlinked',
      kind: 'verify',
      anchor: `${anchor}#step-find-unlinked`,
      async plan(context) {
        return { params: { unit: await unitName(context) } };
      },
      async run(context) {
        const admins = await adminsInScope(context);
        const unit = await unitName(context);
        const eppnOf = new Map(context.inputs.admins.map((link) => [resolve(admins, link), link.eppn]));
        let unlinked = 0;
        let apiAdmins = 0;
        for (const admin of admins) {
          if (admin.type === apiType) {
            apiAdmins += 1;
            context.detail(say('idp.outcomes.apiAdminOne', { admin: nameOf(admin) }));
            continue;
          }
          if (admin.idpPersonId !== null) continue;
          unlinked += 1;
          const eppn = eppnOf.get(admin);
          context.detail(eppn === undefined ? say('idp.outcomes.unlinkedOne', { admin: nameOf(admin), type: admin.type ?? '—' }) : say('idp.outcomes.unlinkedPlanned', { admin: nameOf(admin), type: admin.type ?? '—', eppn }));
        }
        context.setFact('unlinkedBefore', unlinked);
        return say('idp.outcomes.found', { unit, count: admins.length, unlinked, api: apiAdmins, planned: context.inputs.admins.length });
      },
    },
    {
      id: 'link-admins',
      kind: 'action',
      anchor: `${anchor}#step-link-admins`,
      async kindIn(context) {
        return (await mayEditAdmins(context)) ? 'action' : 'manual';
      },
      async notApplicable(context) {
        return context.inputs.admins.length === 0 ? say('idp.outcomes.noLinks') : null;
      },
      async blockers(context) {
        return (await mayEditAdmins(context)) ? [] : [say('idp.blockers.mayNotEdit', { who: context.who })];
      },
      async plan(context) {
        const entries = await linksNow(context);
        const todo = entries.filter((entry) => !entry.done);
        return {
          params: { unit: await unitName(context), provider: await providerName(context), count: todo.length, already: entries.length - todo.length },
          copy: todo.slice(0, 20).map((entry) => ({ label: say('idp.copy.eppnOf', { admin: nameOf(entry.admin) }), value: entry.link.eppn })),
          canVerify: true,
        };
      },
      async preview(context): Promise<RequestPreview[]> {
        return (await linksNow(context)).filter((entry) => !entry.done).map((entry) => ({ as: context.who, method: 'PUT', path: `/api/admin/v1/${entry.admin.id}`, body: linkBody(context, entry.link) }));
      },
      async run(context) {
        const api = new AdminsApi(context.client);
        // Made again from what SCM holds now: an admin linked by an attempt whose answer was lost is found, not sent again.
        const found = await planned(context);
        const provider = await providerName(context);
        const todo = found.filter((entry) => !entry.done);
        for (const entry of found.filter((candidate) => candidate.done)) context.detail(say('idp.outcomes.alreadyLinked', { admin: nameOf(entry.admin), eppn: entry.link.eppn }));
        for (const [position, entry] of todo.entries()) {
          context.throwIfCancelled();
          context.progress(position, todo.length, 'checklists:idp');
          const body = linkBody(context, entry.link);
          context.sent({ method: 'PUT', path: `/api/admin/v1/${entry.admin.id}`, body });
          await api.update(entry.admin.id, body);
          context.madeId(entry.admin.id);
          context.detail(
            entry.admin.idpPersonId === null
              ? say('idp.outcomes.linkedOne', { admin: nameOf(entry.admin), eppn: entry.link.eppn, provider })
              : say('idp.outcomes.relinkedOne', { admin: nameOf(entry.admin), eppn: entry.link.eppn, before: entry.admin.idpPersonId, provider }),
          );
        }
        context.progress(todo.length, todo.length, 'checklists:idp');
        return todo.length === 0 ? say('idp.outcomes.nothingToLink', { count: found.length }) : say('idp.outcomes.linkedCount', { count: todo.length, already: found.length - todo.length, provider });
      },
      check: checkLinks,
    },
    {
      id: 'read-back',
      kind: 'verify',
      anchor: `${anchor}#step-read-back`,
      async notApplicable(context) {
        return context.inputs.admins.length === 0 ? say('idp.outcomes.noLinks') : null;
      },
      async plan(context) {
        return { params: { unit: await unitName(context), count: context.inputs.admins.length } };
      },
      async run(context) {
        const found = await checkLinks(context);
        if (!found.holds) throw new StepProblem(found.message, 'validation', `${anchor}#step-read-back`);
        const left = (await adminsInScope(context)).filter((admin) => admin.idpPersonId === null && admin.type !== apiType);
        for (const admin of left) context.detail(say('idp.outcomes.stillUnlinked', { admin: nameOf(admin) }));
        return found.message;
      },
      check: checkLinks,
    },
  ],
};
