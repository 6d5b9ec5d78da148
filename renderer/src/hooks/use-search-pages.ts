// The result list as pages fetched on demand (offset/limit), so a million hits cost only what is
// on screen. A new request starts a new generation; answers for an old generation are dropped.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchHit, SearchRequest, SearchResult } from '../../../shared/contract.ts';
import { countAllMatches } from '../../../shared/count-matches.ts';
import type { Connection } from '../archive-client.ts';
import { errorMessage } from '../lib/errors.ts';

export const PAGE_SIZE = 50;

/** This window's list: each first page replaces the previous one still queued or running in the archive (SearchCall.supersede). */
const LIST_KEY = `list-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
let listSeq = 0;

export interface SearchPages {
  /** Null until the first page of the current request has arrived. */
  total: number | null;
  totalExact: boolean;
  /** True while an inexact total is being counted exactly (countMatches, slice by slice). */
  counting: boolean;
  explanation: string | undefined;
  error: string | null;
  /** The parser's message while the query cannot be read (a quote not yet closed…); the last good results stay. */
  invalid: string | null;
  /** The request whose results are on screen (the last good one while the query is unfinished). */
  shown: SearchRequest | null;
  loading: boolean;
  /** Changes whenever a new page arrives, so rows re-render. */
  revision: number;
  hitAt(index: number): SearchHit | undefined;
  ensureRange(first: number, last: number): void;
  /** Loads (if needed) and returns the hit at index. */
  fetchHit(index: number): Promise<SearchHit | undefined>;
}

interface Generation {
  key: string;
  request: SearchRequest;
  pages: Map<number, SearchHit[]>;
  inFlight: Map<number, Promise<SearchResult>>;
}

export function useSearchPages(connection: Connection, request: SearchRequest, version: number): SearchPages {
  const key = JSON.stringify(request) + '#' + version;
  const gen = useRef<Generation | null>(null);
  const [invalid, setInvalid] = useState<{ key: string; message: string } | null>(null);
  const [meta, setMeta] = useState<{ key: string; request: SearchRequest | null; total: number | null; totalExact: boolean; counting: boolean; explanation?: string; error: string | null; loading: boolean }>({
    key: '',
    request: null,
    total: null,
    totalExact: true,
    counting: false,
    error: null,
    loading: true,
  });
  const [revision, setRevision] = useState(0);

  const loadPage = useCallback(
    (g: Generation, page: number, replacing = false): Promise<SearchResult> => {
      const pending = g.inFlight.get(page);
      if (pending) return pending;
      const p = connection.api.search({ ...g.request, offset: page * PAGE_SIZE, limit: PAGE_SIZE, ...(replacing ? { supersede: { key: LIST_KEY, seq: ++listSeq } } : {}) }).then((r: SearchResult) => {
        g.pages.set(page, r.hits);
        if (gen.current === g) setRevision((n) => n + 1);
        return r;
      });
      g.inFlight.set(page, p);
      p.catch(() => g.inFlight.delete(page));
      return p;
    },
    [connection],
  );

  useEffect(() => {
    const g: Generation = { key, request, pages: new Map(), inFlight: new Map() };
    let live = true;
    setMeta((m) => ({ ...m, loading: true }));
    // Every keystroke's first page is sent at once and replaces the one before it: the archive
    // answers one search at a time, and stops a replaced one at its next statement (or drops it
    // unstarted), so a search typed over never delays the newest (it answers 'cancelled', ignored).
    const first: Promise<SearchResult | null> = loadPage(g, 0, true);
    // The previous list stays on screen until the new first page is here: no flash of emptiness.
    // A stale answer (live = false: a newer key exists) is dropped, whenever it arrives.
    first.then(
      (r) => {
        if (r === null || !live) return;
        gen.current = g;
        setInvalid(null);
        setMeta({ key, request, total: r.total, totalExact: r.totalExact, counting: !r.totalExact, explanation: r.explanation, error: null, loading: false });
        setRevision((n) => n + 1);
        if (!r.totalExact) void countAll(r.total);
      },
      (e: unknown) => {
        if (!live) return;
        // A query still being typed: keep what is on screen and say what is missing.
        if (e instanceof Error && (e as { code?: unknown }).code === 'invalid-query' && gen.current) {
          setInvalid({ key, message: errorMessage(e) });
          setMeta((m) => ({ ...m, loading: false }));
          return;
        }
        setInvalid(null);
        gen.current = g;
        setMeta({ key, request, total: null, totalExact: true, counting: false, error: errorMessage(e), loading: false });
      },
    );
    // The search gave a lower bound: count exactly, a slice per call, so the list can grow to every
    // match; a newer request (live = false) stops it between slices.
    async function countAll(lowerBound: number): Promise<void> {
      try {
        const total = await countAllMatches((req) => connection.api.countMatches(req), request, (sum) => {
          if (live && sum > lowerBound) setMeta((m) => (m.key === key ? { ...m, total: sum } : m));
          return live;
        });
        if (total !== null) setMeta((m) => (m.key === key ? { ...m, total, totalExact: true, counting: false } : m));
      } catch {
        if (live) setMeta((m) => (m.key === key ? { ...m, counting: false } : m));
      }
    }
    return () => {
      live = false;
    };
    // request is part of key
  }, [key, loadPage]);

  const hitAt = useCallback((index: number) => gen.current?.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], []);

  const ensureRange = useCallback(
    (first: number, last: number) => {
      const g = gen.current;
      if (!g) return;
      for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) {
        if (!g.pages.has(p)) loadPage(g, p).catch(() => undefined);
      }
    },
    [loadPage],
  );

  const fetchHit = useCallback(
    async (index: number) => {
      const g = gen.current;
      if (!g) return undefined;
      const cached = g.pages.get(Math.floor(index / PAGE_SIZE));
      if (cached) return cached[index % PAGE_SIZE];
      const r = await loadPage(g, Math.floor(index / PAGE_SIZE));
      return r.hits[index % PAGE_SIZE];
    },
    [loadPage],
  );

  return {
    total: meta.total,
    totalExact: meta.totalExact,
    counting: meta.counting,
    explanation: meta.explanation,
    error: meta.error,
    invalid: invalid?.key === key ? invalid.message : null,
    shown: meta.request,
    loading: meta.loading,
    revision,
    hitAt,
    ensureRange,
    fetchHit,
  };
}
