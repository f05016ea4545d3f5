import { useEffect, useRef, useState, type MouseEvent } from 'react';
import type { HandbookPage } from '../../../../shared/handbook';
import { openExternal } from '../../lib/externalLinks';

interface HandbookArticleProps {
  page: HandbookPage;
  anchor: string | undefined;
  /** Called for links to other handbook places; absent where the address bar does the navigation. */
  onFollow?: (ref: string) => void;
}

/**
 * One handbook page. The HTML was made at build time from the Markdown with raw
 * HTML switched off, so it holds only what the renderer wrote.
 */
export function HandbookArticle({ page, anchor, onFollow }: HandbookArticleProps) {
  const container = useRef<HTMLElement>(null);
  const [status, setStatus] = useState('');

  useEffect(() => {
    const root = container.current;
    if (root === null) return;
    setStatus('');
    const target = anchor === undefined ? null : root.querySelector<HTMLElement>(`[id="${CSS.escape(anchor)}"]`);
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
          copy.textContent = 'Copied';
          setStatus('Copied to the clipboard.');
          window.setTimeout(() => (copy.textContent = 'Copy'), 1500);
        },
        () => setStatus('The clipboard could not be written to; select the text and copy it instead.'),
      );
      return;
    }
    const link = element.closest<HTMLAnchorElement>('a');
    if (link === null) return;
    if (link.dataset.external === 'true') {
      event.preventDefault();
      void openExternal(link.href).then((error) => setStatus(error === null ? '' : error.message));
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
      <article ref={container} className="handbook-article" onClick={onClick} dangerouslySetInnerHTML={{ __html: page.html }} />
      <p className="status" role="status" aria-live="polite">
        {status}
      </p>
    </>
  );
}
