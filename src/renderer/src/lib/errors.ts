import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../shared/result';
import { i18next } from './i18n';

export interface ErrorText {
  message: string;
  hint: string | undefined;
  /** Main's own wording, shown beside a translated kind when the catalogue has no entry for the error itself. */
  detail: string | undefined;
}

/**
 * An error in the user's language: its own entry when it has a key the
 * catalogue knows; otherwise, in English, main's wording; in another
 * language, the sentence for its kind with main's wording as the detail.
 */
export function errorText(error: AppError, language = i18next.language): ErrorText {
  const t = i18next.getFixedT(language);
  const keyed = error.key !== undefined && i18next.exists(`errors.${error.key}.message`, { lng: language });
  if (keyed) {
    const params = error.params ?? {};
    const hintKey = `errors.${error.key}.hint`;
    return {
      message: t(`errors.${error.key}.message` as never, params),
      hint: i18next.exists(hintKey, { lng: language }) ? t(hintKey as never, params) : error.hint,
      detail: undefined,
    };
  }
  if (language === 'en') return { message: error.message, hint: error.hint, detail: undefined };
  return { message: t(`errors.kind.${error.kind}.message`), hint: t(`errors.kind.${error.kind}.hint`), detail: error.message };
}

export function useErrorText(error: AppError): ErrorText {
  const { i18n } = useTranslation();
  return errorText(error, i18n.language);
}
