// Splits text into plain and highlighted runs from character spans (no HTML is ever built).
import type { HighlightSpan } from '../../../shared/contract.ts';

export interface TextRun {
  text: string;
  hit: boolean;
}

export function toRuns(text: string, spans: readonly HighlightSpan[]): TextRun[] {
  const sorted = spans
    .filter((s) => s.end > s.start && s.start < text.length)
    .map((s) => ({ start: Math.max(0, s.start), end: Math.min(text.length, s.end) }))
    .sort((a, b) => a.start - b.start);
  const runs: TextRun[] = [];
  let pos = 0;
  for (const s of sorted) {
    if (s.end <= pos) continue;
    const start = Math.max(s.start, pos);
    if (start > pos) runs.push({ text: text.slice(pos, start), hit: false });
    runs.push({ text: text.slice(start, s.end), hit: true });
    pos = s.end;
  }
  if (pos < text.length) runs.push({ text: text.slice(pos), hit: false });
  return runs;
}
