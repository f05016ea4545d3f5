import type { TFunction } from 'i18next';
import { fillIn } from '../../../../shared/catalogue';
import { reword, rewordParams, type ChecklistMessage, type Wording } from '../../../../shared/checklists';
import type { MessageParams } from '../../../../shared/result';
import { formatDateTime, formatNumber } from '../../lib/format';
import { currentLanguage, i18next } from '../../lib/i18n';

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

/** The checklists' catalogue in the interface's language, for the shared rewording. */
function wording(): Wording {
  const language = currentLanguage();
  return {
    template: (key) => {
      const found = i18next.getResource(language, 'translation', `checklists.${key}`) ?? i18next.getResource('en', 'translation', `checklists.${key}`);
      return typeof found === 'string' ? found : undefined;
    },
    fill: (template, params) => fillIn(template, localised(params)),
    list: (items) => new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(items),
  };
}

/**
 * Words from main in the interface's language: by their key in the
 * checklists' catalogue when it has one, else main's English; the values
 * main put in English (which certificates, where a password is kept) and a
 * message inside another are worded here too.
 */
export function messageText(message: ChecklistMessage): string {
  return reword(message, wording());
}

/** A step's values with what main worded in English worded in the interface's language. */
export function stepParams(params: MessageParams): MessageParams {
  return rewordParams(params, wording());
}

/** A text of a checklist (a title, a step's explanation), or undefined when it has none. */
export function textOf(t: TFunction, key: string, params: MessageParams = {}): string | undefined {
  const full = `checklists.${key}`;
  return i18next.exists(full) ? t(full as never, localised(params)) : undefined;
}
