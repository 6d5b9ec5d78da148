// Where the search has been: Esc steps taken back with Cmd/Ctrl+Z, and back/forward (Alt+←/→, the
// mouse's back and forward buttons) through the search states a user stayed on.
//
// Cmd/Ctrl+Z undoes whichever came last: an Esc in this window, or a change to the archive (or a
// deletion whose notice shows). Any such change forgets the Esc steps before it, so the archive's
// own undo (use-archive-history) and the deletion toast (use-undo) get the key back.
import { useCallback, useEffect, useRef } from 'react';
import { isEditable } from './use-keyboard.ts';
import type { SearchSnapshot } from './use-search-state.ts';

export interface SearchView {
  search: SearchSnapshot;
  entryId: number | null;
}

/** A state is a step of its own once it has been left alone this long (typing makes one, not ten). */
export const SETTLE_MS = 700;

interface Options {
  view: SearchView;
  apply(view: SearchView): void;
  /** Changes whenever something else that Cmd/Ctrl+Z undoes has happened. */
  otherChange: unknown;
}

export interface SearchHistory {
  /** Call with the state before an Esc changed it. */
  escaped(before: SearchView): void;
  back(): void;
  forward(): void;
  /** Starts the back/forward steps afresh from the current state (after a restore on load). */
  restart(): void;
}

const keyOf = (s: SearchSnapshot) => JSON.stringify(s);

export function useSearchHistory({ view, apply, otherChange }: Options): SearchHistory {
  const escapes = useRef<SearchView[]>([]);
  const steps = useRef<SearchSnapshot[]>([]);
  const at = useRef(-1);
  const live = useRef({ view, apply });
  live.current = { view, apply };

  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    escapes.current = [];
  }, [otherChange]);

  const record = useCallback(() => {
    const s = live.current.view.search;
    const cur = steps.current[at.current];
    if (cur && keyOf(cur) === keyOf(s)) return;
    steps.current = [...steps.current.slice(0, at.current + 1), s];
    at.current = steps.current.length - 1;
  }, []);

  const key = keyOf(view.search);
  useEffect(() => {
    const t = setTimeout(record, steps.current.length === 0 ? 0 : SETTLE_MS);
    return () => clearTimeout(t);
  }, [key, record]);

  const go = useCallback(
    (delta: number) => {
      record();
      const next = at.current + delta;
      const s = steps.current[next];
      if (!s) return;
      at.current = next;
      live.current.apply({ search: s, entryId: live.current.view.entryId });
    },
    [record],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || document.querySelector('[role="dialog"]')) return;
      const target = e.target instanceof Element ? e.target : null;
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'z') {
        if (isEditable(target) || escapes.current.length === 0) return;
        e.preventDefault();
        e.stopImmediatePropagation();
        live.current.apply(escapes.current.pop()!);
        return;
      }
      if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
        if (isEditable(target)) return;
        e.preventDefault();
        go(e.key === 'ArrowLeft' ? -1 : 1);
      }
    };
    // Buttons 3 and 4 are the mouse's back and forward; the browser must not leave the app on them.
    const onMouse = (e: MouseEvent) => {
      if (e.button !== 3 && e.button !== 4) return;
      e.preventDefault();
      if (e.type === 'mouseup') go(e.button === 3 ? -1 : 1);
    };
    // Capture: an Esc step is undone before the archive's undo or the toast sees the key.
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('mousedown', onMouse, true);
    window.addEventListener('mouseup', onMouse, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('mousedown', onMouse, true);
      window.removeEventListener('mouseup', onMouse, true);
    };
  }, [go]);

  return {
    escaped: useCallback((before: SearchView) => {
      escapes.current.push(before);
    }, []),
    restart: useCallback(() => {
      steps.current = [];
      at.current = -1;
    }, []),
    back: useCallback(() => go(-1), [go]),
    forward: useCallback(() => go(1), [go]),
  };
}
