// A small annotated archive for the export tests, made from files written here: a JSON file of
// three records (English with an emoji, Persian right-to-left with a ZWNJ, Chinese) and a WARC
// capture of one page. Nested codes, overlapping highlights, a note, tags, an entry note and a
// collection holding every entry.
import fs from 'node:fs';
import path from 'node:path';
import { Archive } from '../../../electron/core/archive.ts';
import type { Code, CollectionSummary, Highlight } from '../../../shared/contract.ts';
import { entryText, toCodePoints } from '../../../shared/entry-text.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

export const RECORDS = [
  { title: 'Ferry service returns', text: 'The harbour ferry sailed again on Monday 🚢 after two weeks of repairs. Fares stay the same.', date: '2019-04-02', author: 'Ana Ruiz', outlet: 'Valley Courier' },
  { title: 'سیل در بندر', text: 'باران شدید باعث سیل در خیابان‌های بندر شد. مردم نگران قیمت نان هستند.', date: '2019-05-11', author: 'مریم احمدی', outlet: 'خبر بندر' },
  { title: '港口渡轮恢复', text: '今天港口的渡轮恢复运营。乘客很多，票价不变。𠀋字也在这里。', date: '2019-06-20', author: '李华', outlet: '港口日报' },
];

export function warcBytes(): Uint8Array {
  const html = utf8('<html><head><title>Dock workers meet</title><meta name="author" content="Tom Weller"></head><body><article><p>Dock workers met on Friday to discuss the new shift rota and the price of lunch.</p></article></body></html>');
  const http = new Uint8Array([...utf8('HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n'), ...html]);
  return new Uint8Array([
    ...utf8(`WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:5d0c3e36-4b7a-4c1e-9a51-0e0d2b9f8a11>\r\nWARC-Target-URI: https://docks.example/meeting\r\nWARC-Date: 2019-07-05T09:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${http.length}\r\n\r\n`),
    ...http,
    ...utf8('\r\n\r\n'),
  ]);
}

export interface BuiltCollection {
  archive: Archive;
  collection: CollectionSummary;
  codes: Record<'topics' | 'economy' | 'prices' | 'places' | 'people', Code>;
  highlights: Highlight[];
  entryIds: { ferry: number; persian: number; chinese: number; docks: number };
}

export async function buildCollection(dir: string, name = 'study.quire'): Promise<BuiltCollection> {
  fs.writeFileSync(path.join(dir, 'posts.json'), JSON.stringify(RECORDS, null, 2));
  fs.writeFileSync(path.join(dir, 'docks.warc'), warcBytes());
  const archive = new Archive(path.join(dir, name));
  await archive.call('importFiles', { paths: [path.join(dir, 'posts.json'), path.join(dir, 'docks.warc')] });
  const idOf = (title: string) => archive.db.prepare('SELECT id FROM entries WHERE title = ?').pluck().get(title) as number;
  const entryIds = { ferry: idOf(RECORDS[0]!.title), persian: idOf(RECORDS[1]!.title), chinese: idOf(RECORDS[2]!.title), docks: idOf('Dock workers meet') };
  const code = (name: string, parentId: number | null, color: string, description: string | null = null) => archive.call('saveCode', { name, parentId, color, description }) as Code;
  const topics = code('Topics', null, '#3366cc', 'What the piece is about');
  const economy = code('Economy', topics.id, '#e8a33d', 'Money, prices, work');
  const prices = code('Prices', economy.id, '#d0453a');
  const places = code('Places', null, '#2f9e6e');
  const people = code('People', null, '#8e5bd0');
  const highlights: Highlight[] = [];
  const mark = (entryId: number, quote: string, codeIds: number[], note: string | null = null, occurrence = 0) => {
    const row = archive.db.prepare('SELECT title, body FROM entries WHERE id = ?').get(entryId) as { title: string; body: string };
    const text = entryText(row.title, row.body);
    let at = -1;
    for (let k = 0; k <= occurrence; k++) at = text.indexOf(quote, at + 1);
    if (at < 0) throw new Error(`"${quote}" is not in entry ${entryId}`);
    const h = archive.call('createHighlight', { entryId, start: toCodePoints(text, at), end: toCodePoints(text, at + quote.length), codeIds, note }) as Highlight;
    highlights.push(h);
    return h;
  };
  // Overlapping: the ferry's sailing (places) overlaps Monday with the emoji (economy), inside the title too.
  mark(entryIds.ferry, 'harbour ferry sailed again on Monday', [places.id]);
  mark(entryIds.ferry, 'Monday 🚢 after two weeks', [economy.id, people.id], 'Emoji inside the passage: positions count it as one.');
  mark(entryIds.ferry, 'Fares stay the same', [prices.id]);
  mark(entryIds.persian, 'خیابان‌های بندر', [places.id], 'با نیم‌فاصله');
  mark(entryIds.persian, 'قیمت نان', [prices.id]);
  mark(entryIds.chinese, '渡轮恢复运营', [topics.id]);
  mark(entryIds.chinese, '𠀋字', [people.id], 'A character outside the BMP.');
  mark(entryIds.docks, 'the price of lunch', [prices.id, places.id]);
  archive.call('setEntryTags', { entryId: entryIds.ferry, tags: ['transport', 'good news'] });
  archive.call('saveEntryNote', { entryId: entryIds.persian, text: 'Compare with the Arabic-keyboard spelling.' });
  const collection = archive.call('saveCollection', { name: 'Harbour study', description: 'Everything about the harbour' }) as CollectionSummary;
  archive.call('addToCollection', { collectionId: collection.id, entryIds: [entryIds.ferry, entryIds.persian, entryIds.chinese, entryIds.docks] });
  return { archive, collection, codes: { topics, economy, prices, places, people }, highlights, entryIds };
}
