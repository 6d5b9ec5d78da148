// Cuts the entry text into segments that each know whether a search term covers them and which
// highlights do, so overlapping highlights can all be drawn and each one clicked.
import type { HighlightSpan } from '../../../shared/contract.ts';
import { toUtf16 } from '../../../shared/entry-text.ts';

/** A highlight's range in UTF-16 indexes of the entry text. */
export interface MarkRange {
  id: number;
  start: number;
  end: number;
}

export interface Segment {
  /** UTF-16 index in the entry text. */
  start: number;
  text: string;
  search: boolean;
  /** Ids of the highlights covering the segment, shortest first (the one a click opens first). */
  highlights: number[];
}

/** Highlights' code point offsets as UTF-16 ranges of the entry text. */
export function markRanges(text: string, highlights: readonly { id: number; start: number; end: number }[]): MarkRange[] {
  return highlights.map((h) => ({ id: h.id, start: toUtf16(text, h.start), end: toUtf16(text, h.end) })).filter((r) => r.end > r.start);
}

/** Paragraphs of a body as [from, to) ranges, separated by blank lines; empty ones are left out. */
export function paragraphRanges(body: string): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  const re = /\n\s*\n/g;
  let from = 0;
  const push = (to: number) => {
    if (body.slice(from, to).trim()) out.push({ from, to });
  };
  let m: RegExpExecArray | null;
  while ((m = re.exec(body)) !== null) {
    push(m.index);
    from = m.index + m[0].length;
  }
  push(body.length);
  return out;
}

/** The segments of text[from, to): `search` spans and `marks` are in the same (entry text) indexes. */
export function segmentsOf(text: string, from: number, to: number, search: readonly HighlightSpan[], marks: readonly MarkRange[]): Segment[] {
  const cuts = new Set([from, to]);
  for (const r of [...search, ...marks]) {
    if (r.start > from && r.start < to) cuts.add(r.start);
    if (r.end > from && r.end < to) cuts.add(r.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const byLength = [...marks].sort((a, b) => a.end - a.start - (b.end - b.start) || a.id - b.id);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i]!;
    const e = points[i + 1]!;
    out.push({
      start: s,
      text: text.slice(s, e),
      search: search.some((r) => r.start < e && r.end > s),
      highlights: byLength.filter((r) => r.start < e && r.end > s).map((r) => r.id),
    });
  }
  return out;
}
