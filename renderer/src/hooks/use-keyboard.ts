// The keyboard: `/` focuses search; j/k or arrows move; Enter opens; Esc clears; `?` shows help.
import { useEffect, useRef, type RefObject } from 'react';

export interface KeyboardActions {
  move(delta: number): void;
  open(): void;
  clear(): void;
  help(): void;
}

/** A field that takes typed keys (where our single-key shortcuts must not fire). */
export function isEditable(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'range'].includes(el.type);
  return el instanceof HTMLElement && el.isContentEditable;
}

export function useKeyboard(searchInput: RefObject<HTMLInputElement | null>, actions: KeyboardActions): void {
  const ref = useRef(actions);
  ref.current = actions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      if (document.querySelector('[role="dialog"]')) return;
      const target = e.target instanceof Element ? e.target : null;
      const inSearch = target !== null && target === searchInput.current;
      const a = ref.current;
      if (inSearch) {
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          a.move(e.key === 'ArrowDown' ? 1 : -1);
        } else if (e.key === 'Enter') {
          e.preventDefault();
          a.open();
        } else if (e.key === 'Escape') {
          e.preventDefault();
          a.clear();
        }
        return;
      }
      if (isEditable(target)) return;
      const onControl = target?.closest('button, a, summary, [role="button"]') != null;
      switch (e.key) {
        case '/':
          e.preventDefault();
          searchInput.current?.focus();
          searchInput.current?.select();
          break;
        case 'j':
        case 'ArrowDown':
          e.preventDefault();
          a.move(1);
          break;
        case 'k':
        case 'ArrowUp':
          e.preventDefault();
          a.move(-1);
          break;
        case 'Enter':
          if (onControl) return;
          e.preventDefault();
          a.open();
          break;
        case 'Escape':
          a.clear();
          break;
        case '?':
          e.preventDefault();
          a.help();
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [searchInput]);
}
