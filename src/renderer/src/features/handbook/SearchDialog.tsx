import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { searchHandbook, useHandbookStore, type HandbookHit } from './store';
import { maxQueryLength } from '../../../../shared/handbook';
import { highlightPassage } from './highlight';

interface SearchDialogProps {
  /** Opens a result: as the handbook page, or in the panel beside the work. */
  onOpen: (hit: HandbookHit) => void;
}

/** Search over the whole handbook, driven from the keyboard: type, arrows, Enter, Escape. */
export function SearchDialog({ onOpen }: SearchDialogProps) {
  const { t } = useTranslation();
  const close = useHandbookStore((state) => state.closeSearch);
  const bundle = useHandbookStore((state) => state.bundle);
  const ready = bundle !== null;
  const loadFailed = useHandbookStore((state) => state.loadFailed);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  /** Where the pointer was last seen over the results: only a pointer that moves from there changes the choice. */
  const pointerAt = useRef<{ x: number; y: number } | null>(null);
  const listId = useId();
  // A new bundle is the handbook in another language, with its own index.
  const hits = useMemo(() => (bundle !== null ? searchHandbook(query) : []), [query, bundle]);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    input.current?.focus();
    return () => previous?.focus();
  }, []);

  useEffect(() => setActive(0), [query]);

  const choose = (hit: HandbookHit | undefined): void => {
    if (hit === undefined) return;
    close();
    onOpen(hit);
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((current) => Math.min(current + 1, hits.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((current) => Math.max(current - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(hits[active]);
    }
  };

  return (
    <div className="dialog-backdrop" role="presentation" onMouseDown={(event) => event.target === event.currentTarget && close()}>
      <div className="search-dialog" role="dialog" aria-modal="true" aria-label={t('handbook.search.label')} onKeyDown={onKeyDown}>
        <input
          ref={input}
          type="search"
          className="search-input"
          placeholder={t('handbook.search.placeholder')}
          aria-label={t('handbook.search.label')}
          role="combobox"
          aria-expanded={hits.length > 0}
          aria-controls={listId}
          aria-activedescendant={hits.length > 0 ? `${listId}-${active}` : undefined}
          value={query}
          maxLength={maxQueryLength}
          onChange={(event) => setQuery(event.target.value)}
        />
        {loadFailed ? <p className="search-empty">{t('handbook.search.loadFailed')}</p> : null}
        {query.trim() !== '' && ready && hits.length === 0 ? <p className="search-empty">{t('handbook.search.nothing', { query })}</p> : null}
        <ul id={listId} role="listbox" aria-label={t('handbook.search.results')} className="search-results">
          {hits.map((hit, position) => (
            <li
              key={`${hit.page}#${hit.anchor}`}
              id={`${listId}-${position}`}
              role="option"
              aria-selected={position === active}
              className="search-result"
              onPointerMove={(event) => {
                // A still pointer under results that appear must not move the choice.
                const at = pointerAt.current;
                pointerAt.current = { x: event.clientX, y: event.clientY };
                if (at !== null && (at.x !== event.clientX || at.y !== event.clientY)) setActive(position);
              }}
              onClick={() => choose(hit)}
            >
              <span className="search-result-title">
                {hit.pageTitle}
                {hit.heading !== hit.pageTitle ? <> › {hit.heading}</> : null}
              </span>
              <span className="search-result-passage">{highlightPassage(hit.text, hit.terms)}</span>
            </li>
          ))}
        </ul>
        <p className="search-help">{t('handbook.search.help')}</p>
      </div>
    </div>
  );
}
