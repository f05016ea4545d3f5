import { appEn, appSv } from '../app/messages';
import type { Catalogue } from './catalogue';
import { aboutEn, aboutSv } from '../features/about/messages';
import { adminsEn, adminsSv } from '../features/admins/messages';
import { adminRulesEn, adminRulesSv } from '../features/admins/ruleMessages';
import { domainRulesEn, domainRulesSv, domainsEn, domainsSv } from '../features/domains/messages';
import { notificationRulesEn, notificationRulesSv, notificationsEn, notificationsSv } from '../features/notifications/messages';
import { organizationsEn, organizationsSv, unitRulesEn, unitRulesSv } from '../features/organizations/messages';
import { auditEn, auditSv } from '../features/audit/messages';
import { certificatesEn, certificatesSv } from '../features/certificates/messages';
import { certificateActionsEn, certificateActionsSv } from '../features/certificates/actionMessages';
import { checklistsPageEn, checklistsPageSv } from '../features/checklists/messages';
import { checklistTextEn } from '../../../shared/checklists/text';
import { checklistTextSv } from '../../../shared/checklists/text.sv';
import { handbookEn, handbookSv } from '../features/handbook/messages';
import { homeEn, homeSv } from '../features/home/messages';
import { sessionEn, sessionErrorsEn, sessionErrorsSv, sessionSv } from '../features/session/messages';
import { settingsEn, settingsSv } from '../features/settings/messages';
import { uiEn, uiSv } from '../ui/messages';
import { errorsEn, errorsSv } from './errorMessages';
import { commonEn, commonSv } from './messages';
import { validationEn, validationSv } from './validationMessages';

/**
 * Every visible string, in English and Swedish: one part per feature, each in
 * its feature's folder. Swedish follows the project's word list (certifikat,
 * återkalla, domänvalidering…) and keeps SCM's own names (RAO, Issued).
 */
export const en = {
  common: commonEn,
  app: appEn,
  errors: { ...errorsEn, session: sessionErrorsEn },
  validation: { ...validationEn, admin: adminRulesEn, unit: unitRulesEn, notification: notificationRulesEn, domain: domainRulesEn },
  about: aboutEn,
  settings: settingsEn,
  session: sessionEn,
  handbook: handbookEn,
  admins: adminsEn,
  organizations: organizationsEn,
  notifications: notificationsEn,
  domains: domainsEn,
  certificates: certificatesEn,
  home: homeEn,
  audit: auditEn,
  checklists: checklistTextEn,
  checklistsPage: checklistsPageEn,
  certificateActions: certificateActionsEn,
  ...uiEn,
};

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
