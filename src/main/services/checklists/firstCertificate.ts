import { createPublicKey } from 'node:crypto';
import { constants } from 'node:fs';
import { access, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute } from 'node:path';
import { firstCertificateInputSchema, type ChecklistMessage, type FirstCertificateInput } from '../../../shared/checklists';
import type { DomainDetails } from '../../../shared/scm/types';
import { DomainsApi } from '../../scm/domains';
import { ScmClientError } from '../../scm/errors';
import { enrollMarker, SslApi } from '../../scm/ssl';
import {
  buildChain,
  certificateFingerprint,
  csrFingerprint,
  encryptedKeyPem,
  keyFingerprint,
  keyTypeName,
  keyTypeNamed,
  keyTypesAllowed,
  makeCsr,
  makeKeyPair,
  makePkcs12,
  openKey,
} from '../certificates/localKey';
import { ChecklistContext, type Unit } from './context';
import type { ChecklistDefinition, CheckResult } from './definition';
import { StepProblem } from './problem';
import { say } from './words';

/*
 * The first SSL certificate, with a key made on this machine: the names are
 * checked against the unit's validated domains, the key and its CSR are made
 * here (the key written only encrypted, with a passphrase the person gives and
 * the console holds in memory for the run), the certificate is ordered once,
 * approved where needed, waited for, collected and saved beside the key.
 */

type Context = ChecklistContext<FirstCertificateInput>;

const anchor = 'procedure-first-certificate';
/** The environment variable `tcs-admin` reads the key's passphrase from. */
export const passphraseEnvironment = 'TCS_KEY_PASSPHRASE';
/** At least this long: the passphrase is all that protects the key file. */
const passphraseMinimum = 12;
/** How often, and how far apart, the wait for issuance asks SCM before it stops and lets the person ask again. */
const issuePolls = 12;
const issuePauseMs = 5_000;

/** The files a run makes, all beside the key: `name.key`, `name.csr`, `name.crt`, `name-chain.pem`, `name.p12`. */
export function certificateFiles(keyFile: string): { key: string; csr: string; certificate: string; chain: string; pkcs12: string } {
  const base = keyFile.replace(/\.key$/i, '');
  return { key: keyFile, csr: `${base}.csr`, certificate: `${base}.crt`, chain: `${base}-chain.pem`, pkcs12: `${base}.p12` };
}

function filesOf(context: Context) {
  return certificateFiles(context.inputs.keyFile);
}

function wantsPkcs12(context: Context): boolean {
  return context.inputs.bundles.includes('pkcs12');
}

async function exists(path: string): Promise<boolean> {
  return access(path, constants.F_OK).then(
    () => true,
    () => false,
  );
}

async function textOf(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch(() => undefined);
}

/** Every name on the certificate, the common name first, each once. */
function namesOf(input: FirstCertificateInput): string[] {
  return [...new Set([input.commonName, ...input.subjectAlternativeNames])];
}

async function unitOf(context: Context): Promise<Unit> {
  const unit = await context.unit(context.inputs.orgId);
  if (unit === undefined) throw new StepProblem(say('first-certificate.problems.noSuchUnit', { id: context.inputs.orgId }), 'not-found', anchor);
  return unit;
}

function sslIdOf(context: Context): number {
  const id = context.numberFact('sslId');
  if (id === undefined) throw new StepProblem(say('first-certificate.problems.notOrdered'), 'validation', `${anchor}#step-enroll`);
  return id;
}

function needsPassphrase(context: Context): ChecklistMessage[] {
  const secret = context.secret();
  if (secret === undefined) return [say('first-certificate.blockers.passphrase')];
  if (secret.length < passphraseMinimum) return [say('first-certificate.blockers.passphraseShort', { minimum: passphraseMinimum })];
  return [];
}

function passphraseOf(context: Context): string {
  const problems = needsPassphrase(context);
  if (problems.length > 0) throw new StepProblem(problems[0]!, 'validation', `${anchor}#passphrase`);
  return context.secret()!;
}

const passphrasePlan = { label: say('first-certificate.secret.passphrase'), environment: passphraseEnvironment };

