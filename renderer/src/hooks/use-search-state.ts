// Everything that defines the current search, and the request built from it.
import { useCallback, useMemo, useState } from 'react';
import type { FacetFilter, SearchRequest, SortOrder } from '../../../shared/contract.ts';
import { composeQuery } from '../lib/compose-query.ts';
import { useDebounced } from './use-debounced.ts';

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
  reset(query?: string): void;
}

export function useSearchState(): SearchState {
  const [typed, setTyped] = useState('');
  const [within, setWithin] = useState<string[]>([]);
  const [filters, setFilters] = useState<FacetFilter>({});
  const [dateFrom, setDateFrom] = useState<string | null>(null);
  const [dateTo, setDateTo] = useState<string | null>(null);
  const [transliteration, setTransliteration] = useState(false);
  const [sort, setSort] = useState<SortOrder>('relevance');
  const settled = useDebounced(typed, 180);

  const query = composeQuery(within, settled);
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

  const reset = useCallback((q = '') => {
    setTyped(q);
    setWithin([]);
    setFilters({});
    setDateFrom(null);
    setDateTo(null);
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
    setDates: (from, to) => {
      setDateFrom(from);
      setDateTo(to);
    },
    transliteration,
    setTransliteration,
    sort,
    setSort,
    query,
    request,
    scope,
    clearFilters,
    reset,
  };
}
