import { useNavigate } from '@tanstack/react-router';
import { useEffect, useLayoutEffect, useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { HandbookPage } from '../../../../shared/handbook';
import type { AppError } from '../../../../shared/result';
import { openExternal } from '../../lib/externalLinks';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useHandbookStore } from './store';

interface HandbookArticleProps {
  page: HandbookPage;
  anchor: string | undefined;
  /**
   * Called for links to other handbook places; absent where the address bar
   * does the navigation. Present only in the side panel, which a link that
   * leaves the handbook (a checklist's start form) closes.
   */
  onFollow?: (ref: string) => void;
}

/** A code block's language as the build marked it on its `code`, or null for plain code. */
function languageOf(block: Element): string | null {
  return /(?:^|\s)language-(\S+)/.exec(block.querySelector('code')?.className ?? '')?.[1] ?? null;
}

/**
 * Words each code block's bar in the user's language, and makes a block the
 * keyboard can reach when its code is wider or taller than its box: only the
 * focus lets a keyboard scroll it. A block that fits stays out of the tab order.
 */
function fitCodeBlocks(root: HTMLElement, t: TFunction): void {
  for (const block of root.querySelectorAll('.code-block')) {
    const language = languageOf(block) ?? t('handbook.code.plain');
    const label = block.querySelector('.code-language');
    if (label !== null) label.textContent = language;
    const copy = block.querySelector<HTMLButtonElement>('button.copy-code');
    if (copy !== null) {
      copy.textContent = t('handbook.code.copy');
      copy.setAttribute('aria-label', t('handbook.code.copyBlock', { language }));
    }
    const pre = block.querySelector('pre');
    if (pre === null) continue;
    if (pre.scrollWidth > pre.clientWidth || pre.scrollHeight > pre.clientHeight) {
      pre.tabIndex = 0;
      pre.setAttribute('role', 'group');
      pre.setAttribute('aria-label', t('handbook.code.region', { language }));
    } else {
      pre.removeAttribute('tabindex');
      pre.removeAttribute('role');
      pre.removeAttribute('aria-label');
    }
  }
}

/**
 * One handbook page. The HTML was made at build time from the Markdown with raw
 * HTML switched off, so it holds only what the renderer wrote.
 */
export function HandbookArticle({ page, anchor, onFollow }: HandbookArticleProps) {
  const { t } = useTranslation();
  const container = useRef<HTMLElement>(null);
  const [status, setStatus] = useState('');
  const [linkError, setLinkError] = useState<AppError | null>(null);
  const navigate = useNavigate();
  const closePanel = useHandbookStore((state) => state.closePanel);

  // Before the first paint, so no check or reader meets a block that scrolls but cannot be reached.
  useLayoutEffect(() => {
    const root = container.current;
    if (root === null) return;
    fitCodeBlocks(root, t);
    // A narrower panel or window can make a block scroll that fitted before.
    const observer = new ResizeObserver(() => fitCodeBlocks(root, t));
    for (const pre of root.querySelectorAll('pre')) observer.observe(pre);
    return () => observer.disconnect();
  }, [page, t]);

  useEffect(() => {
    const root = container.current;
    if (root === null) return;
    setStatus('');
    setLinkError(null);
    const found = anchor === undefined ? null : root.querySelector<HTMLElement>(`[id="${CSS.escape(anchor)}"]`);
    // Grouped headings carry more anchors as empty marks inside them: land on the heading.
    const target = found?.classList.contains('anchor-alias') === true ? found.parentElement : found;
    if (target === null) {
      root.scrollIntoView({ block: 'start' });
      return;
    }
    target.tabIndex = -1;
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
    target.classList.add('anchor-target');
    const timer = window.setTimeout(() => target.classList.remove('anchor-target'), 2000);
    return () => window.clearTimeout(timer);
  }, [page, anchor]);

  const onClick = (event: MouseEvent<HTMLElement>): void => {
    const element = event.target as HTMLElement;
    const copy = element.closest<HTMLButtonElement>('button.copy-code');
    if (copy !== null) {
      const code = copy.closest('.code-block')?.querySelector('code')?.textContent ?? '';
      navigator.clipboard.writeText(code).then(
        () => {
          copy.textContent = t('handbook.code.copied');
          setStatus(t('handbook.code.copiedStatus'));
          window.setTimeout(() => (copy.textContent = t('handbook.code.copy')), 1500);
        },
        () => setStatus(t('handbook.code.copyFailed')),
      );
      return;
    }
    const link = element.closest<HTMLAnchorElement>('a');
    if (link === null) return;
    if (link.dataset.external === 'true') {
      event.preventDefault();
      setLinkError(null);
      void openExternal(link.href).then(setLinkError);
      return;
    }
    const checklist = link.dataset.checklist;
    if (checklist !== undefined) {
      // The start form takes the place of the work: the panel beside it closes, as with "Open as page".
      event.preventDefault();
      if (onFollow !== undefined) closePanel();
      void navigate({ to: '/checklists/start/$checklistId', params: { checklistId: checklist } });
      return;
    }
    const ref = link.dataset.handbook;
    if (ref !== undefined && onFollow !== undefined) {
      event.preventDefault();
      onFollow(ref);
    }
  };

  return (
    <>
      {/* Clicks reach the links and copy buttons inside, which are real links and buttons, so the keyboard works too. */}
      <article ref={container} className="handbook-article" lang={page.language} onClick={onClick} dangerouslySetInnerHTML={{ __html: page.html }} />
      <p className="status" role="status" aria-live="polite">
        {status}
      </p>
      {linkError === null ? null : <ErrorMessage error={linkError} />}
    </>
  );
}
