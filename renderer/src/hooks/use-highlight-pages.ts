// The annotations view's list: listHighlights a page at a time, more as the list scrolls. When
// annotations change, the pages already shown are fetched again in one call, so the list stays
// where the reader left it instead of jumping back to the top.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HighlightListItem, HighlightQuery } from '../../../shared/contract.ts';
import type { Connection } from '../archive-client.ts';
import { errorMessage } from '../lib/errors.ts';

export const HIGHLIGHT_PAGE = 50;

export interface HighlightPages {
  items: HighlightListItem[];
  /** Null until the first page of the current query has arrived. */
  total: number | null;
  loading: boolean;
  error: string | null;
  loadMore(): void;
}

interface State {
  key: string;
  items: HighlightListItem[];
  total: number | null;
  loading: boolean;
  error: string | null;
}

export function useHighlightPages(connection: Connection, query: HighlightQuery, version: number): HighlightPages {
  const queryKey = JSON.stringify(query);
  const [state, setState] = useState<State>({ key: '', items: [], total: null, loading: true, error: null });
  const current = useRef({ queryKey, version, loaded: 0, busy: false });

  useEffect(() => {
    const sameQuery = current.current.queryKey === queryKey;
    // Same filters, newer annotations: reload what is on screen; new filters: start over.
    const limit = sameQuery ? Math.max(HIGHLIGHT_PAGE, current.current.loaded) : HIGHLIGHT_PAGE;
    const mine = { queryKey, version, loaded: sameQuery ? current.current.loaded : 0, busy: true };
    current.current = mine;
    setState((s) => ({ ...s, loading: true }));
    connection.api.listHighlights({ ...query, offset: 0, limit }).then(
      (r) => {
        if (current.current !== mine) return;
        mine.loaded = r.items.length;
        mine.busy = false;
        setState({ key: queryKey, items: r.items, total: r.total, loading: false, error: null });
      },
      (e: unknown) => {
        if (current.current !== mine) return;
        mine.busy = false;
        setState({ key: queryKey, items: [], total: null, loading: false, error: errorMessage(e) });
      },
    );
    // The query is part of queryKey.
  }, [connection, queryKey, version]);

  const shown = useRef(state);
  shown.current = state;
  const loadMore = useCallback(() => {
    const mine = current.current;
    const s = shown.current;
    if (mine.busy || s.total === null || s.items.length >= s.total || s.key !== mine.queryKey) return;
    mine.busy = true;
    const offset = s.items.length;
    setState((t) => ({ ...t, loading: true }));
    connection.api.listHighlights({ ...(JSON.parse(mine.queryKey) as HighlightQuery), offset, limit: HIGHLIGHT_PAGE }).then(
      (r) => {
        mine.busy = false;
        if (current.current !== mine) return;
        mine.loaded = offset + r.items.length;
        setState((t) => (t.key === mine.queryKey && t.items.length === offset ? { ...t, items: [...t.items, ...r.items], total: r.total, loading: false } : { ...t, loading: false }));
      },
      (e: unknown) => {
        mine.busy = false;
        if (current.current === mine) setState((t) => ({ ...t, loading: false, error: errorMessage(e) }));
      },
    );
  }, [connection]);

  return { items: state.items, total: state.total, loading: state.loading, error: state.error, loadMore };
}
