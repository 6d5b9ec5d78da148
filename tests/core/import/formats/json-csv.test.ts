// JSON, JSONL and CSV/TSV scraper output: the usual field names mapped, one entry per record.
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../../electron/core/import/parse-document.ts';
import { concat, utf8 } from '../fixtures/encode-legacy.ts';

const spanOk = (doc: { text: string; entries: { start: number; end: number; title: string; body: string }[] }) => {
  for (const e of doc.entries) {
    const span = doc.text.slice(e.start, e.end);
    expect(span).toContain(e.title);
    expect(span).toContain(e.body);
  }
};

describe('JSON import', () => {
  it('reads an array of scraped posts with varied field names', async () => {
    const posts = [
      { headline: 'Bridge repairs approved', content: '<p>The council voted to fund the bridge.</p><p>Work starts soon.</p>', published_at: '2021-08-23T10:00:00Z', author: { name: 'Mina Rahimi' }, link: 'https://gazette.example/bridge' },
      { title: 'گزارش شورا', text: 'شورای شهر درباره‌ی کتابخانه گفتگو کرد.', timestamp: 1630000000, by: 'Sara Karimi', tags: ['library', 'council'] },
      { title: 'Ferry timetable', body: ['Summer timetable starts in June.', 'Boats leave every hour.'], date: '2021-05-01', authors: ['A. Lind', 'B. Okafor'], source: 'Harbour News' },
    ];
    const doc = await parseDocument('posts.json', utf8(JSON.stringify(posts, null, 2)));
    expect(doc.format).toBe('json');
    expect(doc.entries).toHaveLength(3);
    expect(doc.entries[0]).toMatchObject({ title: 'Bridge repairs approved', body: 'The council voted to fund the bridge.\n\nWork starts soon.', date: '2021-08-23', author: 'Mina Rahimi', url: 'https://gazette.example/bridge', dateSource: 'field' });
    expect(doc.entries[1]).toMatchObject({ title: 'گزارش شورا', date: '2021-08-26', author: 'Sara Karimi' });
    expect(doc.entries[1]!.body).toContain('درباره‌ی');
    expect(doc.entries[2]).toMatchObject({ body: 'Summer timetable starts in June.\n\nBoats leave every hour.', author: 'A. Lind, B. Okafor', outlet: 'Harbour News' });
    spanOk(doc);
  });

  it('reads a JSON Feed, nested data arrays and objects keyed by id', async () => {
    const feed = { version: 'https://jsonfeed.org/version/1.1', title: 'Valley Weekly', items: [{ id: '1', title: 'Night buses', content_html: '<p>Three lines &amp; more.</p>', date_published: '2022-01-02T08:00:00Z', authors: [{ name: 'Lena Vogel' }], url: 'https://valley.example/buses' }] };
    const f = await parseDocument('feed.json', utf8(JSON.stringify(feed)));
    expect(f.entries[0]).toMatchObject({ title: 'Night buses', body: 'Three lines & more.', date: '2022-01-02', author: 'Lena Vogel', outlet: 'Valley Weekly' });
    const nested = await parseDocument('scrape.json', utf8(JSON.stringify({ status: 'ok', data: { articles: [{ title: 'A', description: 'first' }, { title: 'B', description: 'second' }] } })));
    expect(nested.entries.map((e) => e.body)).toEqual(['first', 'second']);
    const keyed = await parseDocument('byid.json', utf8(JSON.stringify({ '101': { title: 'Park', text: 'New benches.' }, '102': { title: 'Pool', text: 'Open late.' } })));
    expect(keyed.entries.map((e) => e.title)).toEqual(['Park', 'Pool']);
  });

  it('reads JSON Lines, detected by content', async () => {
    const lines = ['{"title":"One","text":"First post","created_at":"2020-02-03"}', '', '{"title":"Two","text":"Second post"}'].join('\r\n');
    const doc = await parseDocument('dump.txt', utf8(lines));
    expect(doc.format).toBe('jsonl');
    expect(doc.entries.map((e) => [e.title, e.date])).toEqual([['One', '2020-02-03'], ['Two', null]]);
    spanOk(doc);
  });

  it('refuses JSON with no article-like records', async () => {
    await expect(parseDocument('config.json', utf8('{"width": 3, "height": 4}'))).rejects.toThrow(/no articles/u);
  });
});

describe('CSV and TSV import', () => {
  it('reads RFC 4180 quoting and does not leak the BOM into the first column name', async () => {
    const csv = 'title,text,date,author\r\n"Bridge, repairs","Line one\r\nline ""two""",2021-08-23,Mina Rahimi\r\nLibrary,Open on Sundays,23.08.2021,Omar Haddad\r\n';
    const doc = await parseDocument('export.csv', concat(Uint8Array.of(0xef, 0xbb, 0xbf), utf8(csv)));
    expect(doc.format).toBe('csv');
    expect(doc.entries).toHaveLength(2);
    expect(doc.entries[0]).toMatchObject({ title: 'Bridge, repairs', body: 'Line one\nline "two"', date: '2021-08-23', author: 'Mina Rahimi' });
    expect(doc.entries[1]).toMatchObject({ title: 'Library', date: '2021-08-23' });
    spanOk(doc);
  });

  it('reads TSV detected by content, with Persian text', async () => {
    const tsv = 'headline\tbody\tpublished\nخبر اول\tشورای شهر جلسه‌ی تازه‌ای برگزار کرد.\t2021-09-01\nخبر دوم\tکتابخانه باز شد.\t2021-09-02\n';
    const doc = await parseDocument('sheet.txt', utf8(tsv));
    expect(doc.format).toBe('tsv');
    expect(doc.entries.map((e) => e.title)).toEqual(['خبر اول', 'خبر دوم']);
    expect(doc.entries[0]!.body).toBe('شورای شهر جلسه‌ی تازه‌ای برگزار کرد.');
  });

  it('refuses a table with no text column', async () => {
    await expect(parseDocument('numbers.csv', utf8('year,count\n2020,3\n2021,4\n'))).rejects.toThrow(/no text column.*year, count/u);
  });
});
