export * from './model';
export * from './inputs';
export { checklistTextEn, type ChecklistText } from './text';
export * from './wording';

/** The notifications every institution should have, in this order, where SCM offers the type. */
export const baselineNotificationTypes = ['SSLExpiration', 'ClientCertExpiration', 'DCVExpiration', 'SSLAwaitingApproval', 'DomainAwaitingApproval', 'AdminCreation'] as const;
