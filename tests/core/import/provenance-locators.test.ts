// Every entry's locator, followed in the original file alone, reaches the record it came from, and
// "Show original" returns that real region with the entry's title and body marked where they occur.
import { gzipSync } from 'fflate';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EntryDetail, EntryOriginal, EntryProvenance, ImportReport, SourceLocator } from '../../../shared/contract.ts';
import { Archive } from '../../../electron/core/archive.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { concat, encodeSingleByte, encodeUtf16, utf8 } from './fixtures/encode-legacy.ts';
import { makePdf } from './fixtures/make-pdf.ts';

type Of<K extends SourceLocator['kind']> = Extract<SourceLocator, { kind: K }>;

interface Imported {
  entry: EntryDetail;
  prov: EntryProvenance;
  original: EntryOriginal;
}

/** RFC 6901: the value a JSON Pointer names. */
function resolvePointer(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/gu, '/').replace(/~0/gu, '~'))
    .reduce<unknown>((v, token) => (v as Record<string, unknown>)[token], value);
}

/** Every mark cuts text the entry has: a title mark is the title, a body mark is part of the body. */
function expectMarksInEntry(o: EntryOriginal, title: string, body: string): void {
  for (const m of o.marks) {
    const cut = o.text.slice(m.start, m.end);
    if (!m.verbatim) continue;
    if (m.field === 'title') expect(cut).toBe(title);
    else expect(body).toContain(cut);
  }
}

