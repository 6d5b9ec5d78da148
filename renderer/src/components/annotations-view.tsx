// The annotations view: every highlight in the archive, newest entries first, filtered by code
// (with its sub-codes), collection, tag, outlet, author, dates and words; a page at a time as the
// list scrolls. Opening one shows its entry in the reader, scrolled to the passage.
import { useEffect, useRef, useState } from 'react';
import type { Code, HighlightListItem } from '../../../shared/contract.ts';
import type { Connection } from '../archive-client.ts';
import { useAsyncValue } from '../hooks/use-async-value.ts';
import { useHighlightPages } from '../hooks/use-highlight-pages.ts';
import { formatCount } from '../lib/format.ts';
import { AnnotationFilters, type HighlightFilters } from './annotation-filters.tsx';
import { AnnotationItem } from './annotation-item.tsx';
import { EmptyState } from './empty-state.tsx';

interface Props {
  connection: Connection;
  annotationVersion: number;
  codes: Code[];
  /** The highlight open in the reader, marked in the list. */
  currentId: number | null;
  onOpen(item: HighlightListItem): void;
  onClose(): void;
  /** Kept by the app, so they survive a trip to the entries and the codebook can set the code. */
  filters: HighlightFilters;
  onFilters(filters: HighlightFilters): void;
}

export const NO_HIGHLIGHT_FILTERS: HighlightFilters = { sort: 'date-desc' };

function isEditable(el: EventTarget | null): boolean {
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'range'].includes(el.type);
  return el instanceof HTMLElement && el.isContentEditable;
}

export function AnnotationsView({ connection, annotationVersion, codes, currentId, onOpen, onClose, filters, onFilters }: Props) {
  // Clearing the filters also empties the text fields, which keep their own typing state.
  const [generation, setGeneration] = useState(0);
  const pages = useHighlightPages(connection, filters, annotationVersion);
  const collections = useAsyncValue(`collections#${annotationVersion}`, () => connection.api.listCollections());
  const tags = useAsyncValue(`tags#${annotationVersion}`, () => connection.api.listTags());
  const list = useRef<HTMLUListElement>(null);
  const sentinel = useRef<HTMLLIElement>(null);
  const textInput = useRef<HTMLInputElement>(null);
  const filtered = Object.entries(filters).some(([k, v]) => k !== 'sort' && v !== undefined);

  // The next page loads as the end of the list comes into view.
  const loadMore = pages.loadMore;
  useEffect(() => {
    const el = sentinel.current;
    if (!el) return;
    const observer = new IntersectionObserver((seen) => seen.some((s) => s.isIntersecting) && loadMore(), { root: list.current, rootMargin: '400px 0px' });
    observer.observe(el);
    return () => observer.disconnect();
  }, [loadMore, pages.items.length]);

  // j/k and arrows walk the highlights, `/` goes to the words filter; ahead of the search list's keys.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || isEditable(e.target)) return;
      if (document.querySelector('[role="dialog"]')) return;
      const target = e.target instanceof Element ? e.target : null;
      if (target?.closest('.reader')) return;
      if (e.key === '/') {
        e.preventDefault();
        textInput.current?.focus();
        return;
      }
      const delta = e.key === 'j' || e.key === 'ArrowDown' ? 1 : e.key === 'k' || e.key === 'ArrowUp' ? -1 : 0;
      if (delta === 0) {
        // Enter on a highlight clicks it; elsewhere it must not open a hidden search result.
        if (e.key === 'Enter' && !target?.closest('button')) e.preventDefault();
        return;
      }
      const items = Array.from(list.current?.querySelectorAll<HTMLButtonElement>('.annotation-item') ?? []);
      if (items.length === 0) return;
      e.preventDefault();
      const at = items.indexOf(document.activeElement as HTMLButtonElement);
      const next = items[at < 0 ? (delta > 0 ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, at + delta))];
      next?.focus();
      next?.scrollIntoView({ block: 'nearest' });
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  const clear = () => {
    onFilters(NO_HIGHLIGHT_FILTERS);
    setGeneration((g) => g + 1);
  };

  let body;
  if (pages.error) {
    body = (
      <div className="list-message" role="alert">
        {pages.error}
      </div>
    );
  } else if (pages.total === 0 && !filtered) {
    body = (
      <EmptyState title="No highlights yet">
        <p>Open an entry, select a passage with the mouse (or Shift and the arrow keys), and press 1–9 to mark it with one of the first nine codes of the codebook.</p>
        <p className="hint">Every highlight, with its codes and note, is listed here across the whole archive.</p>
      </EmptyState>
    );
  } else if (pages.total === 0) {
    body = (
      <EmptyState title="No highlights match these filters">
        <button type="button" className="secondary-button small" onClick={clear}>
          Clear filters
        </button>
      </EmptyState>
    );
  } else {
    body = (
      <ul className="annotation-list" ref={list} aria-label="Highlights" aria-busy={pages.loading}>
        {pages.items.map((h) => (
          <AnnotationItem key={h.id} item={h} current={h.id === currentId} onOpen={onOpen} />
        ))}
        <li ref={sentinel} className="annotation-sentinel" aria-hidden="true">
          {pages.total !== null && pages.items.length < pages.total ? 'Loading more…' : ''}
        </li>
      </ul>
    );
  }

  return (
    <section className="annotations-view" aria-label="Annotations">
      <header className="annotations-header">
        <div className="annotations-title">
          <h2>Annotations</h2>
          <span className="result-count" data-testid="highlight-count" aria-live="polite">
            {pages.total === null ? '' : `${formatCount(pages.total)} ${pages.total === 1 ? 'highlight' : 'highlights'}`}
          </span>
          {pages.loading && <span className="spinner" aria-hidden="true" />}
          <span className="spacer" />
          {filtered && (
            <button type="button" className="text-button small" onClick={clear}>
              Clear filters
            </button>
          )}
          <button type="button" className="text-button small" onClick={onClose} aria-keyshortcuts="a">
            Back to entries
          </button>
        </div>
        <AnnotationFilters key={generation} value={filters} onChange={onFilters} codes={codes} collections={collections.value ?? []} tags={tags.value ?? []} textInput={textInput} />
      </header>
      {body}
    </section>
  );
}
