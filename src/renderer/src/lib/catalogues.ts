import { appSv } from '../app/messages.sv';
import type { Catalogue, en } from './catalogue';
import { aboutSv } from '../features/about/messages.sv';
import { adminsSv } from '../features/admins/messages.sv';
import { adminRulesSv } from '../features/admins/ruleMessages.sv';
import { domainRulesSv, domainsSv } from '../features/domains/messages.sv';
import { notificationRulesSv, notificationsSv } from '../features/notifications/messages.sv';
import { organizationsSv, unitRulesSv } from '../features/organizations/messages.sv';
import { auditSv } from '../features/audit/messages.sv';
import { certificatesSv } from '../features/certificates/messages.sv';
import { certificateActionsSv } from '../features/certificates/actionMessages.sv';
import { checklistsPageSv } from '../features/checklists/messages.sv';
import { checklistTextSv } from '../../../shared/checklists/text.sv';
import { handbookSv } from '../features/handbook/messages.sv';
import { homeSv } from '../features/home/messages.sv';
import { sessionErrorsSv, sessionSv } from '../features/session/messages.sv';
import { settingsSv } from '../features/settings/messages.sv';
import { uiSv } from '../ui/messages.sv';
import { errorsSv } from './errorMessages.sv';
import { commonSv } from './messages.sv';
import { validationSv } from './validationMessages.sv';

// The English catalogue's shape, for i18next's types; its strings stay in the first script.
export type { en };

/**
 * Every visible string in Swedish: the same keys as the English, each part
 * from a `.sv.ts` file in its feature's folder, which nothing the English
 * start loads imports. Swedish follows the project's word list (certifikat,
 * återkalla, domänvalidering…) and keeps SCM's own names (RAO, Issued). The interface loads this module only when Swedish is
 * the language (see `i18n.ts`), so an English start does not wait for it.
 */
export const sv: Catalogue<typeof en> = {
  common: commonSv,
  app: appSv,
  errors: { ...errorsSv, session: sessionErrorsSv },
  validation: { ...validationSv, admin: adminRulesSv, unit: unitRulesSv, notification: notificationRulesSv, domain: domainRulesSv },
  about: aboutSv,
  settings: settingsSv,
  session: sessionSv,
  handbook: handbookSv,
  admins: adminsSv,
  organizations: organizationsSv,
  notifications: notificationsSv,
  domains: domainsSv,
  certificates: certificatesSv,
  home: homeSv,
  audit: auditSv,
  checklists: checklistTextSv,
  checklistsPage: checklistsPageSv,
  certificateActions: certificateActionsSv,
  ...uiSv,
};
