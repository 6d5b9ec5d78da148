// A real crawl's .warc.gz (one gzip member per record; requests, metadata, a revisit, assets, a 404,
// bodies stored de-chunked under a chunked header, still chunked, still gzipped, or decoded under a
// gzip header): every HTML 200 page comes in with its URL, date, title and text, the rest is
// counted in one warning, and each entry's locator leads back to its record and page.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { EntryDetail, EntryOriginal, ImportReport, SourceLocator } from '../../../../shared/contract.ts';
import { Archive } from '../../../../electron/core/archive.ts';
import { gunzipLenient } from '../../../../electron/core/import/decode/gunzip.ts';
import { expandContainer } from '../../../../electron/core/import/expand-container.ts';
import { importLimits } from '../../../../electron/core/import/import-limits.ts';
import { parseDocument } from '../../../../electron/core/import/parse-document.ts';
import { tempDir } from '../../../helpers/temp-dir.ts';
import { concat, utf8 } from '../fixtures/encode-legacy.ts';
import { makeCrawlWarc } from '../fixtures/make-crawl-warc.ts';

type WarcLocator = Extract<SourceLocator, { kind: 'warc' }>;

const crawl = makeCrawlWarc();

describe('a real crawl as .warc.gz', () => {
  it('is one web archive of hundreds of gzip members, not a container', () => {
    expect(crawl.members).toBeGreaterThan(200);
    expect(expandContainer('courier-20290403.warc.gz', crawl.gz)).toBeNull();
    // Node reads the concatenated members as one stream: the records, in order.
    expect(Buffer.compare(zlib.gunzipSync(crawl.gz), Buffer.from(crawl.stream))).toBe(0);
  });

  it('imports every HTML 200 response, however its body is stored, with URL, date, title and text', async () => {
    const doc = await parseDocument('courier-20290403.warc.gz', crawl.gz);
    expect(doc.format).toBe('warc');
    expect(doc.entries.map((e) => e.url)).toEqual(crawl.pages.map((p) => p.url));
    expect(new Set(crawl.pages.map((p) => p.stored))).toEqual(new Set(['plain', 'dechunked-under-chunked-header', 'chunked', 'gzip', 'decoded-under-gzip-header']));
    doc.entries.forEach((e, i) => {
      const page = crawl.pages[i]!;
      // The page's <title>, which carries the site's name after the headline.
      expect(e.title, page.stored).toBe(`${page.title} | ${page.place} Courier`);
      expect(e.body, page.stored).toContain(`${page.sentence}, the`);
      expect(e.body).toContain('had waited a long time');
      // No chunk-size lines, compressed bytes or site navigation in the text.
      expect(e.body).not.toMatch(/^[0-9a-f]+$|\uFFFD|Privacy|Events/mu);
      expect(e.date).toBe(page.pageDate ?? page.captured);
      expect(e.dateSource).toBe(page.pageDate ? 'meta' : 'warc-date');
      expect(doc.text.slice(e.start, e.end)).toBe(e.body);
    });
  });

  it('keeps each page’s WARC-Record-ID and payload digest in its locator', async () => {
    const doc = await parseDocument('courier-20290403.warc.gz', crawl.gz);
    expect(doc.entries.map((e) => e.locator)).toEqual(
      crawl.pages.map((p) => expect.objectContaining({ kind: 'warc', recordId: p.recordId, payloadDigest: p.payloadDigest, targetUri: p.url, recordOffset: p.recordOffset })),
    );
  });

  it('says how many records it skipped and why', async () => {
    const doc = await parseDocument('courier-20290403.warc.gz', crawl.gz);
    const note = doc.warnings.find((w) => /not HTML pages were skipped/u.test(w));
    expect(note).toBeDefined();
    // 20 pages + robots.txt + 100 assets + the 404, the redirect, the image and the revisit were each asked for.
    expect(note).toContain('125 request records');
    expect(note).toContain('5 metadata records');
    expect(note).toContain('1 revisit record');
    expect(note).toContain('1 warcinfo record');
    expect(note).toContain('1 response with HTTP status 404');
    expect(note).toContain('1 response with HTTP status 301');
    expect(note).toContain('responses that are not HTML (image/jpeg)');
    expect(note).toContain('1 response that is not HTML (image/png)');
    expect(note).toContain('1 response that is not HTML (text/plain)');
    // Nothing else went wrong.
    expect(doc.warnings).toEqual([note]);
  });

  it('refuses a crawl without HTML pages, saying what it held', async () => {
    // Every page's response record taken out (its request stays).
    const stream = dropRecords(crawl.stream, new Set(crawl.pages.map((p) => p.recordOffset)));
    await expect(parseDocument('assets.warc', stream)).rejects.toThrow(/holds no HTML pages to import: it has 125 request records, .*1 response with HTTP status 404/u);
  });

  it('skips damaged gzip members (a record each) and reads the members after them, with a warning', async () => {
    // One member's compressed data garbled; another stored uncompressed with one byte changed, which
    // only its CRC-32 tells.
    const [garbled, flipped] = [crawl.pages[4]!, crawl.pages[8]!];
    const members = recordsOf(crawl.stream).map((r) => {
      if (r.offset === garbled.recordOffset) {
        const member = new Uint8Array(zlib.gzipSync(r.bytes));
        for (let i = 40; i < member.length - 20; i += 9) member[i]! ^= 0x5a;
        return member;
      }
      if (r.offset === flipped.recordOffset) {
        const member = new Uint8Array(zlib.gzipSync(r.bytes, { level: 0 }));
        const at = Buffer.from(member).indexOf(flipped.title);
        member[at] = 'X'.charCodeAt(0);
        return member;
      }
      return new Uint8Array(zlib.gzipSync(r.bytes));
    });
    expect(members).toHaveLength(crawl.members);
    const doc = await parseDocument('courier-damaged.warc.gz', concat(...members));
    expect(doc.entries.map((e) => e.url)).toEqual(crawl.pages.filter((p) => p !== garbled && p !== flipped).map((p) => p.url));
    expect(doc.warnings).toContainEqual(expect.stringMatching(/^2 damaged compressed parts of the WARC file .* were skipped; the rest was read\.$/u));
  });

  it('keeps the decompression limits when it reads member by member after a damaged one', () => {
    const zeros = new Uint8Array(zlib.gzipSync(Buffer.alloc(1024 * 1024), { level: 9 }));
    const damaged = new Uint8Array(zlib.gzipSync(crawl.stream.subarray(0, 2000)));
    damaged.fill(0x5a, 30, 60);
    const bomb = concat(damaged, ...Array.from({ length: 8 }, () => zeros));
    const limits = importLimits({ ratioFloor: 2 * 1024 * 1024 });
    expect(() => gunzipLenient(bomb, limits)).toThrow(/would unpack to more than 200 times its compressed size \(past 2 MB\)/u);
    // Under the limits the same file reads, the damaged member skipped.
    expect(gunzipLenient(bomb, importLimits({ ratioFloor: 16 * 1024 * 1024 }))).toMatchObject({ complete: false, damagedMembers: 1, data: expect.objectContaining({ length: 8 * 1024 * 1024 }) });
  });

  it('skips a body that says gzip and is damaged compressed data, with a warning naming the page', async () => {
    const page = crawl.pages[1]!;
    const damaged = concat(utf8('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n'), zlib.gzipSync(utf8(page.html)).subarray(0, 40));
    const head = `WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://courier.example/damaged\r\nWARC-Date: 2029-04-03T11:00:00Z\r\nContent-Type: application/http;msgtype=response\r\nContent-Length: ${damaged.length}\r\n\r\n`;
    const doc = await parseDocument('mixed.warc', concat(crawl.stream, utf8(head), damaged, utf8('\r\n\r\n')));
    expect(doc.entries).toHaveLength(crawl.pages.length);
    expect(doc.warnings.join(' ')).toMatch(/https:\/\/courier\.example\/damaged has a body that cannot be decompressed/u);
  });
});

