// Marking an entry's text in its original region: as written, with other white space, or escaped.
import { describe, expect, it } from 'vitest';
import { findMarks } from '../../../electron/core/import/original-region.ts';

const collapse = (s: string) => s.replace(/\s+/gu, ' ').trim();

describe('marks in the original region', () => {
  it('marks an HTML paragraph the page wraps over lines, as not verbatim, on the exact source span', () => {
    const html = '<main><h1>Tide tables</h1>\n<p>High tide at\n      6:40, low tide\tat 12:55.</p>\n<p>Boats wait &amp; watch.</p></main>';
    const marks = findMarks(html, 'Tide tables', 'High tide at 6:40, low tide at 12:55.\n\nBoats wait & watch.');
    expect(marks.map((m) => [m.field, html.slice(m.start, m.end), m.verbatim])).toEqual([
      ['title', 'Tide tables', true],
      ['body', 'High tide at\n      6:40, low tide\tat 12:55.', false],
      ['body', 'Boats wait &amp; watch.', false],
    ]);
    expect(collapse(html.slice(marks[1]!.start, marks[1]!.end))).toBe('High tide at 6:40, low tide at 12:55.');
  });

  it('finds the body line by line, in order, inside a JSON string', () => {
    const record = '{"title":"A","text":"one\\ntwo\\none"}';
    const marks = findMarks(record, 'A', 'one\ntwo\none\nnever there');
    expect(marks.filter((m) => m.field === 'body').map((m) => m.start)).toEqual([record.indexOf('one'), record.indexOf('two'), record.lastIndexOf('one')]);
  });
});