/** Why a name is not covered: no domain above it, or one that is not delegated, active or validated. */
type Uncovered = { name: string; reason: 'no-domain' | 'not-delegated' | 'not-validated' };

function baseOf(name: string): string {
  return name.replace(/^\*\./, '');
}

function isAtOrBelow(name: string, domain: string): boolean {
  return name === domain || name.endsWith(`.${domain}`);
}

/**
 * The names no domain of SCM lets the unit order: a name needs a domain at or
 * above it that is active, delegated to the unit (or, for a department, its
 * organization) for SSL, and validated with a validation that has not expired.
 */
async function uncoveredNames(context: Context, unit: Unit): Promise<Uncovered[]> {
  const api = new DomainsApi(context.client);
  const rows = await api.list({}, { signal: context.signal });
  const holders = new Set([unit.id, ...(unit.parentId === null ? [] : [unit.parentId])]);
  const details = new Map<number, DomainDetails>();
  const now = context.now();
  const found: Uncovered[] = [];
  for (const name of namesOf(context.inputs)) {
    const base = baseOf(name);
    const candidates = rows.filter((row) => isAtOrBelow(base, baseOf(row.name.toLowerCase())));
    if (candidates.length === 0) {
      found.push({ name, reason: 'no-domain' });
      continue;
    }
    let best: Uncovered['reason'] = 'not-delegated';
    for (const row of candidates) {
      let entry = details.get(row.id);
      if (entry === undefined) {
        entry = await api.get(row.id);
        details.set(row.id, entry);
      }
      const active = entry.state === null || entry.state.toUpperCase() === 'ACTIVE';
      const delegated = entry.delegations.some(
        (delegation) =>
          delegation.orgId !== null && holders.has(delegation.orgId) && delegation.certTypes.includes('SSL') && ['ACTIVE', 'APPROVED'].includes((delegation.status ?? entry!.delegationStatus ?? 'ACTIVE').toUpperCase()),
      );
      if (!active || !delegated) continue;
      const expires = entry.dcvExpiration === null ? null : Date.parse(entry.dcvExpiration);
      const validated = (entry.validationStatus ?? '').toUpperCase() === 'VALIDATED' && (expires === null || Number.isNaN(expires) || expires > now);
      if (validated) {
        best = 'no-domain';
        break;
      }
      best = 'not-validated';
    }
    if (best !== 'no-domain') found.push({ name, reason: best });
  }
  return found;
}

function uncoveredMessage(uncovered: Uncovered, unit: Unit): ChecklistMessage {
  return say(`first-certificate.problems.${uncovered.reason === 'no-domain' ? 'noDomain' : uncovered.reason === 'not-delegated' ? 'notDelegated' : 'notValidated'}`, { name: uncovered.name, unit: ChecklistContext.unitName(unit) });
}

async function namesCheck(context: Context): Promise<CheckResult> {
  const unit = await unitOf(context);
  const uncovered = await uncoveredNames(context, unit);
  if (uncovered.length === 0) return { holds: true, message: say('first-certificate.outcomes.namesCovered', { names: namesOf(context.inputs).join(', '), unit: ChecklistContext.unitName(unit) }) };
  for (const item of uncovered) context.detail(uncoveredMessage(item, unit));
  return { holds: false, message: say('first-certificate.problems.namesNotCovered', { names: uncovered.map((item) => item.name).join(', '), unit: ChecklistContext.unitName(unit) }) };
}

/** The key and its CSR on disk, when both are there and the CSR reads. */
async function keyOnDisk(context: Context): Promise<{ csr: string; fingerprint: string } | undefined> {
  const files = filesOf(context);
  const csr = await textOf(files.csr);
  if (csr === undefined || !(await exists(files.key))) return undefined;
  try {
    return { csr, fingerprint: csrFingerprint(csr) };
  } catch {
    return undefined;
  }
}

async function certificateOf(context: Context) {
  return new SslApi(context.client).get(sslIdOf(context), context.signal);
}

/** The order this run made, found by the marker it put in the comments, when its answer was lost. */
async function orderFound(context: Context, unit: Unit): Promise<number | undefined> {
  const marker = context.stringFact('enrollMarker');
  if (marker === undefined) return undefined;
  const found = await new SslApi(context.client).findByMarker(marker, unit.id, context.inputs.commonName);
  return found?.id;
}

