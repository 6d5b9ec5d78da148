// Everything that defines the current search, and the request built from it.
import { useCallback, useMemo, useState } from 'react';
import type { FacetFilter, SearchRequest, SortOrder } from '../../../shared/contract.ts';
import { composeQuery } from '../lib/compose-query.ts';

/** Everything a user set, as plain data: what Esc undo, back/forward and a reload bring back. */
export interface SearchSnapshot {
  typed: string;
  within: string[];
  filters: FacetFilter;
  dateFrom: string | null;
  dateTo: string | null;
  transliteration: boolean;
  sort: SortOrder;
}

export const EMPTY_SEARCH: SearchSnapshot = { typed: '', within: [], filters: {}, dateFrom: null, dateTo: null, transliteration: false, sort: 'relevance' };

export interface SearchState {
  typed: string;
  setTyped(q: string): void;
  within: string[];
  narrow(): void;
  removeWithin(index: number): void;
  filters: FacetFilter;
  toggleFilter(facet: keyof FacetFilter, value: string): void;
  dateFrom: string | null;
  dateTo: string | null;
  setDates(from: string | null, to: string | null): void;
  transliteration: boolean;
  setTransliteration(on: boolean): void;
  sort: SortOrder;
  setSort(sort: SortOrder): void;
  /** The whole query as sent (search-within steps and what is typed). */
  query: string;
  request: SearchRequest;
  /** The same without sort and paging: for facets and the timeline. */
  scope: SearchRequest;
  clearFilters(): void;
  /** Removes the last filter chip (date range, then facets, then search-within steps); false when none is left. */
  clearOneFilter(): boolean;
  reset(query?: string): void;
  snapshot: SearchSnapshot;
  /** Puts a snapshot back at once. */
  restore(s: SearchSnapshot): void;
}

export function useSearchState(): SearchState {
  const [typed, setTyped] = useState('');
  const [within, setWithin] = useState<string[]>([]);
  const [filters, setFilters] = useState<FacetFilter>({});
  const [dateFrom, setDateFrom] = useState<string | null>(null);
  const [dateTo, setDateTo] = useState<string | null>(null);
  const [transliteration, setTransliteration] = useState(false);
  const [sort, setSort] = useState<SortOrder>('relevance');
  // Every keystroke is a search, with no typing delay: useSearchPages sends one first page at a
  // time and only the newest query's, so fast typing costs no backlog (a fixed delay cost every search 180 ms).
  const query = composeQuery(within, typed);
  const scope = useMemo<SearchRequest>(() => {
    const req: SearchRequest = { query };
    const f = Object.fromEntries(Object.entries(filters).filter(([, v]) => Array.isArray(v) && v.length > 0)) as FacetFilter;
    if (Object.keys(f).length > 0) req.filters = f;
    if (dateFrom) req.dateFrom = dateFrom;
    if (dateTo) req.dateTo = dateTo;
    if (transliteration) req.transliteration = true;
    return req;
  }, [query, filters, dateFrom, dateTo, transliteration]);
  // Relevance means nothing without words: an empty query lists newest first.
  const effectiveSort: SortOrder = query.trim() === '' && sort === 'relevance' ? 'date-desc' : sort;
  const request = useMemo<SearchRequest>(() => ({ ...scope, sort: effectiveSort }), [scope, effectiveSort]);

  const toggleFilter = useCallback((facet: keyof FacetFilter, value: string) => {
    setFilters((f) => {
      if (facet === 'source') {
        const id = Number(value);
        const cur = f.source ?? [];
        return { ...f, source: cur.includes(id) ? cur.filter((x) => x !== id) : [...cur, id] };
      }
      const cur = (f[facet] ?? []) as string[];
      return { ...f, [facet]: cur.includes(value) ? cur.filter((x) => x !== value) : [...cur, value] };
    });
  }, []);

  const narrow = useCallback(() => {
    if (!typed.trim()) return;
    setWithin((w) => [...w, typed.trim()]);
    setTyped('');
  }, [typed]);

  const clearFilters = useCallback(() => {
    setFilters({});
    setDateFrom(null);
    setDateTo(null);
    setWithin([]);
  }, []);

  const clearOneFilter = useCallback((): boolean => {
    if (dateFrom || dateTo) {
      setDateFrom(null);
      setDateTo(null);
      return true;
    }
    const keys = Object.keys(filters) as (keyof FacetFilter)[];
    for (let k = keys.length - 1; k >= 0; k--) {
      const key = keys[k]!;
      const values = (filters[key] ?? []) as unknown[];
      if (values.length === 0) continue;
      setFilters({ ...filters, [key]: values.slice(0, -1) });
      return true;
    }
    if (within.length > 0) {
      setWithin(within.slice(0, -1));
      return true;
    }
    return false;
  }, [dateFrom, dateTo, filters, within]);

  const restore = useCallback((s: SearchSnapshot) => {
    setTyped(s.typed);
    setWithin(s.within);
    setFilters(s.filters);
    setDateFrom(s.dateFrom);
    setDateTo(s.dateTo);
    setTransliteration(s.transliteration);
    setSort(s.sort);
  }, []);

  const snapshot = useMemo<SearchSnapshot>(
    () => ({ typed, within, filters, dateFrom, dateTo, transliteration, sort }),
    [typed, within, filters, dateFrom, dateTo, transliteration, sort],
  );

  const reset = useCallback((q = '') => {
    setTyped(q);
    setWithin([]);
    setFilters({});
    setDateFrom(null);
    setDateTo(null);
  }, []);

  // Stable, so the timeline (memoised) is not drawn again on every keystroke.
  const setDates = useCallback((from: string | null, to: string | null) => {
    setDateFrom(from);
    setDateTo(to);
  }, []);

  return {
    typed,
    setTyped,
    within,
    narrow,
    removeWithin: (i) => setWithin((w) => w.filter((_x, k) => k !== i)),
    filters,
    toggleFilter,
    dateFrom,
    dateTo,
    setDates,
    transliteration,
    setTransliteration,
    sort,
    setSort,
    query,
    request,
    scope,
    clearFilters,
    clearOneFilter,
    reset,
    snapshot,
    restore,
  };
}
