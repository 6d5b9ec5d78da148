// Markup inside JSON and CSV fields comes in as text the same way in every field: an author, a
// title or an outlet with tags and entities reads as clean one-line text (as the list, the reader
// and the facets show it), a body keeps its paragraphs, and a `<` that is not markup stays.
import { describe, expect, it } from 'vitest';
import { fieldText } from '../../../../electron/core/import/formats/field-text.ts';
import { parseDocument } from '../../../../electron/core/import/parse-document.ts';
import { utf8 } from '../fixtures/encode-legacy.ts';

const RECORD = {
  title: '<span class="hl">Ferry&nbsp;fares</span> &amp; <em>timetables</em>',
  author: '<b class="byline">Harbour\n   Desk</b>',
  outlet: '<a href="https://coast.example/">Coast &#8220;Courier&#8221;</a>',
  body: '<p>Fares rise in <strong>May</strong>.</p><p>Boats leave at 7 &amp; 9.</p>',
  date: '2019-03-04',
};
const CLEAN = { title: 'Ferry fares & timetables', author: 'Harbour Desk', outlet: 'Coast “Courier”', body: 'Fares rise in May.\n\nBoats leave at 7 & 9.' };

const PLAIN = { title: 'Why a < b matters', author: 'R. Lowe', outlet: 'Maths & More', body: 'If a < b and b > c, nothing follows about a and c.\nSee x<y too.', date: '2019-03-05' };

const csvField = (s: string) => `"${s.replace(/"/gu, '""')}"`;
const csv = (rows: Record<string, string>[]) =>
  [Object.keys(rows[0]!).join(','), ...rows.map((r) => Object.values(r).map(csvField).join(','))].join('\n') + '\n';

describe('markup inside record fields', () => {
  it.each([
    ['JSON', 'posts.json', JSON.stringify([RECORD, PLAIN])],
    ['CSV', 'posts.csv', csv([RECORD, PLAIN])],
  ])('%s: author, title, outlet and body come in as clean text', async (_format, name, text) => {
    const doc = await parseDocument(name, utf8(text));
    expect(doc.entries).toHaveLength(2);
    expect(doc.entries[0]).toMatchObject(CLEAN);
    // Plain text with a `<` that is no tag is kept as it is.
    expect(doc.entries[1]).toMatchObject({ title: PLAIN.title, author: PLAIN.author, outlet: PLAIN.outlet, body: PLAIN.body });
  });

  it('a JSON Feed\'s title, the outlet of its items, comes in as clean text too', async () => {
    const feed = { version: 'https://jsonfeed.org/version/1.1', title: '<b>Valley</b> &amp; Hills Weekly', items: [{ id: '1', title: 'Night buses', content_text: 'Three lines run all night.' }] };
    const doc = await parseDocument('feed.json', utf8(JSON.stringify(feed)));
    expect(doc.entries[0]).toMatchObject({ title: 'Night buses', outlet: 'Valley & Hills Weekly' });
  });

  it('renders a one-line field with blocks and line breaks as one line, dropping scripts', () => {
    expect(fieldText('<div>Harbour</div><div>Desk</div>', 'line')).toBe('Harbour Desk');
    expect(fieldText('Lena<br>Vogel', 'line')).toBe('Lena Vogel');
    expect(fieldText('<script>track()</script><i>Valley</i> Weekly', 'line')).toBe('Valley Weekly');
    expect(fieldText('  Tom &amp; Jerry\n ', 'line')).toBe('Tom & Jerry');
    expect(fieldText('AT&T <3 you', 'line')).toBe('AT&T <3 you');
    // Plain text keeps its own spacing (provenance shows it verbatim); only line breaks are folded.
    expect(fieldText('Tram  timetable', 'line')).toBe('Tram  timetable');
    expect(fieldText('Harbour\r\n  Desk', 'line')).toBe('Harbour Desk');
  });
});
