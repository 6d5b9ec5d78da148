// An entry's text cut where any highlight starts or ends, so overlapping highlights can be drawn
// (each piece knows every highlight covering it), then split into lines for formats whose marks
// cannot cross a paragraph (Markdown, Word).
import { toUtf16 } from '../../../shared/entry-text.ts';
import type { ExportHighlight } from './export-model.ts';

export interface Piece {
  text: string;
  /** Indexes (into the highlights given) of the highlights covering this piece, innermost last. */
  covering: number[];
  /** Highlights that end right after this piece (where a note marker goes). */
  endingHere: number[];
}

export function segmentText(text: string, highlights: ExportHighlight[]): Piece[] {
  const spans = highlights.map((h, i) => ({ i, s: toUtf16(text, h.start), e: toUtf16(text, h.end) }));
  const cuts = new Set<number>([0, text.length]);
  for (const sp of spans) cuts.add(sp.s).add(sp.e);
  const points = [...cuts].sort((a, b) => a - b);
  const pieces: Piece[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const from = points[k]!;
    const to = points[k + 1]!;
    if (to <= from) continue;
    const covering = spans
      .filter((sp) => sp.s <= from && sp.e >= to)
      .sort((a, b) => a.s - b.s || b.e - a.e)
      .map((sp) => sp.i);
    const endingHere = spans.filter((sp) => sp.e === to).map((sp) => sp.i);
    pieces.push({ text: text.slice(from, to), covering, endingHere });
  }
  return pieces;
}

/** The pieces regrouped by line ("\n" ends a line; a piece spanning lines is split). */
export function pieceLines(pieces: Piece[]): Piece[][] {
  const lines: Piece[][] = [[]];
  for (const piece of pieces) {
    const parts = piece.text.split('\n');
    parts.forEach((part, k) => {
      if (k > 0) lines.push([]);
      const last = k === parts.length - 1;
      if (part !== '' || (last && piece.endingHere.length > 0)) lines[lines.length - 1]!.push({ text: part, covering: piece.covering, endingHere: last ? piece.endingHere : [] });
    });
  }
  return lines;
}

/** The passage with `context` code points either side (a highlights-only export's excerpt). */
export function withContext(text: string, h: { start: number; end: number }, context: number): { before: string; passage: string; after: string } {
  const s = toUtf16(text, h.start);
  const e = toUtf16(text, h.end);
  const before = Array.from(text.slice(Math.max(0, s - context * 2), s));
  const after = Array.from(text.slice(e, e + context * 2));
  return { before: before.slice(Math.max(0, before.length - context)).join(''), passage: text.slice(s, e), after: after.slice(0, context).join('') };
}
