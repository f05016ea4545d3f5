import { describe, expect, it } from 'vitest';
import { compareWithBaseline, notificationChangeRefusal, notificationDraftProblems, type NotificationDraft, type NotificationRow } from '../../src/shared/notifications';

const draft: NotificationDraft = {
  description: 'DCV expiring',
  type: 'DCVExpiration',
  active: true,
  selectedOrgType: 'SELECTED',
  orgIds: [1001],
  notifyRoles: ['SSL_RAO'],
  recipients: [],
  days: 30,
};

const keys = (value: NotificationDraft) => notificationDraftProblems(value).map((problem) => problem.key);

describe('what SCM needs of a notification', () => {
  it('needs someone to tell, working addresses, days for an expiry and organizations when chosen', () => {
    expect(keys(draft)).toEqual([]);
    expect(keys({ ...draft, notifyRoles: [] })).toEqual(['notification.recipient']);
    expect(keys({ ...draft, recipients: [{ type: 'EMAIL', value: 'not-an-address' }] })).toEqual(['notification.email']);
    expect(keys({ ...draft, recipients: [{ type: 'WEBHOOK', value: 'http://example.org/hook' }] })).toEqual(['notification.url']);
    expect(keys({ ...draft, days: null })).toEqual(['notification.days']);
    expect(keys({ ...draft, type: 'SSLRevoked', days: null })).toEqual([]);
    expect(keys({ ...draft, orgIds: [] })).toEqual(['notification.orgIds']);
    expect(keys({ ...draft, selectedOrgType: 'ANY', orgIds: [] })).toEqual([]);
  });
});

function row(id: number, type: string, changes: Partial<NotificationRow> = {}): NotificationRow {
  return { id, description: `${type} ${id}`, type, active: true, selectedOrgType: 'SELECTED', orgIds: [1001], notifyRoles: ['SSL_RAO'], recipients: [], days: null, ...changes };
}

describe('the baseline', () => {
  it('says for each type whether an active rule covers the organization, by code or by display name', () => {
    const rules = [row(1, 'SSLExpiration'), row(2, 'DCV Expiration', { active: false }), row(3, 'AdminCreation', { orgIds: [1005] }), row(4, 'SSLAwaitingApproval', { selectedOrgType: 'ANY', orgIds: [] })];
    const offered = ['SSLExpiration', 'DCVExpiration', 'AdminCreation', 'SSLAwaitingApproval', 'DomainAwaitingApproval'];
    const states = Object.fromEntries(compareWithBaseline(rules, offered, 1001).map((entry) => [entry.type, entry.state]));
    expect(states).toEqual({ SSLExpiration: 'active', ClientCertExpiration: 'notOffered', DCVExpiration: 'inactive', SSLAwaitingApproval: 'active', DomainAwaitingApproval: 'missing', AdminCreation: 'missing' });
  });
});

describe('who may change a rule', () => {
  const rao = { roles: [{ role: 'RAO_SSL', orgId: 1001 }], units: [{ id: 1001 }, { id: 1002 }] };
  it('leaves rules for every organization to the MRAO, and refuses rules beyond the scope', () => {
    expect(notificationChangeRefusal(row(1, 'SSLExpiration', { orgIds: [1001, 1002] }), rao)).toBeNull();
    expect(notificationChangeRefusal(row(1, 'SSLExpiration', { selectedOrgType: 'ANY', orgIds: [] }), rao)?.key).toBe('notification.refuse.anyOrganization');
    expect(notificationChangeRefusal(row(1, 'SSLExpiration', { orgIds: [1001, 1005] }), rao)?.key).toBe('notification.refuse.outsideScope');
    expect(notificationChangeRefusal(row(1, 'SSLExpiration', { selectedOrgType: 'ANY', orgIds: [] }), { roles: [{ role: 'MRAO', orgId: null }], units: [] })).toBeNull();
  });
});
