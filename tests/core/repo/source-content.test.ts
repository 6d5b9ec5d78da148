// What the archive keeps of an imported file: its bytes, byte for byte, in compressed chunks (a
// byte range read from the chunks it lies in), and its text, stored only when decoding the bytes
// does not give it. Chunks are set small here so every file spans many.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EntryOriginal, ImportReport } from '../../../shared/contract.ts';
import { Archive } from '../../../electron/core/archive.ts';
import { importPaths } from '../../../electron/core/import/import-files.ts';
import { SourceContent } from '../../../electron/core/repo/source-content.ts';
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

  it('keeps a text dump byte for byte in compressed chunks, and derives its text instead of storing it twice', async () => {
    const bytes = utf8(dump(60));
    const id = await importOne('harbour-log.txt', bytes);
    expect(storedBytes(archive.db, id).equals(Buffer.from(bytes))).toBe(true);
    expect(storedText(archive.db, id)).toBe(dump(60));
    expect(chunks(id, 'bytes').n).toBe(Math.ceil(bytes.byteLength / CHUNK));
    expect(chunks(id, 'bytes').size).toBeLessThan(bytes.byteLength * 0.8);
    expect(chunks(id, 'text').n).toBe(0);
  });

  it('reads any byte range from the chunks it lies in, exactly', async () => {
    const bytes = Buffer.from(utf8(dump(12)));
    const id = await importOne('short-log.txt', bytes);
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
      const original = archive.call('getEntryOriginal', { id: entryId, sourceId: id }) as EntryOriginal;
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
});