const settledStatuses = ['Approved', 'Applied', 'Issued'];
const refusedStatuses = ['Declined', 'Rejected', 'Invalid', 'Revoked'];

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new ScmClientError({ kind: 'cancelled', message: 'Stopped: waiting for the certificate was cancelled.' }));
      },
      { once: true },
    );
  });
}

/** What the saved files say: the certificate for this run's key, and its chain building to a root. */
async function savedFilesCheck(context: Context): Promise<CheckResult> {
  const files = filesOf(context);
  const [certificate, chain, csr] = await Promise.all([textOf(files.certificate), textOf(files.chain), textOf(files.csr)]);
  if (certificate === undefined || chain === undefined || csr === undefined) return { holds: false, message: say('first-certificate.outcomes.filesMissing', { path: files.certificate }) };
  if (certificateFingerprint(certificate) !== csrFingerprint(csr)) return { holds: false, message: say('first-certificate.problems.keyMismatch', { path: files.certificate }) };
  const issuers = chain.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  const built = await buildChain([certificate.trim(), ...issuers]);
  if ('problem' in built) return { holds: false, message: say('first-certificate.problems.chainBroken', { reason: built.problem }) };
  if (wantsPkcs12(context) && !(await exists(files.pkcs12))) return { holds: false, message: say('first-certificate.outcomes.filesMissing', { path: files.pkcs12 }) };
  return { holds: true, message: say('first-certificate.outcomes.filesHold', { certificate: files.certificate, chain: files.chain, length: built.built.length }) };
}

