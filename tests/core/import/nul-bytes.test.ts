// Real pages pick up a few stray NUL bytes. A text file whose NULs are a handful among clear text
// is imported with them dropped and a warning saying how many; binary files and UTF-16 text (whose
// NULs come in a pattern) are treated as before.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EntryDetail, EntryOriginal, ImportReport, SourceLocator } from '../../../shared/contract.ts';
import { Archive } from '../../../electron/core/archive.ts';
import { decodeText } from '../../../electron/core/import/decode/decode-text.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { concat, encodeUtf16, utf8 } from './fixtures/encode-legacy.ts';

const NUL = Uint8Array.of(0);

/** A news page with NULs inside a tag, inside the headline and inside a paragraph. */
const PAGE = [
  '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Weir gates replaced</title></head>',
  '<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>',
  '<article><h1>Weir gates replaced</h1>',
  '<p class="lede">Engineers lifted the last of the new oak gates into the Dunmere weir on Thursday, ending a year of work.</p>',
  '<p>Boats will use the lock again from Monday, and the towpath reopens at the same time.</p>',
  '</article><footer>The Dunmere Packet</footer></body></html>',
].join('\n');

function withNuls(page: string, after: string[]): Uint8Array {
  const parts: Uint8Array[] = [];
  let rest = page;
  for (const marker of after) {
    const at = rest.indexOf(marker) + marker.length;
    parts.push(utf8(rest.slice(0, at)), NUL);
    rest = rest.slice(at);
  }
  parts.push(utf8(rest));
  return concat(...parts);
}

// One NUL inside the <p class="lede"> tag, one inside the word "gates" of the headline, one in "towpath".
const STRAY = withNuls(PAGE, ['<p cla', '<h1>Weir ga', 'the tow']);

function noise(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe('stray NUL bytes', () => {
  it('decodes a page with three NULs as text without them, counting them', () => {
    expect(STRAY.filter((b) => b === 0)).toHaveLength(3);
    const decoded = decodeText(STRAY);
    expect(decoded).toMatchObject({ encoding: 'utf-8', nulsRemoved: 3 });
    expect(decoded.text).toBe(PAGE);
  });

  it('still refuses binary data: noise, a record file padded with NUL runs, NULs on every other byte', () => {
    expect(() => decodeText(noise(4096, 7))).toThrow(/binary data, not text/u);
    // Text-like records padded to fixed width with NULs, as a database or save file is.
    const padded = concat(...Array.from({ length: 40 }, (_, i) => concat(utf8(`member ${i} Holloway`), new Uint8Array(12))));
    expect(() => decodeText(padded)).toThrow(/binary data, not text/u);
    // A few NULs but all on one side of the byte pairs: UTF-16's pattern, not strays.
    const even = utf8(PAGE.slice(0, 600));
    for (const i of [100, 200, 300, 400, 500]) even[i] = 0;
    expect(() => decodeText(even)).toThrow(/binary data, not text/u);
    // Too many to be strays: one in every hundred bytes.
    const many = utf8(PAGE.repeat(4));
    for (let i = 50; i < many.length; i += 100) many[i] = 0;
    expect(() => decodeText(many)).toThrow(/binary data, not text/u);
  });

  it('still decodes UTF-16 (its NULs are part of the characters), with nothing removed', () => {
    for (const [endian, bom] of [['le', false], ['be', true], ['le', true]] as const) {
      const decoded = decodeText(encodeUtf16(PAGE, endian, bom));
      expect(decoded.encoding).toBe(`utf-16${endian}`);
      expect(decoded.text).toBe(PAGE);
      expect(decoded.nulsRemoved).toBeUndefined();
    }
  });
});

describe('stray NUL bytes in the archive', () => {
  const dir = tempDir();
  const archive = new Archive(path.join(dir, 'nuls.quire'));
  afterAll(() => archive.close());

  async function importOne(name: string, bytes: Uint8Array): Promise<ImportReport['files'][number]> {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    const report = (await archive.call('importFiles', { paths: [file] })) as ImportReport;
    return report.files[0]!;
  }

  it('imports the page with a warning saying how many NUL bytes were removed, and Show original lines up', async () => {
    const result = await importOne('weir.html', STRAY);
    expect(result, result.error).toMatchObject({ status: 'imported', format: 'html', entries: 1 });
    expect(result.warnings).toContainEqual(expect.stringMatching(/^3 stray NUL bytes were removed/u));
    const id = (archive.db.prepare('SELECT entry_id AS id FROM entry_sources WHERE source_id = ?').get(result.sourceId) as { id: number }).id;
    const entry = (await archive.call('getEntry', { id })) as EntryDetail;
    expect(entry.title).toBe('Weir gates replaced');
    expect(entry.body).toContain('Engineers lifted the last of the new oak gates');
    expect(entry.body).toContain('the towpath reopens');
    expect(entry.body).not.toContain('\u0000');
    // The locator's offsets count the decoded text without the NULs, as Show original reads it.
    const original = (await archive.call('getEntryOriginal', { id, sourceId: result.sourceId! })) as EntryOriginal;
    const loc = original.locator as Extract<SourceLocator, { kind: 'html' }>;
    expect(original.text).toBe(PAGE.slice(loc.start, loc.end));
    expect(original.text).toMatch(/^<article><h1>Weir gates replaced<\/h1>[\s\S]*<\/article>$/u);
    expect(original.marks.filter((m) => m.verbatim).map((m) => m.field)).toContain('body');
  });

  it('refuses a binary file with its clear message, and a UTF-16 page imports without a warning', async () => {
    const binary = await importOne('export.dat', concat(...Array.from({ length: 64 }, (_, i) => concat(utf8(`row${i}`), new Uint8Array(24)))));
    expect(binary).toMatchObject({ status: 'rejected', error: expect.stringMatching(/binary data, not text/u) });
    const utf16 = await importOne('weir-utf16.html', encodeUtf16(PAGE.replace('Weir gates', 'Mill weir gates'), 'le', false));
    expect(utf16).toMatchObject({ status: 'imported', encoding: 'utf-16le' });
    expect(utf16.warnings ?? []).not.toContainEqual(expect.stringMatching(/NUL/u));
  });
});
