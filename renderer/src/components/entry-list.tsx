// The virtualised result list: fixed-height rows, only those on screen are in the DOM, pages are
// fetched as they scroll into view. Past the browser's maximum element height the scrollbar is
// scaled, so a million rows scroll as smoothly as a hundred.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { SearchHit } from '../../../shared/contract.ts';
import { EntryRow } from './entry-row.tsx';

// Title, meta line and two snippet lines with their padding, so the second line is never cut.
export const ROW_HEIGHT = 98;
const MAX_SCROLL_PX = 8_000_000;
const OVERSCAN = 6;

interface Props {
  total: number;
  revision: number;
  hitAt(index: number): SearchHit | undefined;
  ensureRange(first: number, last: number): void;
  selectedIndex: number;
  /** Rows chosen for a collection (multi-select). */
  checked: ReadonlySet<number>;
  onSelect(index: number, mods: { shift: boolean; toggle: boolean }): void;
  resetKey: string;
  /** A kept scroll offset to put back when the list for its key shows (after a reload). */
  restoreScroll?: { key: string; top: number } | null;
  onScrolled?(key: string, top: number): void;
  isNew?(id: number): boolean;
}

export function EntryList({ total, revision, hitAt, ensureRange, selectedIndex, checked, onSelect, resetKey, restoreScroll = null, onScrolled, isNew }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);

  const fullHeight = total * ROW_HEIGHT;
  const height = Math.min(fullHeight, MAX_SCROLL_PX);
  const ratio = height > viewport ? Math.max(1, (fullHeight - viewport) / (height - viewport)) : 1;
  const virtualTop = scrollTop * ratio;

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewport(el.clientHeight || 600));
    observer.observe(el);
    setViewport(el.clientHeight || 600);
    return () => observer.disconnect();
  }, []);

  // A new search starts at the top, unless it is the one whose place was kept.
  const kept = restoreScroll?.key === resetKey ? restoreScroll.top : null;
  useEffect(() => {
    if (box.current) box.current.scrollTop = kept ?? 0;
    setScrollTop(box.current?.scrollTop ?? 0);
  }, [resetKey, kept]);

  const first = Math.max(0, Math.floor(virtualTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(total - 1, Math.ceil((virtualTop + viewport) / ROW_HEIGHT) + OVERSCAN);

  useEffect(() => {
    if (total > 0) ensureRange(first, last);
  }, [first, last, total, ensureRange, revision]);

  // Keep the keyboard selection on screen.
  useEffect(() => {
    const el = box.current;
    if (!el || selectedIndex < 0) return;
    const rowTop = selectedIndex * ROW_HEIGHT;
    const vTop = el.scrollTop * ratio;
    if (rowTop < vTop) el.scrollTop = rowTop / ratio;
    else if (rowTop + ROW_HEIGHT > vTop + el.clientHeight) el.scrollTop = (rowTop + ROW_HEIGHT - el.clientHeight) / ratio;
  }, [selectedIndex, ratio]);

  const onScroll = useCallback(() => {
    const top = box.current?.scrollTop ?? 0;
    setScrollTop(top);
    onScrolled?.(resetKey, top);
  }, [onScrolled, resetKey]);

  const rows = [];
  for (let i = first; i <= last; i++) {
    rows.push(
      <EntryRow key={i} index={i} setSize={total} hit={hitAt(i)} isNew={isNew?.(hitAt(i)?.id ?? -1) ?? false} top={scrollTop + (i * ROW_HEIGHT - virtualTop)} height={ROW_HEIGHT} selected={i === selectedIndex} checked={checked.has(i)} onClick={onSelect} />,
    );
  }
  return (
    <div
      className="entry-list"
      ref={box}
      onScroll={onScroll}
      role="listbox"
      aria-label="Search results"
      aria-multiselectable="true"
      aria-activedescendant={selectedIndex >= 0 ? `entry-row-${selectedIndex}` : undefined}
      tabIndex={0}
    >
      <div className="entry-list-spacer" style={{ height }}>
        {rows}
      </div>
    </div>
  );
}
