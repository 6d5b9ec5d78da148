// Choosing several results at once: Ctrl/Cmd+click toggles a row, Shift+click takes the range from
// the last clicked row, Shift+j/k or Shift+arrows extend from the cursor, Esc lets go. Rows are
// kept as indexes, not entry ids: a range may span rows that have not loaded yet, and the ids are
// looked up only when the selection is used.
import { useCallback, useEffect, useRef, useState } from 'react';

export interface MultiSelect {
  selected: ReadonlySet<number>;
  /** A row click; returns true when it changed the selection (and should not open the entry). */
  click(index: number, mods: { shift: boolean; toggle: boolean }, cursor: number): boolean;
  clear(): void;
}

function isEditable(el: EventTarget | null): boolean {
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'range'].includes(el.type);
  return el instanceof HTMLElement && el.isContentEditable;
}

function withRange(set: ReadonlySet<number>, a: number, b: number): Set<number> {
  const next = new Set(set);
  for (let i = Math.min(a, b); i <= Math.max(a, b); i++) next.add(i);
  return next;
}

/**
 * `cursor` and `setCursor` are the list's keyboard cursor (the open row); `total` bounds it.
 * The selection is dropped whenever `resetKey` (the search) changes.
 */
export function useMultiSelect(resetKey: string, total: number, cursor: number, setCursor: (index: number) => void): MultiSelect {
  const [selected, setSelected] = useState<ReadonlySet<number>>(() => new Set());
  const anchor = useRef<number | null>(null);
  useEffect(() => {
    setSelected(new Set());
    anchor.current = null;
  }, [resetKey]);

  // The cursor follows a Ctrl/Shift click (without opening the row), so Shift+j goes on from there.
  const cursorTo = useRef(setCursor);
  cursorTo.current = setCursor;
  const click = useCallback((index: number, mods: { shift: boolean; toggle: boolean }, current: number) => {
    if (mods.shift || mods.toggle) cursorTo.current(index);
    if (mods.shift) {
      const from = anchor.current ?? (current >= 0 ? current : index);
      setSelected((s) => withRange(s, from, index));
      anchor.current = index;
      return true;
    }
    if (mods.toggle) {
      setSelected((s) => {
        const next = new Set(s);
        if (next.has(index)) next.delete(index);
        else next.add(index);
        return next;
      });
      anchor.current = index;
      return true;
    }
    anchor.current = index;
    setSelected((s) => (s.size === 0 ? s : new Set()));
    return false;
  }, []);

  const clear = useCallback(() => {
    setSelected(new Set());
    anchor.current = null;
  }, []);

  // Runs before the app's own keys (capture phase) so that Shift+j is not read as j.
  const state = useRef({ total, cursor, setCursor, size: selected.size });
  state.current = { total, cursor, setCursor, size: selected.size };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isEditable(e.target)) return;
      if (document.querySelector('[role="dialog"]')) return;
      const s = state.current;
      if (e.key === 'Escape' && s.size > 0) {
        e.preventDefault();
        setSelected(new Set());
        anchor.current = null;
        return;
      }
      if (!e.shiftKey || s.total === 0) return;
      const delta = e.key === 'J' || e.key === 'ArrowDown' ? 1 : e.key === 'K' || e.key === 'ArrowUp' ? -1 : 0;
      if (delta === 0) return;
      e.preventDefault();
      const from = s.cursor < 0 ? 0 : s.cursor;
      const to = s.cursor < 0 ? 0 : Math.min(s.total - 1, Math.max(0, from + delta));
      setSelected((sel) => withRange(sel, from, to));
      anchor.current = to;
      s.setCursor(to);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  return { selected, click, clear };
}
