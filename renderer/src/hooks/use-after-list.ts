// Facets and the timeline fill in after the list: they are asked for only once the first page of
// the same search is on screen and typing has paused, so a keystroke's search and the list's first
// paint never share the machine with them (facets take over 100 ms at a million entries).
import { useEffect, useState } from 'react';

/** Once the list has shown this search and nothing was typed for this long, facets and the timeline are asked for. */
export const AFTER_LIST_QUIET_MS = 150;

/**
 * `key` stands for `value`; `listShown` is true once the list shows the current search (or
 * cannot: an unfinished query). Returns the latest value that was still for `quietMs` after the
 * list showed it, and null until the first one was.
 */
export function useAfterList<T>(key: string, value: T, listShown: boolean, quietMs = AFTER_LIST_QUIET_MS): { key: string; value: T } | null {
  const [settled, setSettled] = useState<{ key: string; value: T } | null>(null);
  useEffect(() => {
    if (!listShown || settled?.key === key) return;
    const t = setTimeout(() => setSettled({ key, value }), quietMs);
    return () => clearTimeout(t);
    // key stands for value
  }, [key, listShown, settled?.key, quietMs]);
  return settled;
}
