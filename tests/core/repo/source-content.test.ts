// What the archive keeps of an imported file: its bytes, byte for byte, in compressed chunks (a
// byte range read from the chunks it lies in), and its text, stored only when decoding the bytes
// does not give it; a UTF-8 dump without the bodies its entries hold (spliced), rebuilt exactly or
// called damaged. Chunks are set small here so every file spans many.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../shared/contract.ts';
import { Archive } from '../../../electron/core/archive.ts';
import { importPaths } from '../../../electron/core/import/import-files.ts';
import { packContent, SourceContent } from '../../../electron/core/repo/source-content.ts';
import { storedBytes, storedText } from '../../helpers/source-content.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { encodeSingleByte, utf8 } from '../import/fixtures/encode-legacy.ts';

const CHUNK = 256;

/** A dump of `n` invented posts, each different, so it compresses as real text does and not better. */
function dump(n: number): string {
  const places = ['the quay', 'the north pier', 'the fish market', 'the lock gates', 'the ferry ramp', 'the old customs house'];
  const posts: string[] = [];
  for (let i = 0; i < n; i++) {
    posts.push(`Harbour log ${i + 1}\nPosted on: 2021-03-${String((i % 28) + 1).padStart(2, '0')}\n\nCrew ${i * 7 + 3} reported ${i % 5} boats at ${places[i % places.length]} before noon; tide ${(i * 13) % 97} cm, wind from the ${i % 2 ? 'west' : 'south'}.`);
  }
  return `${posts.join('\n\n---\n\n')}\n`;
}

