import { dayMs } from './dates';
import { SeededRandom } from './random';
import type { NotificationRule, Organization } from './state/model';

/**
 * A tenant's worth of notification rules beyond the two every seed has
 * (`--notifications N`), for trying the console on an institution that made
 * many: every type an RAO of the SSL and client families is offered, rules
 * for any organization, for the departments of one, and for a few chosen
 * ones, some switched off, mailed to roles, to addresses, or posted to a chat
 * or a webhook. The same seed gives the same rules. Their ids follow the two
 * seeded ones (8001 and 8002).
 */

/** The most `--notifications` may ask for. */
export const maxNotificationRules = 100_000;

const firstId = 8003;

const types: readonly { code: string; words: string; days?: boolean; revoked?: boolean }[] = [
  { code: 'SSLExpiration', words: 'SSL expiring', days: true },
  { code: 'ClientCertExpiration', words: 'Client certificates expiring', days: true },
  { code: 'DCVExpiration', words: 'Domain validation expiring', days: true },
  { code: 'SSLRevoked', words: 'SSL revoked', revoked: true },
  { code: 'ClientCertRevoked', words: 'Client certificates revoked', revoked: true },
  { code: 'SSLAwaitingApproval', words: 'SSL awaiting approval' },
  { code: 'SSLApproved', words: 'SSL approved' },
  { code: 'SSLDeclined', words: 'SSL declined' },
  { code: 'SSLIssuanceFailed', words: 'SSL issuance failed' },
  { code: 'SSLEnrolled', words: 'SSL enrolled' },
  { code: 'DCVNeeded', words: 'Domain validation needed' },
  { code: 'DCVValidated', words: 'Domain validated' },
  { code: 'AdminCreation', words: 'New admins' },
  { code: 'AdminChangePasswordByApi', words: 'Admin password changed through the API' },
  { code: 'DomainAwaitingApproval', words: 'Domains awaiting approval' },
  { code: 'DomainApproved', words: 'Domains approved' },
  { code: 'EmailValidation', words: 'Email validation' },
  { code: 'EmailInvitation', words: 'Email invitations' },
];

const roleSets: readonly string[][] = [['REQUESTER'], ['ORGANIZATION_CONTACT'], ['REQUESTER', 'ORGANIZATION_CONTACT'], ['SSL_RAO', 'SSL_DRAO'], ['SMIME_RAO'], []];
const teams = ['pki', 'network', 'servicedesk', 'security', 'web', 'research-it', 'library-it', 'hr-systems'];

export interface ManyNotificationsSettings {
  seed: number;
  /** Rules to make, beyond the two seeded ones. */
  count: number;
  now: number;
  /** The seed's organizations and departments: what the rules cover. */
  organizations: readonly Organization[];
  /** The institution's mail domain, for the addresses rules are mailed to. */
  mailDomain: string;
}

export function seedManyNotifications({ seed, count, now, organizations, mailDomain }: ManyNotificationsSettings): NotificationRule[] {
  if (count <= 0) return [];
  // A stream of its own, so the rest of the seed is the same however many rules there are.
  const random = new SeededRandom((seed ^ 0x7a0b5) >>> 0);
  const topLevel = organizations.filter((org) => org.parentId === null);
  const creators = ['rao', 'mrao', 'drao-physics', 'rao-institute'];
  const rules: NotificationRule[] = [];
  for (let index = 0; index < count; index++) {
    const type = types[index % types.length]!;
    const orgData = ((): NotificationRule['orgData'] => {
      switch (random.int(0, 3)) {
        case 0:
          return { selectedOrgType: 'ANY', orgDelegations: [] };
        case 1:
          return { selectedOrgType: 'ANYDEPT', orgDelegations: [random.pick(topLevel).id] };
        default: {
          const chosen = new Set<number>();
          const wanted = random.int(1, Math.min(3, organizations.length));
          while (chosen.size < wanted) chosen.add(random.pick(organizations).id);
          return { selectedOrgType: 'SELECTED', orgDelegations: [...chosen].sort((a, b) => a - b) };
        }
      }
    })();
    const team = random.pick(teams);
    const recipients: NotificationRule['recipientData']['recipients'] = [{ type: 'EMAIL', value: `${team}@${mailDomain}` }];
    const channel = random.int(0, 9);
    if (channel === 0) recipients.push({ type: 'SLACK', value: `https://hooks.slack.example/services/${random.token(24)}` });
    if (channel === 1) recipients.push({ type: 'TEAMS', value: `https://teams.example/webhook/${random.token(24)}` });
    if (channel === 2) recipients.push({ type: 'WEBHOOK', value: `https://${team}.${mailDomain}/hooks/scm` });
    const additionalData: NotificationRule['additionalData'] = {};
    if (type.days === true) {
      additionalData.days = random.pick([7, 14, 30, 60, 90]);
      additionalData.freq = random.pick(['ONCE', 'DAILY'] as const);
    }
    if (type.revoked === true) {
      additionalData.revokedByAdmin = random.next() < 0.7;
      additionalData.revokedByUser = random.next() < 0.5;
    }
    const created = now - random.int(1, 900) * dayMs;
    const creator = random.pick(creators);
    const names = orgData.orgDelegations.map((id) => organizations.find((org) => org.id === id)?.name ?? String(id));
    const scope = orgData.selectedOrgType === 'ANY' ? 'every organization' : orgData.selectedOrgType === 'ANYDEPT' ? `${names[0]} and its departments` : names.join(', ');
    rules.push({
      id: firstId + index,
      description: `${type.words}${additionalData.days === undefined ? '' : ` in ${additionalData.days} days`} to ${team}: ${scope} (rule ${index + 3})`,
      // About one rule in eight switched off.
      active: random.next() >= 0.125,
      type: type.code,
      orgData,
      recipientData: { notifyRoles: [...random.pick(roleSets)], recipients },
      additionalData,
      created,
      createdBy: creator,
      modified: Math.min(now, created + random.int(0, 200) * dayMs),
      modifiedBy: creator,
    });
  }
  return rules;
}
