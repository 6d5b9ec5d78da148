// The highlights the reader draws stay as they are while the user is selecting its text (the mouse
// button held down in it, or a selection in it still waiting to be highlighted). Redrawing splits
// and rewrites the text runs under the selection, which throws its start elsewhere (a highlight
// pushed from another window mid-drag moved the selection to the start of the paragraph). What
// arrived meanwhile is drawn as soon as the selection is highlighted or let go.
import { useEffect, useReducer, useRef, type RefObject } from 'react';

function selectingIn(root: HTMLElement | null): boolean {
  const sel = document.getSelection();
  return !!root && !!sel && !sel.isCollapsed && sel.rangeCount > 0 && root.contains(sel.getRangeAt(0).commonAncestorContainer);
}

/** `value` as last drawn while a selection is being made in `root`; `key` (the entry) changing shows the new value at once. */
export function useHeldWhileSelecting<T>(value: T, key: unknown, root: RefObject<HTMLElement | null>): T {
  const pressed = useRef(false);
  const shown = useRef({ value, key });
  const latest = useRef({ value, key });
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  latest.current = { value, key };
  if (shown.current.key !== key || !(pressed.current || selectingIn(root.current))) shown.current = { value, key };

  useEffect(() => {
    const settle = () => {
      if (pressed.current || selectingIn(root.current)) return;
      if (shown.current.value !== latest.current.value) redraw();
    };
    const down = (ev: PointerEvent) => {
      if (ev.button === 0 && root.current?.contains(ev.target as Node)) pressed.current = true;
    };
    const up = () => {
      pressed.current = false;
      settle();
    };
    document.addEventListener('pointerdown', down, true);
    window.addEventListener('pointerup', up, true);
    window.addEventListener('pointercancel', up, true);
    window.addEventListener('blur', up);
    document.addEventListener('selectionchange', settle);
    return () => {
      document.removeEventListener('pointerdown', down, true);
      window.removeEventListener('pointerup', up, true);
      window.removeEventListener('pointercancel', up, true);
      window.removeEventListener('blur', up);
      document.removeEventListener('selectionchange', settle);
    };
  }, [root]);

  return shown.current.value;
}
