// A wrong split must never lose text: for many generated and odd inputs, every non-blank character
// lies in an entry's span, a separator's span or the header's span, spans never overlap, and each
// entry's title and body are text taken from its own span.
import { describe, expect, it } from 'vitest';
import { parseDateLine } from '../../../../electron/core/import/split/parse-date-line.ts';
import type { SplitResult } from '../../../../electron/core/import/split/split-text-dump.ts';
import { splitMarkdown, splitTextDump } from '../../../../electron/core/import/split/split-text-dump.ts';
import { DIGEST, TEASER_LIST } from './dump-fixtures.ts';
import { LABELLED_DIGEST, SOCIAL_MARKDOWN } from './post-dump-fixtures.ts';

/** A small deterministic PRNG (mulberry32), so a failure can be reproduced from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'Otters return', 'Reed beds planted at Hollow Ford', 'Posted on: 2019/08/23', 'August 23, 2021', '23.08.21', '03/04/2021',
  'Read more', 'Continue reading', '----', '* * *', '===', 'more…', 'Author: Someone', 'Twitter: handle', '@handle',
  'Nora Fenwick, Coastal Courier, August 23 2021:… The mudflats feed birds. Why the estuary needs mudflats',
  'Radio Willow, London, August 12 2021:.. Crowds came.', 'A plain sentence that ends.', '… a truncated teaser …',
  'گزارش رودخانه', 'تاریخ: ۲۳ آگوست ۲۰۲۱', 'سطح آب پایین بود.', 'שלום עולם', 'Привет, 23 августа 2021', '# Heading', '## Sub heading',
  '---', 'title: Front', '```', 'x', '  indented line  ', '\t', 'Version 2.10.2021-beta', '12:30', ':…', 'Otters return',
  '## @harbour_watch', 'Fog on the pier. [Source](https://example.org/p/1)', '[Source](https://example.org/p/2)', '*2021-04-03 14:22*',
  'Article No. 3', 'Headline: Ferry fares rise', 'Source: The Ledger', 'Summary: No summary available', 'Link: https://example.org/a', 'Body:', '[no text]',
];

function generate(seed: number): string {
  const next = rng(seed);
  const parts: string[] = [];
  const n = 1 + Math.floor(next() * 40);
  for (let i = 0; i < n; i++) {
    parts.push(PIECES[Math.floor(next() * PIECES.length)]!);
    const gap = next();
    parts.push(gap < 0.3 ? '\n' : gap < 0.75 ? '\n\n' : gap < 0.9 ? '\n\n\n\n' : ' ');
  }
  return parts.join('');
}

function checkCoverage(text: string, result: SplitResult): void {
  const spans = [
    ...result.entries.map((e) => ({ start: e.start, end: e.end, kind: 'entry' })),
    ...(result.separators ?? []).map((s) => ({ ...s, kind: 'separator' })),
    ...(result.header ? [{ start: result.header.start, end: result.header.end, kind: 'header' }] : []),
  ].sort((a, b) => a.start - b.start);
  let previousEnd = 0;
  for (const span of spans) {
    expect(span.start, `span overlaps the previous one in ${JSON.stringify(text)}`).toBeGreaterThanOrEqual(previousEnd);
    expect(span.end).toBeGreaterThanOrEqual(span.start);
    expect(span.end).toBeLessThanOrEqual(text.length);
    expect(text.slice(previousEnd, span.start).trim(), `text outside every span in ${JSON.stringify(text)}`).toBe('');
    previousEnd = span.end;
  }
  expect(text.slice(previousEnd).trim()).toBe('');
  for (const e of result.entries) {
    const original = text.slice(e.start, e.end);
    expect(original.includes(e.body), `body not taken from its span in ${JSON.stringify(text)}`).toBe(true);
    expect(original.startsWith(e.title) || original.includes(e.title)).toBe(true);
    expect(original.trim()).toBe(original);
    // The body runs to the end of the span, unless a repeated link title or a closing date line was trimmed off.
    const rest = original.slice(original.lastIndexOf(e.body) + e.body.length).trim();
    const restIsDates = rest.split(/\s*\n\s*/u).every((line) => parseDateLine(line) !== null);
    if (rest.length > 0 && !restIsDates) expect(e.title.length, `only a link title may follow the body in ${JSON.stringify(text)}`).toBeGreaterThan(0);
  }
}

describe('no text is lost', () => {
  it('on the fixture shapes', () => {
    checkCoverage(TEASER_LIST, splitTextDump(TEASER_LIST));
    checkCoverage(DIGEST, splitTextDump(DIGEST));
    checkCoverage(LABELLED_DIGEST, splitTextDump(LABELLED_DIGEST));
    checkCoverage(SOCIAL_MARKDOWN, splitMarkdown(SOCIAL_MARKDOWN));
  });

  it('on 500 generated dumps (plain text and Markdown)', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const text = generate(seed);
      checkCoverage(text, splitTextDump(text));
      checkCoverage(text, splitMarkdown(text));
    }
  });

  it('on odd inputs', () => {
    const odd = [
      'x', '\n\n\nx\n\n\n', 'Read more', '----\n----', 'Author: A', 'Posted on: 2019/08/23', 'Title\n\nPosted on: 2019/08/23',
      '\u200C\u200F', 'a\u0000b', '🙂 emoji title\n\nbody 🙂', ' \t leading space\n\n\ttabbed body', '---\ntitle: x\n---\n',
      '# Only heading', 'Heading\n=======\n\nbody', '```\n# not a heading\n```', 'Twitter: a\n\n\n\nTwitter: b',
    ];
    for (const text of odd) {
      checkCoverage(text, splitTextDump(text));
      checkCoverage(text, splitMarkdown(text));
    }
  });
});