describe('provenance locators', () => {
  const dir = tempDir();
  const archive = new Archive(path.join(dir, 'locators.quire'));
  afterAll(() => archive.close());

  /** Imports one file and returns each of its entries with its link to that file and its original. */
  async function importOne(name: string, content: string | Uint8Array): Promise<Imported[]> {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    const report = (await archive.call('importFiles', { paths: [file] })) as ImportReport;
    expect(report.files[0]).toMatchObject({ status: 'imported' });
    const sourceId = report.files[0]!.sourceId!;
    const ids = (archive.db.prepare('SELECT entry_id AS id FROM entry_sources WHERE source_id = ? ORDER BY ordinal').all(sourceId) as { id: number }[]).map((r) => r.id);
    const out: Imported[] = [];
    for (const id of ids) {
      const entry = (await archive.call('getEntry', { id })) as EntryDetail;
      const prov = entry.provenance.find((p) => p.sourceId === sourceId)!;
      out.push({ entry, prov, original: await archive.call('getEntryOriginal', { id, sourceId }) });
    }
    return out;
  }

  it('JSON: a pointer to each record (a Persian one among them) whose span in the file is that record', async () => {
    const records = [
      { id: 1, title: 'Bridge repairs approved', content: 'The council voted on Tuesday to repair the old bridge.', author: 'Ana Ruiz' },
      { id: 2, title: 'گزارش شورای شهر', content: 'شورای شهر روز سه‌شنبه درباره‌ی بودجه‌ی کتابخانه‌ی مرکزی رأی داد.\n\nجلسه‌ی بعدی در ماه آینده است.', author: 'سارا کریمی' },
      { id: 3, title: 'Library hours', content: 'The library opens on Sundays "from noon" / until six.', author: 'Li Wei' },
    ];
    const text = JSON.stringify({ meta: { count: 3, note: 'a {tricky} "string" with [brackets]' }, data: { items: records } }, null, 2);
    const got = await importOne('feed.json', text);
    expect(got).toHaveLength(3);
    const parsed = JSON.parse(text);
    got.forEach(({ entry, original, prov }, i) => {
      const loc = prov.locator as Of<'json'>;
      expect(loc).toMatchObject({ kind: 'json', extractor: 'quire-json/1', pointer: `/data/items/${i}`, line: null });
      // Following the locator in the file alone: the pointer names the record, the span is its text.
      expect(resolvePointer(parsed, loc.pointer)).toEqual(records[i]);
      expect(JSON.parse(text.slice(loc.start, loc.end))).toEqual(records[i]);
      expect(original).toMatchObject({ text: text.slice(loc.start, loc.end), unit: 'chars', label: `record /data/items/${i}` });
      expect(original.marks.filter((m) => m.field === 'title')).toHaveLength(1);
      expect(original.marks.some((m) => m.field === 'body')).toBe(true);
      // Escaped in the file ("from noon" as \"from noon\"): marked, but not as verbatim.
      if (i === 2) expect(original.marks.find((m) => m.field === 'body')).toMatchObject({ verbatim: false });
      expectMarksInEntry(original, entry.title, entry.body);
    });
    // The Persian record: its body is marked inside its own JSON string (line breaks written as \n escapes), nothing from another record.
    const persian = got[1]!.original;
    expect(persian.text).toContain('"id": 2');
    expect(persian.text).not.toContain('Bridge');
    const [bodyMark, ...more] = persian.marks.filter((m) => m.field === 'body');
    expect(more).toEqual([]);
    expect(bodyMark).toMatchObject({ verbatim: false });
    expect(JSON.parse(`"${persian.text.slice(bodyMark!.start, bodyMark!.end)}"`)).toBe(got[1]!.entry.body);
    expect(persian.text.slice(persian.marks[0]!.start, persian.marks[0]!.end)).toBe('گزارش شورای شهر');
  });

  it('JSON keyed by id and JSONL: the pointer escapes ~ and /, and JSON Lines gives the line', async () => {
    const keyed = { 'a/b~1': { title: 'Keyed record', text: 'A record under an awkward key.' } };
    const [k] = await importOne('keyed.json', JSON.stringify(keyed));
    expect(k!.prov.locator).toMatchObject({ kind: 'json', pointer: '/a~1b~01' });
    expect(resolvePointer(keyed, (k!.prov.locator as Of<'json'>).pointer)).toEqual(keyed['a/b~1']);

    const lines = ['{"title":"First line post","text":"Posted from the first line."}', '', '{"title":"Third line post","text":"Posted from the third line."}'];
    const file = `${lines.join('\n')}\n`;
    const got = await importOne('posts.jsonl', file);
    expect(got.map((g) => (g.prov.locator as Of<'json'>).line)).toEqual([1, 3]);
    for (const { prov, original } of got) {
      const loc = prov.locator as Of<'json'>;
      expect(loc.pointer).toBe('');
      expect(file.slice(loc.start, loc.end)).toBe(lines[loc.line! - 1]);
      expect(original.text).toBe(lines[loc.line! - 1]);
    }
  });

  it('CSV: the data row number, its physical lines (a quoted field spans two) and the row text', async () => {
    const csv = 'title,text,date\r\n"Harbour dredging","The harbour will be dredged, starting in May.",2021-04-02\r\n"Two-line notice","First line of the notice\r\nsecond line of the notice.",2021-04-03\r\nMarket day,Stalls open at nine.,2021-04-04\r\n';
    const got = await importOne('notices.csv', csv);
    expect(got.map((g) => g.prov.locator)).toMatchObject([
      { kind: 'csv', extractor: 'quire-csv/1', row: 1, firstLine: 2, lastLine: 2 },
      { kind: 'csv', row: 2, firstLine: 3, lastLine: 4 },
      { kind: 'csv', row: 3, firstLine: 5, lastLine: 5 },
    ]);
    const decoded = csv.replace(/\r\n/gu, '\n');
    const physical = decoded.split('\n');
    for (const { prov, original, entry } of got) {
      const loc = prov.locator as Of<'csv'>;
      const rowText = physical.slice(loc.firstLine - 1, loc.lastLine).join('\n');
      expect(decoded.slice(loc.start, loc.end)).toBe(rowText);
      expect(original.text).toBe(rowText);
      expect(original.marks.map((m) => m.field)).toEqual(['title', 'body']);
      expectMarksInEntry(original, entry.title, entry.body);
    }
  });

  it('HTML: the element path and the markup span of the main content, shown as markup text (not rendered)', async () => {
    const html = `<!doctype html><html><head><title>Flood barriers | River News</title><meta property="og:site_name" content="River News"></head>
<body><nav><a href="/">Home</a></nav>
<main><h1>Flood barriers</h1><p>The flood barriers were raised at dawn.</p><p>Residents watched from the bridge.</p><script>alert("x")</script></main>
<footer>© River News</footer></body></html>`;
    const [got] = await importOne('flood.html', html);
    const loc = got!.prov.locator as Of<'html'>;
    expect(loc).toMatchObject({ kind: 'html', extractor: 'quire-html/1', path: 'html > body > main' });
    expect(html.slice(loc.start, loc.end)).toMatch(/^<main>[\s\S]*<\/main>$/u);
    expect(got!.original.text).toBe(html.slice(loc.start, loc.end));
    expect(got!.original.text).not.toContain('<nav>');
    // The page's paragraphs are marked inside the markup.
    const body = got!.original.marks.filter((m) => m.field === 'body').map((m) => got!.original.text.slice(m.start, m.end));
    expect(body).toEqual(expect.arrayContaining(['The flood barriers were raised at dawn.', 'Residents watched from the bridge.']));
    expectMarksInEntry(got!.original, got!.entry.title, got!.entry.body);
  });

  it('HTML with several articles: each entry points at its own <article>', async () => {
    const html = '<html><body><article><h2>First story</h2><p>Alpha text of the first story.</p></article><article><h2>Second story</h2><p>Beta text of the second story.</p></article></body></html>';
    const got = await importOne('stories.html', html);
    expect(got.map((g) => (g.prov.locator as Of<'html'>).path)).toEqual(['html > body > article:nth-of-type(1)', 'html > body > article:nth-of-type(2)']);
    expect(got[1]!.original.text).toBe('<article><h2>Second story</h2><p>Beta text of the second story.</p></article>');
  });

  it('mbox: each message by index, Message-ID and byte range (an 8-bit UTF-8 body read from the bytes)', async () => {
    const mbox = [
      'From alice@example.org Mon Aug 23 09:00:00 2021',
      'From: Alice <alice@example.org>',
      'Subject: Budget meeting',
      'Message-ID: <budget-1@example.org>',
      'Date: Mon, 23 Aug 2021 09:00:00 +0000',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'The budget meeting moves to Thursday.',
      '>From the chair: bring the numbers.',
      '',
      'From bob@example.org Tue Aug 24 10:00:00 2021',
      'From: Bob <bob@example.org>',
      'Subject: Café opening',
      'Message-ID: <cafe-2@example.org>',
      'Date: Tue, 24 Aug 2021 10:00:00 +0000',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      'The café in the square opens on Friday — all welcome.',
      '',
    ].join('\n');
    const bytes = utf8(mbox);
    const got = await importOne('list.mbox', bytes);
    expect(got.map((g) => g.prov.locator)).toMatchObject([
      { kind: 'mail', extractor: 'quire-mail/1', index: 1, messageId: '<budget-1@example.org>' },
      { kind: 'mail', index: 2, messageId: '<cafe-2@example.org>' },
    ]);
    for (const { prov, original, entry } of got) {
      const loc = prov.locator as Of<'mail'>;
      const message = Buffer.from(bytes.subarray(loc.byteStart, loc.byteEnd)).toString('utf8');
      expect(message).toMatch(/^From \S+@example\.org /u);
      expect(message).toContain(`Message-ID: ${loc.messageId}`);
      expect(original).toMatchObject({ text: message, unit: 'bytes', start: loc.byteStart, end: loc.byteEnd });
      expect(new Set(original.marks.map((m) => m.field))).toEqual(new Set(['title', 'body']));
      expectMarksInEntry(original, entry.title, entry.body);
    }
    // The ">From " line is unescaped in the entry, so the body is marked line by line.
    expect(got[0]!.original.marks.filter((m) => m.field === 'body' && m.verbatim)).toHaveLength(2);
    expect(got[1]!.original.text.slice(got[1]!.original.marks[1]!.start, got[1]!.original.marks[1]!.end)).toBe('The café in the square opens on Friday — all welcome.');
  });

  it('mbox in UTF-16: byte ranges count the file\'s bytes, not its chars', async () => {
    const mbox = 'From a@example.org Mon Aug 23 09:00:00 2021\r\nFrom: A <a@example.org>\r\nSubject: First\r\nMessage-ID: <u1@example.org>\r\n\r\nFirst body.\r\n\r\nFrom b@example.org Mon Aug 23 10:00:00 2021\r\nFrom: B <b@example.org>\r\nSubject: Second\r\nMessage-ID: <u2@example.org>\r\n\r\nSecond body.\r\n';
    const bytes = encodeUtf16(mbox, 'le', true);
    const got = await importOne('utf16.mbox', bytes);
    expect(got).toHaveLength(2);
    for (const { prov, original } of got) {
      const loc = prov.locator as Of<'mail'>;
      const message = new TextDecoder('utf-16le').decode(bytes.subarray(loc.byteStart, loc.byteEnd));
      expect(message).toMatch(/^From [ab]@example\.org /u);
      expect(message).toContain(`Message-ID: ${loc.messageId}`);
      expect(original.text).toBe(message.replace(/\r\n/gu, '\n'));
    }
  });

  it('eml: the Message-ID, the whole file as the region', async () => {
    const eml = 'From: Dana <dana@example.org>\r\nSubject: Tram works\r\nMessage-ID: <tram@example.org>\r\nDate: Wed, 25 Aug 2021 08:00:00 +0000\r\n\r\nTram works close Main Street next week.\r\n';
    const [got] = await importOne('tram.eml', eml);
    expect(got!.prov.locator).toMatchObject({ kind: 'mail', index: 1, messageId: '<tram@example.org>', byteStart: 0 });
    expect(got!.original.text).toContain('Tram works close Main Street next week.');
  });

  it('WARC.gz: record id, target URI, payload digest and offset, and the element inside the decoded payload', async () => {
    const warcRecord = (id: string, uri: string, payload: Uint8Array, type = 'response') =>
      concat(
        utf8(`WARC/1.0\r\nWARC-Type: ${type}\r\nWARC-Target-URI: ${uri}\r\nWARC-Date: 2023-04-01T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:${id}>\r\nWARC-Payload-Digest: sha1:${id.toUpperCase()}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${payload.length}\r\n\r\n`),
        payload,
        utf8('\r\n\r\n'),
      );
    const httpPage = (html: string, charset: string, bytes: Uint8Array) =>
      concat(utf8(`HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=${charset}\r\nContent-Encoding: gzip\r\n\r\n`), gzipSync(bytes));
    const page1 = '<html><body><article><h1>Pier reopens</h1><p>The pier reopened after repairs.</p></article></body></html>';
    const page2 = '<html><body><main><h1>Śródmieście</h1><p>Nowy żłobek na Śródmieściu.</p></main></body></html>';
    const records = [
      warcRecord('aaa1', 'https://port.example/pier', httpPage(page1, 'utf-8', utf8(page1))),
      warcRecord('bbb2', 'https://port.example/pl', httpPage(page2, 'iso-8859-2', encodeSingleByte(page2, 'iso-8859-2'))),
    ];
    const stream = concat(...records);
    const got = await importOne('crawl.warc.gz', gzipSync(stream));
    expect(got.map((g) => g.prov.locator)).toMatchObject([
      { kind: 'warc', extractor: 'quire-warc/1', recordId: '<urn:uuid:aaa1>', targetUri: 'https://port.example/pier', payloadDigest: 'sha1:AAA1', recordOffset: 0, path: 'html > body > article' },
      { kind: 'warc', recordId: '<urn:uuid:bbb2>', payloadDigest: 'sha1:BBB2', recordOffset: records[0]!.length, path: 'html > body > main' },
    ]);
    const pages = [page1, page2];
    got.forEach(({ prov, original, entry }, i) => {
      const loc = prov.locator as Of<'warc'>;
      // The decompressed stream has the record at its offset, with that id.
      const head = Buffer.from(stream.subarray(loc.recordOffset, loc.recordOffset + 400)).toString('latin1');
      expect(head).toMatch(/^WARC\/1\.0\r\n/u);
      expect(head).toContain(`WARC-Record-ID: ${loc.recordId}`);
      expect(original.text).toBe(pages[i]!.slice(loc.start, loc.end));
      expect(new Set(original.marks.map((m) => m.field))).toEqual(new Set(['title', 'body']));
      expectMarksInEntry(original, entry.title, entry.body);
    });
  });

  it('PDF: the pages the text came from, and their text as the region', async () => {
    const pdf = makePdf({
      title: 'Harbour report',
      pages: [['Harbour report', 'Dredging starts in May.'], ['Second page: budget tables.'], []],
    });
    const [got] = await importOne('report.pdf', pdf);
    expect(got!.prov.locator).toEqual({ kind: 'pdf', extractor: 'quire-pdf/1', pages: [1, 2] });
    expect(got!.original.label).toBe('pages 1–2');
    expect(got!.original.text).toContain('Dredging starts in May.');
    expect(got!.original.text).toContain('Second page: budget tables.');
    expect(got!.original.marks.map((m) => m.field)).toEqual(['title', 'body']);
    expectMarksInEntry(got!.original, got!.entry.title, got!.entry.body);
  });

  it('text and Markdown: the exact span of the decoded text and the body span inside it (a windows-1256 file)', async () => {
    const dump = 'Community garden opens\nPosted on: March 3, 2021\n\nThe community garden on Elm Street opens this weekend with forty plots.\n\n* * *\n\nRoad closure\nPosted on: March 5, 2021\n\nElm Street closes for repaving from Monday.\n';
    const got = await importOne('digest.txt', dump);
    expect(got).toHaveLength(2);
    for (const { prov, original, entry } of got) {
      const loc = prov.locator as Of<'text'>;
      expect(loc).toMatchObject({ kind: 'text', extractor: 'quire-text/1' });
      expect(dump.slice(loc.bodyStart, loc.bodyEnd)).toBe(entry.body);
      expect(dump.slice(loc.start, loc.end)).toContain(entry.title);
      expect(original.text).toBe(dump.slice(loc.start, loc.end));
      expect(original.marks.map((m) => m.field)).toEqual(['title', 'body']);
      expect(original.text.slice(original.marks[1]!.start, original.marks[1]!.end)).toBe(entry.body);
    }

    const md = '---\ntitle: Notes\n---\n# Ferry timetable\n\nThe ferry leaves at 7:15 and 9:40.\n\n## Ferry fares\n\nFares rise by ten cents in June.\n';
    const mdGot = await importOne('notes.md', md);
    for (const { prov, entry } of mdGot) {
      const loc = prov.locator as Of<'text'>;
      expect(loc.extractor).toBe('quire-markdown/1');
      expect(md.slice(loc.bodyStart, loc.bodyEnd)).toBe(entry.body);
    }

    // A legacy single-byte encoding: offsets count the decoded text, which the region reproduces.
    const arabic = 'تقرير يومي\nPosted on: March 7, 2021\n\nمددت البلدية ساعات عمل المكتبة حتى المساء.\n';
    const [legacy] = await importOne('daily-1256.txt', encodeSingleByte(arabic, 'windows-1256'));
    const loc = legacy!.prov.locator as Of<'text'>;
    expect(arabic.slice(loc.bodyStart, loc.bodyEnd)).toBe(legacy!.entry.body);
    expect(legacy!.original.text).toBe(arabic.slice(loc.start, loc.end));
  });
});
