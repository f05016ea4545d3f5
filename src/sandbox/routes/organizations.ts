import {
  created,
  idParam,
  jsonBody,
  noContent,
  ok,
  optionalBoolean,
  optionalString,
  requireString,
  type Route,
  type RouteContext,
} from '../context';
import { ScmError, invalidField } from '../errors';
import type { Organization, Role } from '../state/model';

const notFound = () => new ScmError(404, -1023, 'Organization not found');

function department(org: Organization, parent: Organization | undefined) {
  return { id: org.id, name: org.name, parentName: parent?.name ?? '', certTypes: org.certTypes };
}

function details(context: RouteContext, org: Organization) {
  const parent = org.parentId === null ? undefined : context.store.organization(org.parentId);
  return {
    id: org.id,
    name: org.name,
    secondaryName: org.secondaryName,
    alias: org.alias,
    schacHomeOrganization: org.academicCode,
    contactEmails: org.contactEmails,
    address1: org.address1,
    address2: org.address2,
    address3: org.address3,
    city: org.city,
    stateOrProvince: org.stateOrProvince,
    postalCode: org.postalCode,
    country: org.country,
    validationStatus: org.validationStatus,
    sslCertsApiEnabled: org.sslCertsApiEnabled,
    clientCertsApiEnabled: org.clientCertsApiEnabled,
    clientCertificate: org.clientCertificate,
    certTypes: org.certTypes,
    ...(parent === undefined ? {} : { parentId: parent.id, parentName: parent.name, parentSecondaryName: parent.secondaryName }),
    departments: org.parentId === null ? context.store.departmentsOf(org.id).filter((dept) => context.scope.canSee(dept.id)).map((dept) => department(dept, org)) : [],
  };
}

function findVisible(context: RouteContext): Organization {
  const org = context.store.organization(idParam(context, 'id', notFound));
  if (org === undefined || !context.scope.canSee(org.id)) throw notFound();
  return org;
}

function applyFields(org: Organization, body: Record<string, unknown>): void {
  const text: [keyof Organization, string, number][] = [
    ['secondaryName', 'alternativeName', 128], ['alias', 'alias', 128], ['contactEmails', 'contactEmails', 512],
    ['address1', 'address1', 128], ['address2', 'address2', 128], ['address3', 'address3', 128], ['city', 'city', 64],
    ['stateOrProvince', 'stateProvince', 64], ['postalCode', 'postalCode', 32],
  ];
  for (const [key, field, max] of text) {
    const value = optionalString(body, field, max);
    if (value !== undefined) (org[key] as string) = value;
  }
  const country = optionalString(body, 'country');
  if (country !== undefined) {
    if (!/^[A-Za-z]{2}$/.test(country)) throw invalidField('country', 'must be two letters');
    org.country = country.toUpperCase();
  }
  const ssl = optionalBoolean(body, 'sslCertsApiEnabled');
  if (ssl !== undefined) org.sslCertsApiEnabled = ssl;
  const client = optionalBoolean(body, 'clientCertsApiEnabled');
  if (client !== undefined) org.clientCertsApiEnabled = client;
  if (body.clientCertificate !== undefined) {
    if (typeof body.clientCertificate !== 'object' || body.clientCertificate === null) throw invalidField('clientCertificate');
    const settings = body.clientCertificate as Record<string, unknown>;
    for (const key of Object.keys(org.clientCertificate) as (keyof Organization['clientCertificate'])[]) {
      if (settings[key] !== undefined) {
        if (typeof settings[key] !== 'boolean') throw invalidField(`clientCertificate.${key}`);
        org.clientCertificate[key] = settings[key];
      }
    }
  }
}

