import type { TFunction } from 'i18next';
import type { Wording } from '../../../../shared/fieldErrors';
import type { MessageParams } from '../../../../shared/result';
import { formatNumber } from '../../lib/format';
import { currentLanguage, i18next } from '../../lib/i18n';

/** Values as the user's language writes them: numbers through `Intl`, text as it is. */
function localised(params: MessageParams = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === 'number' ? formatNumber(value) : value]));
}

/**
 * A field's problem in the interface's language, by its key in the
 * validation catalogue. A problem the catalogue has no words for keeps its
 * English, and says so in another language.
 */
export function problemText(problem: Wording, t: TFunction): string {
  const key = `validation.${problem.key ?? ''}`;
  if (problem.key !== undefined && i18next.exists(key)) return t(key as never, localised(problem.params));
  return currentLanguage() === 'en' ? problem.message : t('validation.inEnglish', { message: problem.message });
}
