export * from './model';
export * from './fields';
export * from './inputs';
export * from './inputs.domainDcv';
export * from './inputs.firstCertificate';
export * from './inputs.idp';
export * from './inputs.newDepartment';
export { checklistTextEn, type ChecklistText } from './text';
export * from './wording';

/** The notifications every institution should have, in this order, where SCM offers the type. */
export const baselineNotificationTypes = ['SSLExpiration', 'ClientCertExpiration', 'DCVExpiration', 'SSLAwaitingApproval', 'DomainAwaitingApproval', 'AdminCreation'] as const;
