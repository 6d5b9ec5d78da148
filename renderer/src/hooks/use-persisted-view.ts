// What a user was looking at, per archive: the search (words, filters, dates, sort), the open
// entry and where the list was scrolled, kept in localStorage under the archive's path so a reload
// or a restart comes back to it. View toggles (Show original) are per entry and not kept.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchSnapshot } from './use-search-state.ts';

export interface PersistedView {
  search: SearchSnapshot;
  entryId: number | null;
  /** The list's scroll offset, for the list of this request key only. */
  scroll: { key: string; top: number } | null;
}

const PREFIX = 'quire.view:';
const SAVE_MS = 250;

function read(path: string): PersistedView | null {
  try {
    const raw = localStorage.getItem(PREFIX + path);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<PersistedView>;
    if (!v.search || typeof v.search.typed !== 'string' || !Array.isArray(v.search.within)) return null;
    return { search: v.search, entryId: typeof v.entryId === 'number' ? v.entryId : null, scroll: v.scroll ?? null };
  } catch {
    // Storage off or a value from elsewhere: start fresh.
    return null;
  }
}

export interface PersistedViewControls {
  /** The scroll to put back once the list for its key shows (null when none is pending). */
  pendingScroll: { key: string; top: number } | null;
  onScroll(key: string, top: number): void;
}

/**
 * archivePath: null until info() has answered. restore() runs once with what was kept; nothing is
 * written before that, so the empty first render never overwrites the kept view.
 */
export function usePersistedView(archivePath: string | null, current: { search: SearchSnapshot; entryId: number | null }, restore: (v: PersistedView) => void): PersistedViewControls {
  const [restoredFor, setRestoredFor] = useState<string | null>(null);
  const [pendingScroll, setPendingScroll] = useState<{ key: string; top: number } | null>(null);
  const scroll = useRef<{ key: string; top: number } | null>(null);
  const restoreRef = useRef(restore);
  restoreRef.current = restore;
  // What showed before anything was restored. A user who clicked an entry or typed before the
  // archive's path was known (a slow first answer) keeps what they chose: the kept view would
  // otherwise swap the entry under their selection.
  const key = JSON.stringify(current);
  const untouched = useRef(key);
  const keyRef = useRef(key);
  keyRef.current = key;

  useEffect(() => {
    if (archivePath === null || restoredFor === archivePath) return;
    const kept = read(archivePath);
    if (kept && (restoredFor !== null || keyRef.current === untouched.current)) {
      scroll.current = kept.scroll;
      setPendingScroll(kept.scroll);
      restoreRef.current(kept);
    }
    setRestoredFor(archivePath);
  }, [archivePath, restoredFor]);

  const write = useCallback(() => {
    if (restoredFor === null) return;
    try {
      localStorage.setItem(PREFIX + restoredFor, JSON.stringify({ ...current, scroll: scroll.current }));
    } catch {
      // A full or disabled storage only loses the convenience.
    }
  }, [restoredFor, current]);
  const writeRef = useRef(write);
  writeRef.current = write;

  useEffect(() => {
    const t = setTimeout(() => writeRef.current(), SAVE_MS);
    return () => clearTimeout(t);
  }, [key, restoredFor]);

  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onScroll = useCallback((listKey: string, top: number) => {
    scroll.current = { key: listKey, top };
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => writeRef.current(), SAVE_MS);
  }, []);
  // Leaving the page: write what is pending at once.
  useEffect(() => {
    const flush = () => writeRef.current();
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, []);

  return { pendingScroll, onScroll };
}
