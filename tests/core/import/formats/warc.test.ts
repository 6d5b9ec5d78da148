// WARC and WARC.gz: HTML responses become entries with URL and capture date; the rest skipped.
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { expandContainer } from '../../../../electron/core/import/expand-container.ts';
import { parseDocument } from '../../../../electron/core/import/parse-document.ts';
import { concat, utf8 } from '../fixtures/encode-legacy.ts';
import { chunked } from '../fixtures/make-crawl-warc.ts';

function record(type: string, uri: string, date: string, payload: Uint8Array, contentType = 'application/http; msgtype=response'): Uint8Array {
  const head = `WARC/1.0\r\nWARC-Type: ${type}\r\nWARC-Target-URI: ${uri}\r\nWARC-Date: ${date}\r\nWARC-Record-ID: <urn:uuid:${Math.abs(uri.length * 7919)}>\r\nContent-Type: ${contentType}\r\nContent-Length: ${payload.length}\r\n\r\n`;
  return concat(utf8(head), payload, utf8('\r\n\r\n'));
}

function http(headers: string[], body: Uint8Array): Uint8Array {
  return concat(utf8(`HTTP/1.1 200 OK\r\n${headers.join('\r\n')}\r\n\r\n`), body);
}

const page = (title: string, body: string, extraHead = '') => utf8(`<!doctype html><html><head><title>${title}</title>${extraHead}</head><body><nav>Home</nav><article><h1>${title}</h1><p>${body}</p></article></body></html>`);

const warcinfo = record('warcinfo', '', '2023-04-01T10:00:00Z', utf8('software: test-crawler\r\n'), 'application/warc-fields');
const plainResponse = record('response', 'https://council.example/news/bridge', '2023-04-01T10:00:01Z', http(['Content-Type: text/html; charset=utf-8'], page('Bridge repairs approved', 'The council voted to repair the bridge.')));
const chunkedGzip = record(
  'response',
  'https://council.example/news/library',
  '2023-04-01T10:00:02Z',
  http(['Content-Type: text/html', 'Transfer-Encoding: chunked', 'Content-Encoding: gzip'], chunked(gzipSync(page('کتابخانه', 'کتابخانه‌ی مرکزی روزهای جمعه باز است.', '<meta property="article:published_time" content="2023-03-30">')), 17)),
);
const revisit = record('revisit', 'https://council.example/news/bridge', '2023-04-02T10:00:00Z', utf8('HTTP/1.1 304 Not Modified\r\n\r\n'));
const image = record('response', 'https://council.example/logo.png', '2023-04-01T10:00:03Z', http(['Content-Type: image/png'], Uint8Array.of(0x89, 0x50, 0x4e, 0x47)));
const script = record('response', 'https://council.example/app.js', '2023-04-01T10:00:04Z', http(['Content-Type: application/javascript'], utf8('alert(1)')));
const request = record('request', 'https://council.example/news/bridge', '2023-04-01T10:00:01Z', utf8('GET /news/bridge HTTP/1.1\r\nHost: council.example\r\n\r\n'), 'application/http; msgtype=request');
const truncated = record('response', 'https://council.example/news/cut', '2023-04-01T10:00:05Z', http(['Content-Type: text/html'], page('Cut short', 'This page never finished downloading.'))).subarray(0, 260);

describe('WARC import', () => {
  it('imports HTML responses (chunked + gzip decoded), skips revisits, images, scripts, requests, and warns about a truncated record', async () => {
    const bytes = concat(warcinfo, request, plainResponse, revisit, image, chunkedGzip, script, truncated);
    const doc = await parseDocument('crawl.warc', bytes);
    expect(doc.format).toBe('warc');
    expect(doc.entries.map((e) => e.url)).toEqual(['https://council.example/news/bridge', 'https://council.example/news/library']);
    expect(doc.entries[0]).toMatchObject({ title: 'Bridge repairs approved', date: '2023-04-01', dateSource: 'warc-date' });
    // The page's own date wins over the capture date.
    expect(doc.entries[1]).toMatchObject({ title: 'کتابخانه', date: '2023-03-30', dateSource: 'meta' });
    expect(doc.entries[1]!.body).toContain('کتابخانه‌ی مرکزی');
    expect(doc.text).not.toContain('alert');
    expect(doc.text).not.toContain('Home');
    expect(doc.warnings.join(' ')).toMatch(/https:\/\/council\.example\/news\/cut\) is cut short/u);
    for (const e of doc.entries) expect(doc.text.slice(e.start, e.end)).toBe(e.body);
  });

  it('reads a .warc.gz with one gzip member per record, which is not treated as a container', async () => {
    const gz = concat(...[warcinfo, plainResponse, chunkedGzip].map((r) => gzipSync(r)));
    expect(expandContainer('crawl.warc.gz', gz)).toBeNull();
    expect(expandContainer('crawl.gz', gz)).toBeNull();
    const doc = await parseDocument('crawl.warc.gz', gz);
    expect(doc.format).toBe('warc');
    expect(doc.entries).toHaveLength(2);
  });

  it('keeps the records before the cut of a truncated .warc.gz, with a warning', async () => {
    const gz = concat(gzipSync(plainResponse), gzipSync(chunkedGzip));
    const doc = await parseDocument('cut.warc.gz', gz.subarray(0, gz.length - 40));
    expect(doc.entries[0]!.url).toBe('https://council.example/news/bridge');
    expect(doc.warnings.some((w) => /cut short/u.test(w))).toBe(true);
  });

  it('skips a page whose chunked body is cut short, with a warning', async () => {
    const body = chunked(page('Broken', 'never complete'), 20);
    const broken = record('response', 'https://council.example/broken', '2023-04-01T10:00:00Z', http(['Content-Type: text/html', 'Transfer-Encoding: chunked'], body.subarray(0, body.length - 30)));
    const doc = await parseDocument('mixed.warc', concat(broken, plainResponse));
    expect(doc.entries).toHaveLength(1);
    expect(doc.warnings.join(' ')).toMatch(/broken has a body cut short/u);
  });

  it('refuses a WARC with no HTML pages', async () => {
    await expect(parseDocument('assets.warc', concat(warcinfo, image, script))).rejects.toThrow(/no HTML pages/u);
  });
});