export const firstCertificateChecklist: ChecklistDefinition<FirstCertificateInput> = {
  id: 'first-certificate',
  inputSchema: firstCertificateInputSchema,
  audience: { roles: ['MRAO', 'RAO_SSL', 'DRAO_SSL'], privileges: ['sslRequest'] },
  anchor,

  async prepare(context) {
    const self = await context.self();
    const units = await context.units();
    const profiles = await new SslApi(context.client).profiles();
    const home = self.credentials.find((credential) => credential.orgId !== null)?.orgId;
    const blockers: ChecklistMessage[] = [];
    if (!(await context.hasPrivilege('sslRequest'))) blockers.push(context.missingPrivilege('sslRequest', 'Request SSL certificates'));
    const mandatory = (await new SslApi(context.client).customFields()).filter((field) => field.mandatory);
    const keyTypes = [...new Set(profiles.flatMap((profile) => keyTypesAllowed(profile.keyTypes).map(keyTypeName)))];
    const terms = [...new Set(profiles.flatMap((profile) => profile.terms))].sort((a, b) => a - b);
    return {
      choices: {
        orgId: units.map((unit) => ({ value: unit.id, label: ChecklistContext.unitName(unit) })),
        profileId: profiles.map((profile) => ({
          value: profile.id,
          label: profile.name,
          hint: [profile.description, `${profile.terms.join(', ')} d`, keyTypesAllowed(profile.keyTypes).map(keyTypeName).join(', ')].filter((part) => part !== '').join(' · ').slice(0, 500),
        })),
        term: terms.map((term) => ({ value: term, label: `${term}` })),
        keyType: keyTypes.map((type) => ({ value: type, label: type.replace('-', ' ').replace('EC ', 'ECDSA ') })),
        bundles: [{ value: 'pkcs12', label: 'PKCS#12 (.p12)' }],
      },
      defaults: {
        ...(home === undefined || !units.some((unit) => unit.id === home) ? {} : { orgId: home }),
        ...(profiles[0] === undefined ? {} : { profileId: profiles[0].id, ...(profiles[0].terms[0] === undefined ? {} : { term: profiles[0].terms[0] }) }),
        keyType: keyTypes.includes('RSA-2048') ? 'RSA-2048' : (keyTypes[0] ?? 'RSA-2048'),
        bundles: [],
        customFields: mandatory.map((field) => ({ name: field.name, value: '' })),
      },
      blockers,
      notes: [],
    };
  },

  async begin(context) {
    const problems: { field: string; message: ChecklistMessage }[] = [];
    const input = context.inputs;
    const unit = await context.unit(input.orgId);
    if (unit === undefined) problems.push({ field: 'orgId', message: say('first-certificate.problems.noSuchUnit', { id: input.orgId }) });
    const profile = (await new SslApi(context.client).profiles()).find((candidate) => candidate.id === input.profileId);
    if (profile === undefined) problems.push({ field: 'profileId', message: say('first-certificate.problems.noSuchProfile', { id: input.profileId }) });
    else {
      if (!profile.terms.includes(input.term)) problems.push({ field: 'term', message: say('first-certificate.problems.termNotOffered', { term: input.term, profile: profile.name, terms: profile.terms.join(', ') }) });
      const allowed = keyTypesAllowed(profile.keyTypes).map(keyTypeName);
      if (!allowed.includes(input.keyType)) problems.push({ field: 'keyType', message: say('first-certificate.problems.keyTypeNotOffered', { keyType: input.keyType, profile: profile.name, keyTypes: allowed.join(', ') }) });
    }
    const customFields = await new SslApi(context.client).customFields();
    for (const field of input.customFields) {
      if (!customFields.some((known) => known.name.toLowerCase() === field.name.toLowerCase())) problems.push({ field: 'customFields', message: say('first-certificate.problems.unknownCustomField', { name: field.name, known: customFields.map((known) => known.name).join(', ') }) });
    }
    for (const known of customFields.filter((field) => field.mandatory)) {
      if (!input.customFields.some((field) => field.name.toLowerCase() === known.name.toLowerCase())) problems.push({ field: 'customFields', message: say('first-certificate.problems.customFieldMissing', { name: known.name }) });
    }
    const files = certificateFiles(input.keyFile);
    if (!isAbsolute(files.key)) problems.push({ field: 'keyFile', message: say('first-certificate.problems.notAbsolute', { path: files.key }) });
    else {
      const folder = await stat(dirname(files.key)).catch(() => undefined);
      if (folder === undefined || !folder.isDirectory()) problems.push({ field: 'keyFile', message: say('first-certificate.problems.noFolder', { folder: dirname(files.key) }) });
      else {
        const taken: string[] = [];
        for (const path of [files.key, files.csr, files.certificate, files.chain, ...(input.bundles.includes('pkcs12') ? [files.pkcs12] : [])]) if (await exists(path)) taken.push(path);
        if (taken.length > 0) problems.push({ field: 'keyFile', message: say('first-certificate.problems.filesExist', { paths: taken.join(', ') }) });
      }
    }
    if (unit !== undefined) {
      for (const uncovered of await uncoveredNames(context, unit)) {
        problems.push({ field: uncovered.name === input.commonName ? 'commonName' : 'subjectAlternativeNames', message: uncoveredMessage(uncovered, unit) });
      }
    }
    return {
      target: { kind: unit?.kind ?? 'organization', id: input.orgId, name: `${input.commonName} · ${unit === undefined ? String(input.orgId) : ChecklistContext.unitName(unit)}`.slice(0, 200) },
      facts: { profileName: profile?.name ?? String(input.profileId) },
      problems,
    };
  },

  steps: [
    {
      id: 'check-names',
      kind: 'verify',
      anchor: `${anchor}#step-check-names`,
      async plan(context) {
        const unit = await unitOf(context);
        return { params: { names: namesOf(context.inputs).join(', '), unit: ChecklistContext.unitName(unit) } };
      },
      async run(context) {
        const found = await namesCheck(context);
        if (!found.holds) throw new StepProblem(found.message, 'validation', 'procedure-domain-dcv#checklist');
        return found.message;
      },
      check: namesCheck,
    },
    {
      id: 'make-key',
      kind: 'action',
      anchor: `${anchor}#step-make-key`,
      async plan(context) {
        const files = filesOf(context);
        return { params: { keyType: context.inputs.keyType, key: files.key, csr: files.csr }, secret: passphrasePlan };
      },
      async blockers(context) {
        return (await keyOnDisk(context)) === undefined ? needsPassphrase(context) : [];
      },
      async run(context) {
        const files = filesOf(context);
        const made = await keyOnDisk(context);
        if (made !== undefined) {
          // The key and CSR of an earlier attempt: a key is never made twice for a run.
          context.setFact('keyFingerprint', made.fingerprint);
          return say('first-certificate.outcomes.keyKept', { key: files.key, csr: files.csr });
        }
        const passphrase = passphraseOf(context);
        const names = namesOf(context.inputs);
        const existing = await textOf(files.key);
        let keys;
        if (existing !== undefined) {
          // A key written before the CSR was: made from it, never a second key.
          let privateKey;
          try {
            privateKey = openKey(existing, passphrase);
          } catch {
            throw new StepProblem(say('first-certificate.problems.wrongPassphrase', { path: files.key }), 'validation', `${anchor}#passphrase`);
          }
          keys = { privateKey, publicKey: createPublicKey(privateKey) };
        } else {
          const type = keyTypeNamed(context.inputs.keyType);
          if (type === undefined) throw new StepProblem(say('first-certificate.problems.keyTypeUnknown', { keyType: context.inputs.keyType }));
          keys = await makeKeyPair(type);
          await writeFile(files.key, encryptedKeyPem(keys.privateKey, passphrase), { flag: 'wx', mode: 0o600 });
        }
        const csr = await makeCsr(keys, context.inputs.commonName, names);
        await writeFile(files.csr, csr, { flag: 'wx', mode: 0o644 });
        context.setFact('keyFingerprint', keyFingerprint(keys.privateKey));
        context.detail(say('first-certificate.outcomes.fileWritten', { path: files.key }));
        context.detail(say('first-certificate.outcomes.fileWritten', { path: files.csr }));
        return say('first-certificate.outcomes.keyMade', { keyType: context.inputs.keyType, key: files.key, csr: files.csr });
      },
      async check(context) {
        const made = await keyOnDisk(context);
        if (made === undefined) return { holds: false, message: say('first-certificate.outcomes.filesMissing', { path: filesOf(context).csr }) };
        context.setFact('keyFingerprint', made.fingerprint);
        return { holds: true, message: say('first-certificate.outcomes.keyOnDisk', { key: filesOf(context).key, csr: filesOf(context).csr }) };
      },
    },
    {
      id: 'enroll',
      kind: 'action',
      anchor: `${anchor}#step-enroll`,
      async plan(context) {
        const unit = await unitOf(context);
        return { params: { unit: ChecklistContext.unitName(unit), profile: context.stringFact('profileName') ?? String(context.inputs.profileId), term: context.inputs.term, names: namesOf(context.inputs).join(', ') } };
      },
      async blockers(context) {
        return (await context.hasPrivilege('sslRequest')) ? [] : [context.missingPrivilege('sslRequest', 'Request SSL certificates')];
      },
      async preview(context) {
        return [
          {
            as: context.who,
            method: 'POST',
            path: '/api/ssl/v1/enroll',
            body: { orgId: context.inputs.orgId, csr: `(${filesOf(context).csr})`, certType: context.inputs.profileId, term: context.inputs.term, subjAltNames: context.inputs.subjectAlternativeNames.join(','), comments: 'TCS Admin Console: first certificate', ...(context.inputs.customFields.length === 0 ? {} : { customFields: context.inputs.customFields }) },
          },
        ];
      },
      async run(context) {
        const unit = await unitOf(context);
        const already = context.numberFact('sslId') ?? (await orderFound(context, unit));
        if (already !== undefined) {
          context.setFact('sslId', already);
          context.madeId(already);
          return say('first-certificate.outcomes.orderFound', { id: already });
        }
        const csr = await textOf(filesOf(context).csr);
        if (csr === undefined) throw new StepProblem(say('first-certificate.outcomes.filesMissing', { path: filesOf(context).csr }), 'validation', `${anchor}#step-make-key`);
        // The run's own marker, saved before sending: an order whose answer is lost is found by it, never made twice.
        const marker = enrollMarker();
        context.setFact('enrollMarker', marker);
        await context.checkpoint();
        const comments = `TCS Admin Console: first certificate ${marker}`;
        context.sent({ method: 'POST', path: '/api/ssl/v1/enroll', body: { orgId: unit.id, csr: `(${filesOf(context).csr})`, certType: context.inputs.profileId, term: context.inputs.term, subjAltNames: context.inputs.subjectAlternativeNames.join(','), comments, ...(context.inputs.customFields.length === 0 ? {} : { customFields: context.inputs.customFields }) } });
        const order = await new SslApi(context.client).enroll({
          orgId: unit.id,
          csr,
          profileId: context.inputs.profileId,
          term: context.inputs.term,
          subjectAlternativeNames: context.inputs.subjectAlternativeNames,
          comments,
          ...(context.inputs.customFields.length === 0 ? {} : { customFields: context.inputs.customFields }),
        });
        context.setFact('sslId', order.id);
        context.madeId(order.id);
        await context.checkpoint();
        // Whether it waits for approval, as it stood when ordered: the approval step is skipped only for an order that never waited.
        // The order is placed whatever this read meets: a failure to read it leaves the approval step to look for itself.
        try {
          context.setFact('statusAtOrder', (await new SslApi(context.client).get(order.id, context.signal)).status);
        } catch (error) {
          if (context.signal.aborted) throw error;
          context.detail(say('first-certificate.outcomes.statusUnread', { reason: error instanceof ScmClientError ? error.reason : 'the answer could not be read' }));
        }
        return say('first-certificate.outcomes.ordered', { id: order.id, names: namesOf(context.inputs).join(', ') });
      },
      async check(context) {
        const id = context.numberFact('sslId') ?? (await orderFound(context, await unitOf(context)));
        if (id === undefined) return { holds: false, message: say('first-certificate.outcomes.noOrder') };
        context.setFact('sslId', id);
        context.madeId(id);
        const certificate = await new SslApi(context.client).get(id, context.signal);
        if (context.stringFact('statusAtOrder') === undefined) context.setFact('statusAtOrder', certificate.status);
        return { holds: true, message: say('first-certificate.outcomes.orderStatus', { id, status: certificate.status }) };
      },
    },
    {
      id: 'approve',
      kind: 'action',
      anchor: `${anchor}#step-approve`,
      async notApplicable(context) {
        const id = context.numberFact('sslId');
        const atOrder = context.stringFact('statusAtOrder');
        if (id === undefined || atOrder === undefined || atOrder === 'Requested') return null;
        return say('first-certificate.outcomes.approvalNotNeeded', { id, status: atOrder });
      },
      async kindIn(context) {
        return (await context.hasPrivilege('sslApprove')) ? 'action' : 'manual';
      },
      async plan(context) {
        const unit = await unitOf(context);
        const id = context.numberFact('sslId');
        return { params: { id: id ?? '?', unit: ChecklistContext.unitName(unit), names: namesOf(context.inputs).join(', ') }, ...(id === undefined ? {} : { copy: [{ label: say('first-certificate.copy.certificateId'), value: String(id) }] }), canVerify: true };
      },
      async preview(context) {
        return [{ as: context.who, method: 'POST', path: `/api/ssl/v1/approve/${context.numberFact('sslId') ?? '?'}`, body: { message: 'Approved with TCS Admin Console' } }];
      },
      async run(context) {
        const id = sslIdOf(context);
        context.sent({ method: 'POST', path: `/api/ssl/v1/approve/${id}`, body: { message: 'Approved with TCS Admin Console' } });
        await new SslApi(context.client).approve(id, 'Approved with TCS Admin Console');
        context.madeId(id);
        return say('first-certificate.outcomes.approved', { id });
      },
      async check(context) {
        const certificate = await certificateOf(context);
        if (refusedStatuses.includes(certificate.status)) throw new StepProblem(say('first-certificate.problems.refused', { id: certificate.id, status: certificate.status }), 'validation', `${anchor}#step-approve`);
        return { holds: settledStatuses.includes(certificate.status), message: say('first-certificate.outcomes.orderStatus', { id: certificate.id, status: certificate.status }) };
      },
    },
    {
      id: 'await-issue',
      kind: 'verify',
      anchor: `${anchor}#step-await-issue`,
      async plan(context) {
        return { params: { id: context.numberFact('sslId') ?? '?' } };
      },
      async run(context) {
        const id = sslIdOf(context);
        const api = new SslApi(context.client);
        for (let poll = 1; ; poll += 1) {
          context.progress(poll - 1, issuePolls);
          const certificate = await api.get(id, context.signal);
          if (certificate.status === 'Issued') return say('first-certificate.outcomes.issued', { id, serial: certificate.serialNumber ?? '?', expires: certificate.expires ?? '?' });
          if (refusedStatuses.includes(certificate.status)) throw new StepProblem(say('first-certificate.problems.refused', { id, status: certificate.status }), 'validation', `${anchor}#step-approve`);
          if (certificate.status === 'Requested' || poll >= issuePolls) throw new StepProblem(say('first-certificate.problems.notIssuedYet', { id, status: certificate.status }), 'pending', `${anchor}#step-await-issue`);
          await sleep(issuePauseMs, context.signal);
        }
      },
      async check(context) {
        const certificate = await certificateOf(context);
        return { holds: certificate.status === 'Issued', message: say('first-certificate.outcomes.orderStatus', { id: certificate.id, status: certificate.status }) };
      },
    },
    {
      id: 'save',
      kind: 'action',
      anchor: `${anchor}#step-save`,
      async plan(context) {
        const files = filesOf(context);
        return {
          params: { certificate: files.certificate, chain: files.chain, pkcs12: files.pkcs12, id: context.numberFact('sslId') ?? '?' },
          ...(wantsPkcs12(context) ? { secret: passphrasePlan } : {}),
        };
      },
      async blockers(context) {
        return wantsPkcs12(context) ? needsPassphrase(context) : [];
      },
      async preview(context) {
        return [{ as: context.who, method: 'GET', path: `/api/ssl/v1/collect/${context.numberFact('sslId') ?? '?'}?format=x509` }];
      },
      async run(context) {
        const id = sslIdOf(context);
        const files = filesOf(context);
        const csr = await textOf(files.csr);
        if (csr === undefined) throw new StepProblem(say('first-certificate.outcomes.filesMissing', { path: files.csr }), 'validation', `${anchor}#step-make-key`);
        const chain = await new SslApi(context.client).collectChain(id, { deadlineMs: 60_000, signal: context.signal });
        const built = await buildChain(chain);
        if ('problem' in built) throw new StepProblem(say('first-certificate.problems.chainBroken', { reason: built.problem }), 'validation', `${anchor}#step-save`);
        const [leaf, ...issuers] = built.built;
        if (leaf === undefined || certificateFingerprint(leaf) !== csrFingerprint(csr)) throw new StepProblem(say('first-certificate.problems.keyMismatch', { path: files.key }), 'validation', `${anchor}#step-save`);
        let pkcs12: Buffer | undefined;
        if (wantsPkcs12(context)) {
          const passphrase = passphraseOf(context);
          let privateKey;
          try {
            privateKey = openKey(await readFile(files.key, 'utf8'), passphrase);
          } catch {
            throw new StepProblem(say('first-certificate.problems.wrongPassphrase', { path: files.key }), 'validation', `${anchor}#passphrase`);
          }
          if (keyFingerprint(privateKey) !== certificateFingerprint(leaf)) throw new StepProblem(say('first-certificate.problems.keyMismatch', { path: files.key }), 'validation', `${anchor}#step-save`);
          pkcs12 = await makePkcs12(privateKey, built.built, passphrase);
        }
        await writeFile(files.certificate, leaf, { mode: 0o644 });
        await writeFile(files.chain, issuers.join(''), { mode: 0o644 });
        context.detail(say('first-certificate.outcomes.fileWritten', { path: files.certificate }));
        context.detail(say('first-certificate.outcomes.fileWritten', { path: files.chain }));
        if (pkcs12 !== undefined) {
          await writeFile(files.pkcs12, pkcs12, { mode: 0o600 });
          context.detail(say('first-certificate.outcomes.fileWritten', { path: files.pkcs12 }));
        }
        context.madeId(id);
        return say('first-certificate.outcomes.saved', { certificate: files.certificate, chain: files.chain, length: built.built.length });
      },
      check: savedFilesCheck,
    },
  ],
};
