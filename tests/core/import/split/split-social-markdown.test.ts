// Markdown dumps of social accounts: `## @account` sections of posts separated by rules, each
// closed by `[Source](url)`. The account is the author, the link the URL, a date line the date.
import { describe, expect, it } from 'vitest';
import { splitMarkdown } from '../../../../electron/core/import/split/split-text-dump.ts';
import { SOCIAL_MARKDOWN } from './post-dump-fixtures.ts';
import { expectExactSpans } from './span-checks.ts';

describe('a Markdown export of social accounts', () => {
  const result = splitMarkdown(SOCIAL_MARKDOWN);
  const { entries } = result;

  it('yields one entry per post, with its account, link and date', () => {
    expect(entries.map((e) => [e.author, e.url, e.date])).toEqual([
      ['@harbour_watch', 'https://example.org/harbour_watch/101', null],
      ['@harbour_watch', 'https://example.org/harbour_watch/102', '2021-04-03'],
      ['@harbour_watch', 'https://example.org/harbour_watch/103', '2021-04-05'],
      ['@tidal_notes_kerrow', 'https://example.org/tidal_notes_kerrow/7', '2021-04-09'],
      ['@tidal_notes_kerrow', 'https://example.org/tidal_notes_kerrow/8', null],
    ]);
  });

  it('titles each post with its first sentence, kept short, and keeps the whole post as the body', () => {
    expect(entries.map((e) => e.title)).toEqual([
      'Fog over the north pier again this morning',
      'The old signal house on Quay Row has new shutters, painted the same green as before',
      'Gulls have taken the roof of the net shed again!',
      'Spring tides this weekend: the causeway will be under water from about ten',
      'Low water at Kerrow sands is the best time to look for the old wreck ribs',
    ]);
    expect(entries[0]!.body).toBe('Fog over the north pier again this morning. The 7:40 ferry is waiting for it to lift.');
    expect(entries[1]!.body).toBe('The old signal house on Quay Row has new shutters, painted the same green as before.\n\nVolunteers finished the last one at noon.');
    expect(entries[4]!.body.endsWith('keep an eye on the channel.')).toBe(true);
  });

  it('keeps links, date lines and account headings out of every body', () => {
    for (const e of entries) {
      expect(e.body).not.toMatch(/\[Source\]|https?:|^\*?\d{4}-\d{2}-\d{2}|Date:|@harbour|@tidal/mu);
      expect(e.body.trim()).not.toBe('');
    }
  });

  it('a heading with no text of its own is no entry: it names the export', () => {
    expect(entries.some((e) => e.title === 'Channel export' || e.title.startsWith('@'))).toBe(false);
    expect(result.header).toMatchObject({ siteName: 'Channel export', start: 0 });
  });

  it('keeps exact spans: each body is the text at its body span', () => {
    expectExactSpans(SOCIAL_MARKDOWN, result);
    const second = entries[1]!;
    expect(SOCIAL_MARKDOWN.slice(second.start, second.end)).toBe(
      '*2021-04-03 14:22*\nThe old signal house on Quay Row has new shutters, painted the same green as before.\n\nVolunteers finished the last one at noon.\n[Source](https://example.org/harbour_watch/102)',
    );
  });
});

describe('account headings and bare headings elsewhere', () => {
  it('a channel heading without @ names the account when its posts end in source links', () => {
    const text = '## Kerrow Ferry Updates\n\nSailings resume at noon.\n[Source](https://example.org/kfu/1)\n\n---\n\nLast sailing cancelled tonight.\n[Source](https://example.org/kfu/2)\n';
    const result = splitMarkdown(text);
    expect(result.entries.map((e) => [e.title, e.author, e.url])).toEqual([
      ['Sailings resume at noon', 'Kerrow Ferry Updates', 'https://example.org/kfu/1'],
      ['Last sailing cancelled tonight', 'Kerrow Ferry Updates', 'https://example.org/kfu/2'],
    ]);
    expectExactSpans(text, result);
  });

  it('an ordinary article keeps its heading as title and takes its closing source link as URL', () => {
    const text = '## Breakwater survey published\n\nThe survey found two weak sections.\n\n[Source](https://example.org/survey)\n';
    const result = splitMarkdown(text);
    expect(result.entries).toHaveLength(1);
    expect(result.entries[0]).toMatchObject({ title: 'Breakwater survey published', body: 'The survey found two weak sections.', url: 'https://example.org/survey', author: null });
    expectExactSpans(text, result);
  });

  it('a bare heading between sections is no entry, and belongs to none', () => {
    const text = '# Part one\n\n## Nets mended\n\nThe crew mended nets.\n\n# Part two\n\n## Boats painted\n\nThe boats were painted.\n';
    const result = splitMarkdown(text);
    expect(result.entries.map((e) => [e.title, e.body])).toEqual([
      ['Nets mended', 'The crew mended nets.'],
      ['Boats painted', 'The boats were painted.'],
    ]);
    expect(result.header).toMatchObject({ siteName: 'Part one' });
    expect(result.separators).toContainEqual({ start: text.indexOf('# Part two'), end: text.indexOf('# Part two') + '# Part two'.length });
    expectExactSpans(text, result);
  });

  it('a post that is only a date line is no entry', () => {
    const text = '## @quay_cam\n\n*2021-05-01 08:00*\n\n---\n\nBoats out early.\n[Source](https://example.org/qc/2)\n';
    const result = splitMarkdown(text);
    expect(result.entries.map((e) => e.title)).toEqual(['Boats out early']);
    expectExactSpans(text, result);
  });

  it('a file of headings alone still has its headings as entries', () => {
    expect(splitMarkdown('# Only a heading\n').entries.map((e) => e.title)).toEqual(['Only a heading']);
  });
});

describe('posts written one after another', () => {
  it('a source link ends a post even without a rule, and a date line after the link is its date', () => {
    const text =
      '## @quay_cam\n\nBoats out early.\n[Source](https://example.org/qc/1)\n\nHeavy rain by noon, harbour empty.\n[Source](https://example.org/qc/2)\n*2021-05-02 12:05*\n\n---\n\nClear evening.\n[Source](https://example.org/qc/3)\n';
    const result = splitMarkdown(text);
    expect(result.entries.map((e) => [e.body, e.url, e.date, e.author])).toEqual([
      ['Boats out early.', 'https://example.org/qc/1', null, '@quay_cam'],
      ['Heavy rain by noon, harbour empty.', 'https://example.org/qc/2', '2021-05-02', '@quay_cam'],
      ['Clear evening.', 'https://example.org/qc/3', null, '@quay_cam'],
    ]);
    expectExactSpans(text, result);
  });
});

describe('rules in a dump of accounts', () => {
  it('a --- right under a post without a link is a rule there, not a heading underline', () => {
    const text = '## @quay_cam\nBoats out early.\n---\nHeavy rain by noon.\n[Source](https://example.org/qc/2)\n';
    const result = splitMarkdown(text);
    expect(result.entries.map((e) => [e.title, e.author, e.url])).toEqual([
      ['Boats out early', '@quay_cam', null],
      ['Heavy rain by noon', '@quay_cam', 'https://example.org/qc/2'],
    ]);
    expectExactSpans(text, result);
  });
});
