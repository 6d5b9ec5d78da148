// Fuzzing every importer and decoder: random and mutated bytes of each shape Quire reads. Each
// input must either import (entries whose spans lie inside the text) or be refused with a plain
// ImportRejection: never a crash, another error type, or a hang. Seeded, so a failure reproduces.
import fc from 'fast-check';
import { gzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { expandContainer } from '../../../electron/core/import/expand-container.ts';
import { parseDocument } from '../../../electron/core/import/parse-document.ts';
import { ImportRejection } from '../../../electron/core/import/types.ts';
import { makePdf } from '../import/fixtures/make-pdf.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const crlf = (lines: string[]) => utf8(lines.join('\r\n'));

function warcRecord(type: string, uri: string, payload: Uint8Array): Uint8Array {
  const head = utf8(
    `WARC/1.0\r\nWARC-Type: ${type}\r\nWARC-Target-URI: ${uri}\r\nWARC-Date: 2019-03-04T05:06:07Z\r\nWARC-Record-ID: <urn:uuid:0000-${type}>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${payload.byteLength}\r\n\r\n`,
  );
  return concat(head, payload, utf8('\r\n\r\n'));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

const page = '<html><head><title>Ferry timetable changes</title><meta name="author" content="Port Desk"></head><body><nav>Home | News</nav><article><h1>Ferry timetable changes</h1><p>From May the early ferry leaves at six.</p><p>Fares stay &amp; the same &#x263A;.</p></article></body></html>';
const response = concat(utf8('HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n'), utf8(page));

/** One small valid file of each shape; mutations start from these. */
const SEEDS: { name: string; bytes: Uint8Array }[] = [
  { name: 'digest.txt', bytes: utf8('Harbour Weekly\n\nBridge repairs approved\nPosted on: 2018/04/02\nThe council voted to repair the bridge.\n\nRead more\n\nMarket day moves\nPosted on: 2018/04/09\nStalls move to the square.\n') },
  { name: 'notes.md', bytes: utf8('---\ntitle: Notes\ndate: 2017-02-03\n---\n# First\n\nText of the first.\n\n## Second\n\nText of the second with *emphasis*.\n') },
  { name: 'page.html', bytes: utf8(page) },
  { name: 'items.json', bytes: utf8(JSON.stringify([{ title: 'One', text: 'First record body', date: '2016-05-06', author: 'A. Writer' }, { headline: 'دو', articleBody: 'متن فارسی\u200cها', datePublished: '2016-05-07' }])) },
  { name: 'items.jsonl', bytes: utf8('{"title":"One","body":"first"}\n{"title":"Two","body":"second"}\n') },
  { name: 'rows.csv', bytes: crlf(['title,date,text', '"Quoted, title",2015-01-02,"Body with ""quotes"""', 'Plain,2015-01-03,Second body']) },
  { name: 'rows.tsv', bytes: utf8('title\tdate\ttext\nA\t2015-01-02\tBody A\nB\t2015-01-03\tBody B\n') },
  { name: 'list.mbox', bytes: utf8('From a@example.org Mon Jan  1 00:00:00 2014\nFrom: A <a@example.org>\nSubject: =?utf-8?q?Caf=C3=A9?=\nDate: Mon, 1 Jan 2014 10:00:00 +0000\nContent-Type: text/plain; charset=utf-8\n\nFirst message body.\n\nFrom b@example.org Tue Jan  2 00:00:00 2014\nFrom: B <b@example.org>\nSubject: Second\nContent-Type: multipart/alternative; boundary="xx;yy"\n\n--xx;yy\nContent-Type: text/plain\n\nSecond body.\n--xx;yy--\n') },
  { name: 'one.eml', bytes: utf8('From: C <c@example.org>\nSubject: Single\nDate: Wed, 3 Jan 2014 10:00:00 +0000\nContent-Transfer-Encoding: base64\n\nU2luZ2xlIG1lc3NhZ2UgYm9keS4=\n') },
  { name: 'crawl.warc', bytes: concat(warcRecord('response', 'https://example.org/ferry', response), warcRecord('response', 'https://example.org/other', response)) },
  { name: 'crawl.warc.gz', bytes: concat(gzipSync(warcRecord('response', 'https://example.org/ferry', response)), gzipSync(warcRecord('response', 'https://example.org/b', response))) },
  { name: 'dump.txt.gz', bytes: gzipSync(utf8('Title one\n\nBody one.\n\nRead more\n\nTitle two\n\nBody two.\n')) },
  { name: 'bundle.zip', bytes: zipSync({ 'a.txt': utf8('Zip member\n\nBody of the member.'), 'b/c.json': utf8('[{"title":"x","text":"y"}]') }) },
  { name: 'doc.pdf', bytes: makePdf({ pages: [['Minutes of the meeting', 'Second line of text']], title: 'Minutes' }) },
];

/** Mutations of a seed: flip, overwrite, insert, delete, truncate, duplicate. */
const mutated = fc
  .record({
    seed: fc.nat(SEEDS.length - 1),
    ops: fc.array(
      fc.record({ kind: fc.constantFrom('flip', 'set', 'insert', 'delete', 'truncate', 'duplicate'), at: fc.double({ min: 0, max: 1, noNaN: true }), len: fc.nat(64), bytes: fc.uint8Array({ maxLength: 16 }) }),
      { minLength: 1, maxLength: 6 },
    ),
  })
  .map(({ seed, ops }) => {
    const { name } = SEEDS[seed]!;
    let b = SEEDS[seed]!.bytes;
    for (const op of ops) {
      const i = Math.floor(op.at * b.byteLength);
      switch (op.kind) {
        case 'flip':
          b = b.slice();
          if (b.byteLength > 0) b[Math.min(i, b.byteLength - 1)]! ^= 1 << op.len % 8;
          break;
        case 'set':
          b = concat(b.subarray(0, i), op.bytes, b.subarray(Math.min(b.byteLength, i + op.bytes.byteLength)));
          break;
        case 'insert':
          b = concat(b.subarray(0, i), op.bytes, b.subarray(i));
          break;
        case 'delete':
          b = concat(b.subarray(0, i), b.subarray(Math.min(b.byteLength, i + op.len)));
          break;
        case 'truncate':
          b = b.subarray(0, i);
          break;
        case 'duplicate':
          b = concat(b.subarray(0, i + op.len), b.subarray(i));
          break;
      }
    }
    return { name, bytes: b };
  });

const randomFile = fc.record({
  name: fc.constantFrom('x.txt', 'x.html', 'x.json', 'x.csv', 'x.mbox', 'x.warc', 'x.gz', 'x.zip', 'x.pdf', 'x.md', 'x'),
  bytes: fc.oneof(fc.uint8Array({ maxLength: 2048 }), fc.string({ maxLength: 500, unit: 'grapheme' }).map(utf8)),
});

const outcomes = { imported: 0, refused: 0 };

/** Parses one input, then checks the outcome: a well-formed document or a plain rejection. */
async function checkOne(input: { name: string; bytes: Uint8Array }): Promise<void> {
  // CPU time of this thread, not the clock: the machine may be shared, and a runaway loop shows either way.
  const started = process.threadCpuUsage();
  try {
    const members = expandContainer(input.name, input.bytes);
    for (const m of (members ?? [{ name: input.name, bytes: input.bytes }]).slice(0, 5)) {
      const doc = await parseDocument(m.name, m.bytes);
      expect(typeof doc.text).toBe('string');
      for (const e of doc.entries) {
        expect(e.start, 'entry span inside the text').toBeGreaterThanOrEqual(0);
        expect(e.end).toBeGreaterThanOrEqual(e.start);
        expect(e.end).toBeLessThanOrEqual(doc.text.length);
        expect(typeof e.body).toBe('string');
      }
    }
    outcomes.imported++;
  } catch (error) {
    if (!(error instanceof ImportRejection)) {
      throw new Error(`${input.name} (${input.bytes.byteLength} bytes, base64 ${Buffer.from(input.bytes).toString('base64').slice(0, 200)}) threw ${String(error)}`);
    }
    expect(error.message.length, 'a rejection says why').toBeGreaterThan(10);
    outcomes.refused++;
  }
  // Each input is small: seconds here mean a runaway loop.
  const used = process.threadCpuUsage(started);
  expect((used.user + used.system) / 1000, `${input.name} took too long`).toBeLessThan(5000);
}

describe('importers and decoders under fuzzing', () => {
  it('every seed file imports cleanly (the mutations start from real shapes)', async () => {
    for (const seed of SEEDS) {
      const members = expandContainer(seed.name, seed.bytes);
      for (const m of members ?? [seed]) {
        const doc = await parseDocument(m.name, m.bytes);
        expect(doc.entries.length, seed.name).toBeGreaterThan(0);
      }
    }
  });

  it('mutated files of every shape import or are refused plainly', async () => {
    outcomes.imported = outcomes.refused = 0;
    await fc.assert(fc.asyncProperty(mutated, checkOne), { seed: 20261129, numRuns: 5000, endOnFailure: true });
    // Both outcomes happen: the mutations reach the parsers' error paths and their happy paths.
    expect(outcomes.imported).toBeGreaterThan(300);
    expect(outcomes.refused).toBeGreaterThan(300);
  }, 240_000);

  it('random bytes under any name import or are refused plainly', async () => {
    await fc.assert(fc.asyncProperty(randomFile, checkOne), { seed: 1129, numRuns: 2000, endOnFailure: true });
  }, 120_000);

  it('reads hostile nesting (200,000 levels of HTML, JSON and Markdown quotes) or refuses it plainly, quickly', async () => {
    const deep: [string, string][] = [
      ['deep.html', `<html><body>${'<div>'.repeat(200_000)}Words kept from the deepest element${'</div>'.repeat(200_000)}</body></html>`],
      ['deep.json', `${'['.repeat(200_000)}${']'.repeat(200_000)}`],
      ['deep-object.json', `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`],
      ['deep.md', `${'> '.repeat(50_000)}quoted words`],
    ];
    for (const [name, text] of deep) await checkOne({ name, bytes: utf8(text) });
    const html = await parseDocument('deep.html', utf8(deep[0]![1]));
    expect(html.entries[0]?.body).toContain('Words kept from the deepest element');
  }, 60_000);
});