/** Each record of a WARC stream with its offset (the fixture's text never holds a "WARC/1.1" line). */
function recordsOf(stream: Uint8Array): { offset: number; bytes: Uint8Array }[] {
  const text = Buffer.from(stream).toString('latin1');
  const starts: number[] = [];
  for (let at = text.indexOf('WARC/1.1\r\n'); at >= 0; at = text.indexOf('WARC/1.1\r\n', at + 1)) starts.push(at);
  return starts.map((s, i) => ({ offset: s, bytes: stream.subarray(s, starts[i + 1] ?? stream.length) }));
}

/** The stream without the records that start at the given offsets. */
function dropRecords(stream: Uint8Array, offsets: Set<number>): Uint8Array {
  return concat(...recordsOf(stream).filter((r) => !offsets.has(r.offset)).map((r) => r.bytes));
}

describe('a crawl’s entries in the archive', () => {
  const dir = tempDir();
  const archive = new Archive(path.join(dir, 'crawl.quire'));
  afterAll(() => archive.close());

  it('each locator leads back to its record in the file and to the page’s element, with title and body marked', async () => {
    const file = path.join(dir, 'courier-20290403.warc.gz');
    fs.writeFileSync(file, crawl.gz);
    const report = (await archive.call('importFiles', { paths: [file] })) as ImportReport;
    expect(report.files[0], report.files[0]!.error).toMatchObject({ status: 'imported', format: 'warc', entries: crawl.pages.length });
    expect(report.files[0]!.warnings?.join(' ')).toMatch(/1 revisit record/u);
    const sourceId = report.files[0]!.sourceId!;
    const ids = (archive.db.prepare('SELECT entry_id AS id FROM entry_sources WHERE source_id = ? ORDER BY ordinal').all(sourceId) as { id: number }[]).map((r) => r.id);
    expect(ids).toHaveLength(crawl.pages.length);
    // Following the locator in the file alone: decompress, go to the offset, find the record and the page.
    const stream = zlib.gunzipSync(fs.readFileSync(file));
    for (const [i, id] of ids.entries()) {
      const page = crawl.pages[i]!;
      const entry = (await archive.call('getEntry', { id })) as EntryDetail;
      const loc = entry.provenance.find((p) => p.sourceId === sourceId)!.locator as WarcLocator;
      expect(loc).toMatchObject({ recordId: page.recordId, payloadDigest: page.payloadDigest });
      const head = stream.subarray(loc.recordOffset, loc.recordOffset + 600).toString('latin1');
      expect(head).toMatch(/^WARC\/1\.1\r\nWARC-Type: response\r\n/u);
      expect(head).toContain(`WARC-Record-ID: ${loc.recordId}`);
      expect(head).toContain(`WARC-Payload-Digest: ${loc.payloadDigest}`);
      const original = (await archive.call('getEntryOriginal', { id, sourceId })) as EntryOriginal;
      expect(original.text).toBe(page.html.slice(loc.start, loc.end));
      expect(original.text).toMatch(/^<article>/u);
      expect(original.text).toContain(`<h1>${page.title}</h1>`);
      const body = original.marks.filter((m) => m.field === 'body' && m.verbatim);
      expect(body.length).toBeGreaterThan(0);
      for (const m of body) expect(entry.body).toContain(original.text.slice(m.start, m.end));
    }
  });
});
