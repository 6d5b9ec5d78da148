// Labelled digests: `Article No. N` / `Headline:` / `Source:` / `Summary:` records separated by
// rules. Labels become fields; counters and placeholders are not body text.
import { describe, expect, it } from 'vitest';
import { isPlaceholder } from '../../../../electron/core/import/split/placeholders.ts';
import { splitMarkdown, splitTextDump } from '../../../../electron/core/import/split/split-text-dump.ts';
import { LABELLED_DIGEST } from './post-dump-fixtures.ts';
import { expectExactSpans } from './span-checks.ts';

describe('a labelled digest', () => {
  const result = splitTextDump(LABELLED_DIGEST);
  const { entries } = result;

  it('yields one entry per record with its labelled fields', () => {
    expect(entries.map((e) => [e.title, e.outlet, e.date, e.author, e.url])).toEqual([
      ['Ferry fares to rise in spring', 'The Harbour Ledger', '2019-03-12', 'Mira Castellane', 'https://example.org/ledger/ferry-fares'],
      ['Lifeboat crew rescues kayakers off Dunmore Head', 'Western Coast Radio', '2019-03-13', null, 'https://example.org/wcr/lifeboat'],
      ['Pier repairs delayed until summer', 'Kerrow Gazette', '2019-03-14', 'Tomas Breck', 'https://example.org/gazette/pier'],
      ['Harbour master retires after thirty years', 'The Harbour Ledger', '2019-03-15', null, 'https://example.org/ledger/harbour-master'],
    ]);
  });

  it('the body is the article text: no counter, no labels before it, no placeholder', () => {
    expect(entries.map((e) => e.body)).toEqual([
      'Fares on the island route will rise by eight percent from April, the operator said on Monday.\n\nIt blames the price of fuel and a new berth at Kerrow.',
      'Two kayakers were brought ashore after their boats overturned.',
      // Only placeholders: the title stays, the body is empty rather than "[no text]".
      '',
      // Text under a bare `Body:` label is all body, even a line that looks like a label.
      'Elsa Norrvik took charge of the harbour in 1989.\nSection: she kept the logbooks in her own hand.',
    ]);
    for (const e of entries) expect(e.body).not.toMatch(/Article No\.|No summary available|N\/A|No content|\[no text\]|Headline:|Link:/u);
  });

  it('the opening line names the digest and is no entry', () => {
    expect(result.header).toMatchObject({ siteName: 'Coastal press digest, week 11', start: 0 });
    expect(entries.every((e) => e.title.trim() !== '')).toBe(true);
  });

  it('keeps exact spans: each record from its counter, each body the text at its body span', () => {
    expectExactSpans(LABELLED_DIGEST, result);
    expect(LABELLED_DIGEST.slice(entries[1]!.start, entries[1]!.end).startsWith('Article No. 2\nTitle: Lifeboat')).toBe(true);
    expect(LABELLED_DIGEST.slice(entries[1]!.start, entries[1]!.end).endsWith('Text: No content')).toBe(true);
  });
});

describe('labelled records in other arrangements', () => {
  it('counters alone separate records, and a record without a headline is titled by its text', () => {
    const text =
      'Item 1 of 2\nSource: Kerrow Gazette\nPublished: 2 May 2020\nLink: https://example.org/g/1\nThe lifeboat station opens its doors on Saturday. Tours run all day.\n\nItem 2 of 2\nHeadline: Gull chicks ringed\nSource: https://example.org/g/2\nSummary: Wardens ringed forty chicks.\n';
    const result = splitTextDump(text);
    expect(result.entries.map((e) => [e.title, e.outlet, e.date, e.url, e.body])).toEqual([
      ['The lifeboat station opens its doors on Saturday', 'Kerrow Gazette', '2020-05-02', 'https://example.org/g/1', 'The lifeboat station opens its doors on Saturday. Tours run all day.'],
      // A Source that is a link is the URL, not the outlet.
      ['Gull chicks ringed', null, null, 'https://example.org/g/2', 'Wardens ringed forty chicks.'],
    ]);
    expectExactSpans(text, result);
  });

  it('a record with neither a title nor text is no entry', () => {
    const text = 'Article No. 1\nHeadline: Tide tables printed\nDate: 3 June 2020\nSummary: The new tables are out.\n-----\nArticle No. 2\nDate: 4 June 2020\nSummary: No summary available\n-----\n';
    const result = splitTextDump(text);
    expect(result.entries.map((e) => e.title)).toEqual(['Tide tables printed']);
    expectExactSpans(text, result);
  });

  it('a text with a single labelled line is not a digest', () => {
    const text = 'Author: Kerrow Harbour Trust\n\nNets mended\n\nThe crew mended the nets on the quay.';
    const { entries } = splitTextDump(text);
    expect(entries.map((e) => e.title)).toEqual(['Nets mended']);
  });
});

describe('placeholders', () => {
  it('recognises the stand-ins digests write for missing text, and not real text', () => {
    for (const p of ['No summary available', 'N/A', 'n/a', 'No content', '[no text]', 'None', '(no abstract available)', 'Summary not available', '—']) expect(isPlaceholder(p), p).toBe(true);
    for (const t of ['No', 'None of the boats sailed.', 'No summary of the meeting was kept, the clerk said.', 'Content warning: storms']) expect(isPlaceholder(t), t).toBe(false);
  });
});

describe('a labelled digest saved as Markdown', () => {
  it('is read as a digest: its rules do not turn the lines above them into headings', () => {
    const result = splitMarkdown(LABELLED_DIGEST);
    expect(result.entries.map((e) => e.title)).toEqual(splitTextDump(LABELLED_DIGEST).entries.map((e) => e.title));
    expect(result.entries[0]!.body.endsWith('a new berth at Kerrow.')).toBe(true);
    expectExactSpans(LABELLED_DIGEST, result);
  });
});
