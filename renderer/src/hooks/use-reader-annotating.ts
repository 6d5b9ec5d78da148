// What the reader does with a selection and with its highlights: tracks the selection (mouse or
// keyboard) as entry text offsets, places the toolbar and the highlight popover, and runs the
// keys: H highlights the selection; 1–9 highlight it with that code, or toggle that code on the
// highlight whose popover is open or that has focus; Esc closes.
import { useCallback, useEffect, useRef, useState, type MouseEvent, type KeyboardEvent as ReactKeyboardEvent, type RefObject } from 'react';
import type { Code, EntryAnnotations, Highlight } from '../../../shared/contract.ts';
import type { Connection } from '../archive-client.ts';
import { errorMessage } from '../lib/errors.ts';
import { rangeToOffsets, type TextRange } from '../lib/selection-offsets.ts';
import { isEditable } from './use-keyboard.ts';

const PANEL_WIDTH = 340;

export interface Placed {
  top: number;
  left: number;
}

export interface SelectionState extends Placed {
  range: TextRange;
}

export interface PopoverState extends Placed {
  id: number;
  /** Every highlight covering the clicked place, shortest first. */
  choices: number[];
  /** The clicked segment, so a second click there moves on to the next overlapping highlight. */
  at: string;
  focusNote: boolean;
}

interface Args {
  connection: Connection;
  entryId: number;
  /** The entry text the offsets count in. */
  text: string;
  root: RefObject<HTMLElement | null>;
  annotations: EntryAnnotations | null;
  codes: Code[];
  reload(): void;
  onError(message: string): void;
}

export interface Annotating {
  selection: SelectionState | null;
  popover: PopoverState | null;
  busy: boolean;
  highlightOf(id: number): Highlight | undefined;
  /** Highlights the selection (the one shown, or `current` read at a key press). */
  create(codeIds: number[], withNote?: boolean, current?: SelectionState): void;
  toggleCode(id: number, codeId: number): void;
  saveNote(id: number, note: string | null): void;
  remove(id: number): void;
  pick(id: number): void;
  closePopover(refocus?: boolean): void;
  onClick(e: MouseEvent): void;
  onKeyDown(e: ReactKeyboardEvent): void;
}