export const organizationRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/organization/v1',
    handler(context) {
      const { store, scope } = context;
      const rows = [...store.organizations.values()]
        .filter((org) => org.parentId === null && (scope.canSee(org.id) || store.departmentsOf(org.id).some((dept) => scope.canSee(dept.id))))
        .map((org) => ({
          id: org.id,
          name: org.name,
          certTypes: org.certTypes,
          departments: store.departmentsOf(org.id).filter((dept) => scope.canSee(dept.id)).map((dept) => department(dept, org)),
        }));
      return ok(rows);
    },
  },
  {
    method: 'GET',
    path: '/api/organization/v1/{id}',
    handler: (context) => ok(details(context, findVisible(context))),
  },
  {
    method: 'GET',
    path: '/api/organization/v1/managedBy/{role}',
    handler: (context) => managedBy(context),
  },
  {
    method: 'GET',
    path: '/api/organization/v1/managed-by/{role}',
    handler: (context) => managedBy(context),
  },
  {
    method: 'GET',
    path: '/api/organization/v1/report-type/{type}',
    handler(context) {
      const type = context.params.type;
      const code = ({ SSL: 'SSL', Client: 'SMIME', Device: 'Device', CodeSign: 'CodeSign' } as const)[type as 'SSL'];
      if (code === undefined) throw invalidField('type', 'use SSL, Client, Device or CodeSign');
      const rows = [...context.store.organizations.values()]
        .filter((org) => context.scope.canSee(org.id) && org.certTypes.includes(code))
        .map((org) => ({ id: org.id, name: org.name, parentName: org.parentId === null ? null : (context.store.organization(org.parentId)?.name ?? null) }));
      return ok(rows);
    },
  },
  {
    method: 'POST',
    path: '/api/organization/v1',
    handler(context) {
      const body = jsonBody(context);
      const name = requireString(body, 'name', { max: 128 });
      const parentName = optionalString(body, 'parentOrgName', 128);
      let parent: Organization | undefined;
      if (parentName !== undefined) {
        parent = [...context.store.organizations.values()].find((org) => org.parentId === null && org.name === parentName);
        if (parent === undefined || !context.scope.canSee(parent.id)) throw new ScmError(400, -1023, `Organization '${parentName}' not found`);
        if (!context.scope.isRaoOf(parent.id) || !(context.scope.has('addDepartments') || context.scope.has('addOrganizationAndDepartments'))) {
          throw new ScmError(400, -226, `Admin lacks privileges to manage '${parent.name}'`);
        }
      } else if (!context.scope.isMrao || !context.scope.has('addOrganizationAndDepartments')) {
        throw new ScmError(400, -3, 'Not authorized to perform organization creation');
      }
      const siblings = [...context.store.organizations.values()].filter((org) => org.parentId === (parent?.id ?? null));
      if (siblings.some((org) => org.name === name)) throw invalidField('name', `${name} exists`);
      requireString(body, 'address1', { max: 128 });
      const country = requireString(body, 'country');
      if (optionalString(body, 'city') === undefined && optionalString(body, 'stateProvince') === undefined) {
        throw new ScmError(400, -7, 'city or stateProvince is required but missing');
      }
      if (parent === undefined && (typeof body.clientCertificate !== 'object' || body.clientCertificate === null)) {
        throw new ScmError(400, -7, 'clientCertificate is required but missing');
      }
      const org: Organization = {
        id: context.store.nextId(),
        name,
        parentId: parent?.id ?? null,
        secondaryName: '',
        alias: '',
        academicCode: '',
        contactEmails: '',
        address1: '',
        address2: '',
        address3: '',
        city: '',
        stateOrProvince: '',
        postalCode: '',
        country,
        validationStatus: parent?.validationStatus ?? 'NOT_VALIDATED',
        sslCertsApiEnabled: false,
        clientCertsApiEnabled: false,
        certTypes: parent?.certTypes ?? ['SSL', 'SMIME'],
        clientCertificate: { allowKeyRecoveryByMasterAdmins: false, allowKeyRecoveryByOrgAdmins: false, allowKeyRecoveryByDepartmentAdmins: false },
      };
      applyFields(org, body);
      context.store.organizations.set(org.id, org);
      context.store.record(context.admin.login, parent === undefined ? 'Organization created' : 'Department created', name, context.now);
      context.store.changed();
      return created(context, `/api/organization/v1/${org.id}`);
    },
  },
  {
    method: 'PUT',
    path: '/api/organization/v1/{id}',
    handler(context) {
      const org = findVisible(context);
      const isDepartment = org.parentId !== null;
      const allowed = context.scope.has('editOrganizationAndDepartment') || (isDepartment && context.scope.has('editDepartments'));
      if (!allowed) throw new ScmError(400, -226, `Admin lacks privileges to manage '${org.name}'`);
      if (!isDepartment && !context.scope.isRaoOf(org.id)) throw new ScmError(400, -226, `Admin lacks privileges to manage '${org.name}'`);
      const body = jsonBody(context);
      const updated: Organization = { ...org, clientCertificate: { ...org.clientCertificate } };
      if (body.name !== undefined) updated.name = requireString(body, 'name', { max: 128 });
      applyFields(updated, body);
      Object.assign(org, updated);
      context.store.record(context.admin.login, 'Organization updated', org.name, context.now);
      context.store.changed();
      return ok(details(context, org));
    },
  },
  {
    method: 'DELETE',
    path: '/api/organization/v1/{id}',
    handler(context) {
      const org = findVisible(context);
      if (!context.scope.isMrao && !(org.parentId !== null && context.scope.isRaoOf(org.parentId))) {
        throw new ScmError(400, -226, `Admin lacks privileges to manage '${org.name}'`);
      }
      const { store } = context;
      const inUse =
        store.departmentsOf(org.id).length > 0 ||
        [...store.ssl.values()].some((certificate) => certificate.orgId === org.id) ||
        [...store.smime.values()].some((certificate) => certificate.orgId === org.id) ||
        [...store.domains.values()].some((domain) => domain.delegations.some((delegation) => delegation.orgId === org.id));
      if (inUse) throw new ScmError(400, -1021, 'Operation is not allowed for organization: it has departments, certificates or delegated domains');
      context.store.organizations.delete(org.id);
      context.store.record(context.admin.login, 'Organization deleted', org.name, context.now);
      context.store.changed();
      return noContent();
    },
  },
];

function managedBy(context: RouteContext) {
  const role = context.params.role as Role;
  const orgIds = new Set<number>();
  for (const credential of context.admin.credentials) {
    if (credential.role !== role || credential.orgId === null) continue;
    orgIds.add(credential.orgId);
    if (role.startsWith('RAO_')) for (const dept of context.store.departmentsOf(credential.orgId)) orgIds.add(dept.id);
  }
  if (role === 'MRAO' && context.scope.isMrao) for (const id of context.store.organizations.keys()) orgIds.add(id);
  const rows = [...orgIds].flatMap((id) => {
    const org = context.store.organization(id);
    if (org === undefined) return [];
    const parent = org.parentId === null ? undefined : context.store.organization(org.parentId);
    return [{ id: org.id, name: org.name, parentName: parent?.name ?? null }];
  });
  return ok(rows);
}
