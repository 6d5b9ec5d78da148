// The frame's layout: pane widths dragged on the splitters (remembered), the sidebar shown or hidden
// (a button, Ctrl/⌘+\ or `[`), and the shape for the window's width: from 1000 px the sidebar sits
// beside the panes; below that it opens over them; below 800 px the list sits above the reader.
import { useCallback, useEffect, useState } from 'react';
import { isEditable } from './use-keyboard.ts';

export type LayoutMode = 'wide' | 'medium' | 'narrow';

export const SIDEBAR_MIN = 180;
export const SIDEBAR_MAX = 420;
export const LIST_MIN = 240;
/** The reader never gets narrower than this beside the list. */
export const READER_MIN = 320;

const KEY = 'quire.layout';

interface Kept {
  sidebarWidth: number;
  listWidth: number;
  sidebarHidden: boolean;
}

const DEFAULTS: Kept = { sidebarWidth: 248, listWidth: 380, sidebarHidden: false };

function readKept(): Kept {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<Kept> | null;
    return { ...DEFAULTS, ...(v ?? {}) };
  } catch {
    return DEFAULTS;
  }
}

export const modeFor = (width: number): LayoutMode => (width >= 1000 ? 'wide' : width >= 800 ? 'medium' : 'narrow');

export interface Layout {
  mode: LayoutMode;
  sidebarWidth: number;
  listWidth: number;
  /** The sidebar is on screen (beside the panes when wide, over them otherwise). */
  sidebarShown: boolean;
  toggleSidebar(): void;
  hideSidebar(): void;
  setSidebarWidth(px: number): void;
  setListWidth(px: number): void;
}

export function useLayout(): Layout {
  const [kept, setKept] = useState<Kept>(readKept);
  const [width, setWidth] = useState(() => window.innerWidth);
  // Below 1000 px the sidebar is an overlay: closed until asked for, whatever the wide setting.
  const [overlayOpen, setOverlayOpen] = useState(false);
  const mode = modeFor(width);

  useEffect(() => {
    const onResize = () => setWidth(window.innerWidth);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  useEffect(() => {
    try {
      localStorage.setItem(KEY, JSON.stringify(kept));
    } catch {
      // Not remembered, still usable.
    }
  }, [kept]);
  useEffect(() => setOverlayOpen(false), [mode]);

  const toggleSidebar = useCallback(() => {
    if (mode === 'wide') setKept((k) => ({ ...k, sidebarHidden: !k.sidebarHidden }));
    else setOverlayOpen((o) => !o);
  }, [mode]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey) return;
      const mod = e.ctrlKey || e.metaKey;
      if ((mod && e.key === '\\') || (!mod && e.key === '[' && !isEditable(e.target instanceof Element ? e.target : null) && !document.querySelector('[role="dialog"]'))) {
        e.preventDefault();
        toggleSidebar();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggleSidebar]);

  const clamp = (v: number, lo: number, hi: number) => Math.round(Math.min(Math.max(v, lo), Math.max(lo, hi)));
  return {
    mode,
    sidebarWidth: kept.sidebarWidth,
    listWidth: kept.listWidth,
    sidebarShown: mode === 'wide' ? !kept.sidebarHidden : overlayOpen,
    toggleSidebar,
    hideSidebar: useCallback(() => (mode === 'wide' ? setKept((k) => ({ ...k, sidebarHidden: true })) : setOverlayOpen(false)), [mode]),
    setSidebarWidth: useCallback((px: number) => setKept((k) => ({ ...k, sidebarWidth: clamp(px, SIDEBAR_MIN, SIDEBAR_MAX) })), []),
    setListWidth: useCallback((px: number) => setKept((k) => ({ ...k, listWidth: clamp(px, LIST_MIN, 900) })), []),
  };
}
