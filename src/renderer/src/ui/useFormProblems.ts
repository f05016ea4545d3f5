import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withMessageKey } from '../../../shared/fieldErrors';
import type { FieldError } from '../../../shared/result';
import { problemText } from '../features/settings/problemText';
import type { SummaryItem } from './ErrorSummary';

/**
 * A form's problems, each shown on its field (a problem on `credentials.RAO_SSL`
 * lands on `credentials`) and all of them in the summary, in the order of
 * `labels`; `show` puts new ones up and moves the focus to the summary.
 */
export function useFormProblems(labels: Readonly<Record<string, string>>, idOf: (name: string) => string) {
  const { t } = useTranslation();
  const [problems, setProblems] = useState<FieldError[]>([]);
  const summary = useRef<HTMLDivElement>(null);
  const errorOf = (field: string): string | undefined => {
    const own = problems.filter((problem) => problem.field.split('.')[0] === field);
    return own.length === 0 ? undefined : own.map((problem) => problemText(withMessageKey(problem), t)).join(' ');
  };
  const items: SummaryItem[] = Object.keys(labels).flatMap((field) => {
    const message = errorOf(field);
    return message === undefined ? [] : [{ id: idOf(field), label: labels[field]!, message }];
  });
  const show = (found: FieldError[]): void => {
    setProblems(found);
    if (found.length > 0) window.setTimeout(() => summary.current?.focus(), 0);
  };
  return { errorOf, items, summary, show };
}
