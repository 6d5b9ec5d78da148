// What every split must satisfy for provenance: spans never overlap, every non-blank character lies
// in an entry, separator or header span, and each body is the exact text at its body span, inside
// its entry's span.
import { expect } from 'vitest';
import type { SplitResult } from '../../../../electron/core/import/split/split-text-dump.ts';

export function expectExactSpans(text: string, result: SplitResult): void {
  const spans = [
    ...result.entries.map((e) => ({ start: e.start, end: e.end })),
    ...(result.separators ?? []),
    ...(result.header ? [{ start: result.header.start, end: result.header.end }] : []),
  ].sort((a, b) => a.start - b.start);
  let previousEnd = 0;
  for (const span of spans) {
    expect(span.start).toBeGreaterThanOrEqual(previousEnd);
    expect(text.slice(previousEnd, span.start).trim(), 'text outside every span').toBe('');
    previousEnd = span.end;
  }
  expect(text.slice(previousEnd).trim()).toBe('');
  for (const e of result.entries) {
    expect(e.bodyStart).toBeGreaterThanOrEqual(e.start);
    expect(e.bodyEnd).toBeLessThanOrEqual(e.end);
    expect(text.slice(e.bodyStart, e.bodyEnd)).toBe(e.body);
    expect(text.slice(e.start, e.end)).toContain(e.title);
  }
}
