// Maps a DOM selection in the reader to offsets of the entry text and back. Every rendered text
// run is an element carrying `data-s` (its UTF-16 start in the entry text) whose only child is the
// run's text node, so a point inside a run is exact; a point between runs (a triple-click ends at
// the next paragraph, a drag may end in the margin) snaps to the next run's start. Separators that
// are not rendered (the blank line after the title, between paragraphs) are still counted, because
// each run knows where it starts.
import { toCodePoints, toUtf16 } from '../../../shared/entry-text.ts';

export const RUN_ATTR = 'data-s';

function runStart(el: Element): number {
  return Number(el.getAttribute(RUN_ATTR));
}

function runs(root: Element): Element[] {
  return Array.from(root.querySelectorAll(`[${RUN_ATTR}]`));
}

/** The UTF-16 index of a DOM boundary point, or null when the root has no runs. */
export function pointToIndex(root: Element, node: Node, offset: number): number | null {
  const parent = node.nodeType === Node.TEXT_NODE ? node.parentElement : null;
  if (parent?.hasAttribute(RUN_ATTR) && root.contains(parent)) return runStart(parent) + offset;
  if (node instanceof Element && node.hasAttribute(RUN_ATTR) && root.contains(node)) {
    return runStart(node) + (offset === 0 ? 0 : (node.textContent ?? '').length);
  }
  const all = runs(root);
  if (all.length === 0) return null;
  const point = document.createRange();
  point.setStart(node, offset);
  // The first run starting at or after the point (runs are in document order).
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (point.comparePoint(all[mid]!, 0) >= 0) hi = mid;
    else lo = mid + 1;
  }
  if (lo < all.length) return runStart(all[lo]!);
  const last = all[all.length - 1]!;
  return runStart(last) + (last.textContent ?? '').length;
}

export interface TextRange {
  /** UTF-16 indexes of the entry text. */
  start16: number;
  end16: number;
  /** Code points of the entry text (what the archive stores). */
  start: number;
  end: number;
  exact: string;
}

/**
 * The entry text range a DOM range covers, without white space at either end; null when it lies
 * outside the root's runs or covers only white space.
 */
export function rangeToOffsets(root: Element, range: Range, text: string): TextRange | null {
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
  let s = pointToIndex(root, range.startContainer, range.startOffset);
  let e = pointToIndex(root, range.endContainer, range.endOffset);
  if (s === null || e === null) return null;
  if (s > e) [s, e] = [e, s];
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  if (e <= s) return null;
  const start = toCodePoints(text, s);
  const end = toCodePoints(text, e);
  return { start16: toUtf16(text, start), end16: toUtf16(text, end), start, end, exact: text.slice(toUtf16(text, start), toUtf16(text, end)) };
}

/** A DOM range over the entry text's code points [start, end), e.g. to scroll to or to measure. */
export function offsetsToRange(root: Element, text: string, start: number, end: number): Range | null {
  const s = toUtf16(text, start);
  const e = toUtf16(text, end);
  const all = runs(root);
  const locate = (index: number, atEnd: boolean): [Node, number] | null => {
    for (const run of all) {
      const from = runStart(run);
      const len = (run.textContent ?? '').length;
      const inside = atEnd ? index > from && index <= from + len : index >= from && index < from + len;
      if (inside && run.firstChild) return [run.firstChild, index - from];
    }
    return null;
  };
  const a = locate(s, false);
  const b = locate(e, true);
  if (!a || !b) return null;
  const range = document.createRange();
  range.setStart(a[0], a[1]);
  range.setEnd(b[0], b[1]);
  return range;
}