export function useReaderAnnotating({ connection, entryId, text, root, annotations, codes, reload, onError }: Args): Annotating {
  const [selection, setSelection] = useState<SelectionState | null>(null);
  const [popover, setPopover] = useState<PopoverState | null>(null);
  const [busy, setBusy] = useState(false);

  const place = useCallback(
    (rect: DOMRect): Placed => {
      const box = root.current?.getBoundingClientRect();
      if (!box) return { top: 0, left: 0 };
      const left = Math.max(8, Math.min(rect.left - box.left, box.width - PANEL_WIDTH - 8));
      return { top: rect.bottom - box.top + 8, left };
    },
    [root],
  );

  // The selection is read when it settles: on every change from the keyboard, after the button
  // goes up for the mouse (a toolbar popping up under a dragging pointer would get in the way).
  const textRef = useRef(text);
  textRef.current = text;
  const readSelection = useCallback((): SelectionState | null => {
    const el = root.current;
    const sel = document.getSelection();
    if (!el || !sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const range = sel.getRangeAt(0);
    const offsets = rangeToOffsets(el, range, textRef.current);
    if (!offsets) return null;
    const rects = range.getClientRects();
    const rect = sel.focusNode === range.startContainer && sel.focusOffset === range.startOffset ? rects[0] : rects[rects.length - 1];
    return { range: offsets, ...place(rect ?? range.getBoundingClientRect()) };
  }, [root, place]);

  useEffect(() => {
    let pointerDown = false;
    const read = () => {
      const now = readSelection();
      // A keyboard user may have tabbed into the toolbar; the selection it acts on is kept.
      if (!now && root.current?.querySelector('.annot-toolbar')?.contains(document.activeElement)) return;
      setSelection(now);
    };
    const onChange = () => {
      if (!pointerDown) read();
    };
    const onDown = () => {
      pointerDown = true;
    };
    const onUp = () => {
      pointerDown = false;
      setTimeout(read, 0);
    };
    document.addEventListener('selectionchange', onChange);
    document.addEventListener('pointerdown', onDown, true);
    document.addEventListener('pointerup', onUp, true);
    return () => {
      document.removeEventListener('selectionchange', onChange);
      document.removeEventListener('pointerdown', onDown, true);
      document.removeEventListener('pointerup', onUp, true);
    };
  }, [root, readSelection]);

  // A new entry starts clean.
  useEffect(() => {
    setSelection(null);
    setPopover(null);
  }, [entryId]);

  const highlights = annotations?.highlights;
  const highlightOf = useCallback((id: number) => highlights?.find((h) => h.id === id), [highlights]);

  const fail = useCallback((e: unknown) => onError(errorMessage(e)), [onError]);

  const create = useCallback(
    (codeIds: number[], withNote = false, current?: SelectionState) => {
      const sel = current ?? selection;
      if (!sel || busy) return;
      setBusy(true);
      connection.api
        .createHighlight({ entryId, start: sel.range.start, end: sel.range.end, ...(codeIds.length > 0 ? { codeIds } : {}) })
        .then(
          (h) => {
            document.getSelection()?.removeAllRanges();
            setSelection(null);
            reload();
            if (withNote) setPopover({ id: h.id, choices: [h.id], at: '', top: sel.top, left: sel.left, focusNote: true });
          },
          fail,
        )
        .finally(() => setBusy(false));
    },
    [selection, busy, connection, entryId, reload, fail],
  );

  const toggleCode = useCallback(
    (id: number, codeId: number) => {
      const h = highlightOf(id);
      if (!h) return;
      const has = h.codes.some((c) => c.id === codeId);
      connection.api.updateHighlight({ id, ...(has ? { removeCodeIds: [codeId] } : { addCodeIds: [codeId] }) }).then(reload, fail);
    },
    [highlightOf, connection, reload, fail],
  );

  const saveNote = useCallback(
    (id: number, note: string | null) => {
      connection.api.updateHighlight({ id, note }).then(reload, fail);
    },
    [connection, reload, fail],
  );

  const closePopover = useCallback(
    (refocus = false) => {
      const id = popover?.id;
      setPopover(null);
      if (refocus && id !== undefined) root.current?.querySelector<HTMLElement>(`[data-hl-start="${id}"]`)?.focus();
    },
    [popover, root],
  );

  const remove = useCallback(
    (id: number) => {
      setPopover(null);
      connection.api.deleteHighlight({ id }).then(reload, fail);
    },
    [connection, reload, fail],
  );

  const pick = useCallback((id: number) => setPopover((p) => (p ? { ...p, id, focusNote: false } : p)), []);

  const openAt = useCallback(
    (el: HTMLElement) => {
      const ids = (el.dataset['hl'] ?? '').split(' ').filter(Boolean).map(Number);
      if (ids.length === 0) return;
      const at = `${el.querySelector('[data-s]')?.getAttribute('data-s') ?? ''}`;
      setPopover((p) => {
        // A second click on the same place moves on to the next highlight covering it.
        const id = p && p.at === at ? ids[(ids.indexOf(p.id) + 1) % ids.length]! : ids[0]!;
        return { id, choices: ids, at, focusNote: false, ...place(el.getBoundingClientRect()) };
      });
    },
    [place],
  );

  const onClick = useCallback(
    (e: MouseEvent) => {
      const sel = document.getSelection();
      if (sel && !sel.isCollapsed) return;
      const el = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-hl]') : null;
      if (el && root.current?.contains(el)) openAt(el);
    },
    [openAt, root],
  );

  const onKeyDown = useCallback(
    (e: ReactKeyboardEvent) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      const el = e.target instanceof HTMLElement && e.target.dataset['hlStart'] ? e.target : null;
      if (!el) return;
      e.preventDefault();
      openAt(el);
    },
    [openAt],
  );

  // A press outside the popover (and outside any highlight) closes it.
  useEffect(() => {
    if (!popover) return;
    const onDown = (e: PointerEvent) => {
      const t = e.target instanceof Element ? e.target : null;
      if (t?.closest('.hl-popover, [data-hl]')) return;
      setPopover(null);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [popover]);

  const state = useRef({ selection, popover, codes, create, toggleCode, closePopover, readSelection });
  state.current = { selection, popover, codes, create, toggleCode, closePopover, readSelection };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      if (document.querySelector('[role="dialog"]')) return;
      if (isEditable(e.target instanceof Element ? e.target : null)) return;
      const s = state.current;
      if (e.key === 'Escape') {
        if (s.popover) {
          e.preventDefault();
          s.closePopover(true);
        } else if (s.selection) {
          e.preventDefault();
          document.getSelection()?.removeAllRanges();
          setSelection(null);
        }
        return;
      }
      const isH = e.key === 'h' || e.key === 'H';
      if (!isH && !/^[1-9]$/.test(e.key)) return;
      // Read now: a key pressed right after the mouse lets go may beat the toolbar.
      const sel = s.readSelection() ?? s.selection;
      if (isH) {
        if (!sel) return;
        e.preventDefault();
        s.create([], false, sel);
        return;
      }
      const code = s.codes[Number(e.key) - 1];
      if (!code) return;
      if (sel) {
        e.preventDefault();
        s.create([code.id], false, sel);
        return;
      }
      const focused = document.activeElement instanceof HTMLElement && root.current?.contains(document.activeElement) ? document.activeElement.closest<HTMLElement>('[data-hl-start]') : null;
      const id = s.popover?.id ?? (focused ? Number(focused.dataset['hlStart']) : null);
      if (id === null) return;
      e.preventDefault();
      s.toggleCode(id, code.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [root]);

  return { selection, popover, busy, highlightOf, create, toggleCode, saveNote, remove, pick, closePopover, onClick, onKeyDown };
}
