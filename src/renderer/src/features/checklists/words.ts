import type { TFunction } from 'i18next';
import { checklistTextEn, type ChecklistMessage, type ChecklistRun } from '../../../../shared/checklists';
import type { MessageParams } from '../../../../shared/result';
import { formatDateTime, formatNumber } from '../../lib/format';
import { i18next } from '../../lib/i18n';

/** Values as the interface's language writes them: numbers through `Intl`, moments as dates, text as it is. */
export function localised(params: MessageParams = {}): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => {
      if (typeof value === 'number') return [name, formatNumber(value)];
      if (/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(value)) return [name, formatDateTime(value)];
      return [name, value];
    }),
  );
}

/** Words main puts into its sentences as values, by their English: “on”, “the keychain”, a generation. */
const wordedValues = new Map<string, string>([
  [checklistTextEn['api-admin'].outcomes.keptInKeychain, 'api-admin.outcomes.keptInKeychain'],
  [checklistTextEn['api-admin'].outcomes.keptInSession, 'api-admin.outcomes.keptInSession'],
  [checklistTextEn['api-admin'].outcomes.generationCurrent, 'api-admin.outcomes.generationCurrent'],
  [checklistTextEn['api-admin'].outcomes.generationLegacy, 'api-admin.outcomes.generationLegacy'],
  [checklistTextEn['rest-api'].outcomes.on, 'rest-api.outcomes.on'],
  [checklistTextEn['rest-api'].outcomes.off, 'rest-api.outcomes.off'],
  [checklistTextEn['rest-api'].steps['enable-api'].draoToo, 'rest-api.steps.enable-api.draoToo'],
]);

/**
 * Words from main in the interface's language: by their key in the
 * checklists' catalogue when it has one, else main's English. The run, when
 * given, words the values main put in English (which certificates, where a
 * password is kept).
 */
export function messageText(message: ChecklistMessage, t: TFunction, run?: ChecklistRun): string {
  const key = `checklists.${message.key}`;
  if (!i18next.exists(key)) return message.text;
  const params = run === undefined ? message.params : stepParams(run, message.params, t);
  const worded = Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === 'string' && wordedValues.has(value) ? t(`checklists.${wordedValues.get(value)!}` as never) : value]));
  return t(key as never, localised(worded));
}

/** A text of a checklist (a title, a step's explanation), or undefined when it has none. */
export function textOf(t: TFunction, key: string, params: MessageParams = {}): string | undefined {
  const full = `checklists.${key}`;
  return i18next.exists(full) ? t(full as never, localised(params)) : undefined;
}

/** Items in a sentence: "SSL certificates and client certificates". */
export function listed(items: readonly string[]): string {
  return new Intl.ListFormat(i18next.language === 'sv' ? 'sv' : 'en', { style: 'long', type: 'conjunction' }).format(items);
}

/**
 * A step's values with what main words in English worded here instead: where
 * a password is kept, which certificates a switch is for.
 */
export function stepParams(run: ChecklistRun, params: MessageParams, t: TFunction): MessageParams {
  const worded: Record<string, string | number> = { ...params };
  if (params.keychain === 'yes' || params.keychain === 'no') {
    worded.keptIn = t(params.keychain === 'yes' ? 'checklists.api-admin.outcomes.keptInKeychain' : 'checklists.api-admin.outcomes.keptInSession');
  }
  const flags = Array.isArray(run.inputs.flags) ? run.inputs.flags.filter((flag): flag is 'ssl' | 'client' => flag === 'ssl' || flag === 'client') : [];
  if (flags.length > 0 && typeof params.kinds === 'string') worded.kinds = listed(flags.map((flag) => t(`checklists.rest-api.flags.${flag}`)));
  if (typeof params.drao === 'string') worded.drao = params.drao === '' ? '' : t('checklists.rest-api.steps.enable-api.draoToo');
  for (const [name, value] of Object.entries(worded)) if (typeof value === 'string' && wordedValues.has(value)) worded[name] = t(`checklists.${wordedValues.get(value)!}` as never);
  return worded;
}
