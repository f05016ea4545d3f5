import type { ChecklistId } from '../../../shared/checklists';
import { apiAdminChecklist } from './apiAdmin';
import type { AnyChecklist } from './definition';
import { domainDcvChecklist } from './domainDcv';
import { firstCertificateChecklist } from './firstCertificate';
import { idpChecklist } from './idp';
import { newDepartmentChecklist } from './newDepartment';
import { notificationsChecklist } from './notifications';
import { restApiChecklist } from './restApi';

/** Every checklist the console runs, by its id: one line each. */
export const checklistDefinitions: Record<ChecklistId, AnyChecklist> = {
  'domain-dcv': domainDcvChecklist as AnyChecklist,
  'api-admin': apiAdminChecklist as AnyChecklist,
  'rest-api': restApiChecklist as AnyChecklist,
  notifications: notificationsChecklist as AnyChecklist,
  idp: idpChecklist as AnyChecklist,
  'new-department': newDepartmentChecklist as AnyChecklist,
  'first-certificate': firstCertificateChecklist as AnyChecklist,
};

/** The source files of the checklists' definitions, in this folder, for the handbook's link check. */
export const checklistSourceFiles = ['apiAdmin.ts', 'restApi.ts', 'notifications.ts', 'idp.ts', 'newDepartment.ts', 'domainDcv.ts', 'firstCertificate.ts'];