describe('source content', () => {
  const dir = tempDir('quire-source-content-');
  const archive = new Archive(path.join(dir, 'content.quire'));
  afterAll(() => archive.close());

  async function importOne(name: string, bytes: Uint8Array): Promise<number> {
    fs.writeFileSync(path.join(dir, name), bytes);
    const report: ImportReport = await importPaths(archive.db, [path.join(dir, name)], { jobId: name, isCancelled: () => false, onProgress: () => {}, limits: { sourceChunkBytes: CHUNK } });
    expect(report.files[0]).toMatchObject({ status: 'imported' });
    return report.files[0]!.sourceId!;
  }

  const chunks = (id: number, kind: string) =>
    archive.db.prepare('SELECT count(*) AS n, coalesce(sum(length(data)), 0) AS size FROM source_chunks WHERE source_id = ? AND kind = ?').get(id, kind) as { n: number; size: number };

  const codec = (id: number) => archive.db.prepare('SELECT content_codec FROM sources WHERE id = ?').pluck().get(id);

  it('keeps a text dump byte for byte in compressed chunks, and derives its text instead of storing it twice', async () => {
    // CRLF line ends: the text (with \n) is not the bytes, so the file is kept whole, not spliced.
    const bytes = utf8(dump(60).replaceAll('\n', '\r\n'));
    const id = await importOne('harbour-log-crlf.txt', bytes);
    expect(codec(id)).toBe('brotli-5');
    expect(storedBytes(archive.db, id).equals(Buffer.from(bytes))).toBe(true);
    expect(storedText(archive.db, id)).toBe(dump(60));
    expect(chunks(id, 'bytes').n).toBe(Math.ceil(bytes.byteLength / CHUNK));
    expect(chunks(id, 'bytes').size).toBeLessThan(bytes.byteLength * 0.8);
    expect(chunks(id, 'text').n).toBe(0);
  });

  it('reads any byte range from the chunks it lies in, exactly', async () => {
    const bytes = Buffer.from(utf8(dump(12).replaceAll('\n', '\r\n')));
    const id = await importOne('short-log-crlf.txt', bytes);
    expect(codec(id)).toBe('brotli-5');
    const content = new SourceContent(archive.db);
    const cuts = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, bytes.byteLength - 1, bytes.byteLength];
    for (const start of cuts) {
      for (const end of cuts) {
        if (end >= start) expect(content.byteRange(id, start, end).equals(bytes.subarray(start, end)), `${start}–${end}`).toBe(true);
      }
    }
    expect(content.byteRange(id, bytes.byteLength - 3, bytes.byteLength + 500).equals(bytes.subarray(bytes.byteLength - 3))).toBe(true);
    expect(content.sha256(id)).toEqual({ sha256: crypto.createHash('sha256').update(bytes).digest('hex'), byteLength: bytes.byteLength });
  });

  it("shows each mail message's original from its byte range across chunk boundaries", async () => {
    const message = (i: number) =>
      [`From clerk${i}@example.org Mon Apr 0${i} 10:00:00 2022`, `From: Clerk ${i} <clerk${i}@example.org>`, `Subject: Berth ${i} allocation`, `Message-ID: <berth-${i}@example.org>`, '', `Berth ${i} goes to the trawler Aurora ${i} from Monday; the crane booking follows. ${'Details follow in the weekly notice. '.repeat(i + 3)}`, ''].join('\n');
    const mbox = [1, 2, 3, 4].map(message).join('\n');
    const id = await importOne('berths.mbox', utf8(mbox));
    const links = archive.db.prepare('SELECT entry_id AS entryId FROM entry_sources WHERE source_id = ? ORDER BY ordinal').all(id) as { entryId: number }[];
    expect(links).toHaveLength(4);
    for (const [i, { entryId }] of links.entries()) {
      const original = await archive.call('getEntryOriginal', { id: entryId, sourceId: id });
      expect(original.unit).toBe('bytes');
      expect(original.text).toBe(mbox.slice(original.start, original.end));
      expect(original.text).toContain(`Berth ${i + 1} goes to the trawler`);
    }
  });

  it('stores the text when decoding the bytes does not give it exactly', async () => {
    // windows-1252 with CRLF line ends: the text is the bytes decoded, so it is derived.
    const legacy = await importOne('pier-1252.txt', encodeSingleByte('Pier café\r\n\r\nThe señora reopened the kiosk on the pier.\r\n', 'windows-1252'));
    expect(archive.db.prepare('SELECT text_kind FROM sources WHERE id = ?').pluck().get(legacy)).toBe('derived');
    expect(storedText(archive.db, legacy)).toBe('Pier café\n\nThe señora reopened the kiosk on the pier.\n');
    // A code point no Unicode version has assigned yet could normalise differently later: stored.
    const unassigned = await importOne('odd-mark.txt', utf8('Odd mark\n\nA scanner wrote \u0378 into this line of the tide table.\n'));
    expect(archive.db.prepare('SELECT text_kind FROM sources WHERE id = ?').pluck().get(unassigned)).toBe('stored');
    expect(storedText(archive.db, unassigned)).toBe('Odd mark\n\nA scanner wrote \u0378 into this line of the tide table.\n');
    expect(chunks(unassigned, 'text').n).toBeGreaterThan(0);
    // JSON records become a rendered text that is not the file's: stored.
    const records = JSON.stringify([{ title: 'Lock gates repaired', text: 'The lock gates open again after a month of work.' }]);
    const json = await importOne('locks.json', utf8(records));
    expect(archive.db.prepare('SELECT text_kind FROM sources WHERE id = ?').pluck().get(json)).toBe('stored');
    expect(storedText(archive.db, json)).toContain('The lock gates open again after a month of work.');
    expect(storedBytes(archive.db, json).toString('utf8')).toBe(records);
  });

  it('says an archive missing a chunk is damaged, never reading a file short', async () => {
    const id = await importOne('damaged-log.txt', utf8(dump(8)));
    archive.db.prepare("DELETE FROM source_chunks WHERE source_id = ? AND kind = 'bytes' AND seq = 1").run(id);
    expect(() => storedBytes(archive.db, id)).toThrow(/damaged/);
    expect(() => storedText(archive.db, id)).toThrow(/damaged/);
    expect(() => new SourceContent(archive.db).sha256(id)).toThrow(/damaged/);
  });

  it("keeps a UTF-8 dump without its entries' bodies (they are in the entries), and reads it back exactly", async () => {
    const text = dump(60);
    const bytes = Buffer.from(utf8(text));
    const id = await importOne('harbour-log.txt', bytes);
    expect(codec(id)).toBe('spliced-brotli-5');
    // The bodies are most of the file: what is stored is a fraction of the whole file compressed.
    expect(chunks(id, 'bytes').size).toBeLessThan(packContent(bytes, 'utf-8', text, CHUNK).chunks.reduce((n, c) => n + c.data.byteLength, 0) * 0.6);
    expect(chunks(id, 'text').n).toBe(0);
    expect(storedBytes(archive.db, id).equals(bytes)).toBe(true);
    expect(storedText(archive.db, id)).toBe(text);
    const content = new SourceContent(archive.db);
    expect(content.sha256(id)).toEqual({ sha256: crypto.createHash('sha256').update(bytes).digest('hex'), byteLength: bytes.byteLength });
    for (const [start, end] of [[0, 1], [5, 300], [bytes.byteLength - 40, bytes.byteLength + 10]] as const) {
      expect(content.byteRange(id, start, end).equals(bytes.subarray(start, end)), `${start}–${end}`).toBe(true);
    }
    // Show original quotes the post from the rebuilt file.
    const link = archive.db.prepare('SELECT entry_id AS entryId FROM entry_sources WHERE source_id = ? ORDER BY ordinal LIMIT 1 OFFSET 3').get(id) as { entryId: number };
    const original = await archive.call('getEntryOriginal', { id: link.entryId, sourceId: id });
    expect(original.text).toContain('Crew 24 reported 3 boats at the lock gates');
  });

  it('keeps a dump whole when a body it holds is stored with other white space (an entry from an earlier file)', async () => {
    const first = 'Ferry timetable\nPosted on: 2021-05-02\n\nThe ferry leaves the ramp at seven and returns at noon on weekdays only.\n';
    await importOne('timetable-a.txt', utf8(first));
    const second = 'Ferry timetable\nPosted on: 2021-05-02\n\nThe ferry leaves the ramp at seven  and returns at noon\non weekdays only.\n';
    const id = await importOne('timetable-b.txt', utf8(second));
    expect(codec(id)).toBe('brotli-5');
    expect(storedBytes(archive.db, id).toString('utf8')).toBe(second);
  });

  it('still reads a spliced dump exactly when its entries are deleted, by themselves or with it, and after undo', async () => {
    const text = dump(9).replaceAll('Harbour log', 'Quay note');
    const id = await importOne('quay-notes.txt', utf8(text));
    expect(codec(id)).toBe('spliced-brotli-5');
    const ids = archive.db.prepare('SELECT entry_id FROM entry_sources WHERE source_id = ? ORDER BY ordinal').pluck().all(id) as number[];
    archive.call('deleteEntries', { entryIds: ids.slice(2, 5) });
    expect(archive.db.prepare('SELECT count(*) FROM entry_sources WHERE source_id = ?').pluck().get(id)).toBe(6);
    expect(storedText(archive.db, id)).toBe(text);
    archive.call('deleteEntries', { sourceIds: [id] });
    archive.call('undo', undefined);
    expect(storedText(archive.db, id)).toBe(text);
    archive.call('undo', undefined);
    expect(storedBytes(archive.db, id).toString('utf8')).toBe(text);
  });

  it('says a spliced dump is damaged when a body it needs was changed, never giving other bytes', async () => {
    const text = dump(7).replaceAll('Harbour log', 'Lock report');
    const id = await importOne('lock-reports.txt', utf8(text));
    expect(codec(id)).toBe('spliced-brotli-5');
    const entryId = archive.db.prepare('SELECT entry_id FROM entry_sources WHERE source_id = ? ORDER BY ordinal LIMIT 1').pluck().get(id) as number;
    // Same length, one letter changed: only the SHA-256 check can tell.
    archive.db.prepare("UPDATE entries SET body = replace(body, 'Crew', 'Craw') WHERE id = ?").run(entryId);
    expect(() => storedBytes(archive.db, id)).toThrow(/damaged/);
    expect(() => storedText(archive.db, id)).toThrow(/damaged/);
    expect(() => new SourceContent(archive.db).sha256(id)).toThrow(/damaged/);
  });
});
