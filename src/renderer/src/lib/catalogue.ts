import { appEn } from '../app/messages';
import { aboutEn } from '../features/about/messages';
import { adminsEn } from '../features/admins/messages';
import { adminRulesEn } from '../features/admins/ruleMessages';
import { domainRulesEn, domainsEn } from '../features/domains/messages';
import { notificationRulesEn, notificationsEn } from '../features/notifications/messages';
import { organizationsEn, unitRulesEn } from '../features/organizations/messages';
import { auditEn } from '../features/audit/messages';
import { certificatesEn } from '../features/certificates/messages';
import { certificateActionsEn } from '../features/certificates/actionMessages';
import { checklistsPageEn } from '../features/checklists/messages';
import { checklistTextEn } from '../../../shared/checklists/text';
import { handbookEn } from '../features/handbook/messages';
import { homeEn } from '../features/home/messages';
import { sessionEn, sessionErrorsEn } from '../features/session/messages';
import { settingsEn } from '../features/settings/messages';
import { uiEn } from '../ui/messages';
import { errorsEn } from './errorMessages';
import { commonEn } from './messages';
import { validationEn } from './validationMessages';

export type { Catalogue } from '../../../shared/catalogue';

/**
 * Every visible string in English, the language the console is written in:
 * one part per feature, each in its feature's folder. It comes with the
 * console's first script, as every other language falls back to it; the
 * Swedish catalogue (`catalogues.ts`) is loaded only for someone who reads
 * Swedish.
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
