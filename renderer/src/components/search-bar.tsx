// The query box and its options: sort, spelling variants, search within, save.
import { forwardRef } from 'react';
import type { SortOrder } from '../../../shared/contract.ts';

interface Props {
  value: string;
  onChange(value: string): void;
  onClear(): void;
  onSubmit(): void;
  /** Why the query cannot be read yet (shown under the box; the last good results stay). */
  hint?: string | null;
}

export const SearchBar = forwardRef<HTMLInputElement, Props>(function SearchBar({ value, onChange, onClear, onSubmit, hint = null }, ref) {
  return (
    <>
      <form
        className="search-bar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <svg className="search-icon" viewBox="0 0 16 16" aria-hidden="true">
          <circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
          <path d="M10.5 10.5 14 14" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        </svg>
        <input
          ref={ref}
          type="search"
          aria-label="Search entries"
          placeholder='Search words, "phrases", outlet:…, date:2021-08'
          value={value}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={hint ? true : undefined}
          aria-describedby={hint ? 'query-hint' : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
        {value && (
          <button type="button" className="icon-button" aria-label="Clear search" onClick={onClear}>
            ×
          </button>
        )}
        <kbd className="search-hint" aria-hidden="true">
          /
        </kbd>
      </form>
      {hint && (
        <p className="query-hint" id="query-hint" role="status">
          {hint}
        </p>
      )}
    </>
  );
});

interface OptionsProps {
  total: number | null;
  totalExact: boolean;
  counting: boolean;
  loading: boolean;
  sort: SortOrder;
  onSort(sort: SortOrder): void;
  transliteration: boolean;
  onTransliteration(on: boolean): void;
  canNarrow: boolean;
  onNarrow(): void;
  canSave: boolean;
  /** Why saving waits (the query is unfinished). */
  saveBlocked?: string | null;
  onSave(): void;
}

export function SearchOptions(p: OptionsProps) {
  const count = p.total === null ? '' : `${p.totalExact ? '' : 'over '}${p.total.toLocaleString('en-US')} ${p.total === 1 ? 'entry' : 'entries'}${p.counting ? ', counting…' : ''}`;
  return (
    <div className="search-options">
      <span className="result-count" role="status" aria-live="polite" data-testid="result-count">
        {count}
        {p.loading && (
          <>
            <span className="spinner" aria-hidden="true" />
            <span className="visually-hidden">Searching…</span>
          </>
        )}
      </span>
      <span className="spacer" />
      <label className="toggle" title="Match romanised spellings of names (u/o, e/a/i, kh/q/gh…)">
        <input type="checkbox" checked={p.transliteration} onChange={(e) => p.onTransliteration(e.target.checked)} />
        Spelling variants
      </label>
      <label className="sort">
        <span className="visually-hidden">Sort by</span>
        <select aria-label="Sort by" value={p.sort} onChange={(e) => p.onSort(e.target.value as SortOrder)}>
          <option value="relevance">Relevance</option>
          <option value="date-desc">Newest first</option>
          <option value="date-asc">Oldest first</option>
        </select>
      </label>
      <button type="button" className="text-button" disabled={!p.canNarrow} onClick={p.onNarrow} title="Keep these results and search inside them">
        Search within
      </button>
      <button
        type="button"
        className="text-button"
        disabled={!p.canSave || Boolean(p.saveBlocked)}
        title={p.saveBlocked ?? (p.canSave ? 'Keep this search in the sidebar' : 'Type a search to save it')}
        onClick={p.onSave}
      >
        Save search
      </button>
    </div>
  );
}
