// An import merges the search index's segments between its files, a few pages per transaction,
// instead of inside each file's transaction (index-merge.ts): searches find the same entries in
// the same order whatever the segments, the index ends as merged as automerge left it, what a
// stopped import left unmerged is merged by the next one, and an edit runs between two slices.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { Archive } from '../../../electron/core/archive.ts';
import { importPaths } from '../../../electron/core/import/import-files.ts';
import { deferIndexMerges, mergePendingIndex } from '../../../electron/core/import/index-merge.ts';
import type { Highlight, SearchResult } from '../../../shared/contract.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const WORDS = 'tide harbour ferry lantern granary kiln orchard weir causeway beacon quarry mill ledger tannery'.split(' ');

/** `count` JSON files of 12 posts each, words from a seeded generator (so every file adds many terms). */
function writeDumps(dir: string, count: number, seed: number): string[] {
  fs.mkdirSync(dir, { recursive: true });
  let s = seed;
  const next = (n: number) => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8) % n;
  const word = () => (next(3) === 0 ? WORDS[next(WORDS.length)]! : `v${next(3000)}`);
  return Array.from({ length: count }, (_, f) => {
    const posts = Array.from({ length: 12 }, (_, i) => ({
      title: `${word()} ${word()} ${f}-${i}`,
      body: `${Array.from({ length: 80 }, word).join(' ')}.`,
    }));
    const file = path.join(dir, `dump-${String(f).padStart(3, '0')}.json`);
    fs.writeFileSync(file, JSON.stringify(posts));
    return file;
  });
}

/** The index's segments per level, from FTS5's structure record (fts5_index.c, fts5StructureDecode). */
function levels(db: Database.Database): number[] {
  const block = db.prepare('SELECT block FROM entry_index_data WHERE id = 10').pluck().get() as Buffer;
  let at = 4; // the cookie
  if (block.readUInt32BE(4) === 0xff000001) at += 4; // the second version of the record
  const varint = () => {
    let value = 0;
    for (let i = 0; i < 9; i++) {
      const byte = block[at++]!;
      if (i === 8) return value * 256 + byte;
      value = value * 128 + (byte & 0x7f);
      if (byte < 0x80) return value;
    }
    return value;
  };
  const v2 = at === 8;
  const nLevel = varint();
  varint(); // segments in all
  varint(); // the write counter
  return Array.from({ length: nLevel }, () => {
    varint(); // segments of the level being merged
    const n = varint();
    for (let i = 0; i < n * (v2 ? 8 : 3); i++) varint();
    return n;
  });
}
const segments = (db: Database.Database) => levels(db).reduce((a, b) => a + b, 0);
const automerge = (db: Database.Database) => db.prepare("SELECT v FROM entry_index_config WHERE k = 'automerge'").pluck().get();

const QUERIES = ['tide', 'harbour ferry', '"lantern granary"', 'kiln OR weir', 'mill*', 'v12*', 'beacon -quarry', 'ledger tannery causeway'];

/** What a researcher sees for each query: the total and the ranked ids of the first page. */
function results(archive: Archive) {
  return QUERIES.map((query) => {
    const r = archive.call('search', { query, limit: 50 }) as SearchResult;
    return { query, total: r.total, ids: r.hits.map((h) => h.id) };
  });
}

describe('the search index merged between an import’s files', () => {
  const dir = tempDir();

  it('gives the same search results as one fully merged index, and ends about as merged as automerge left it', async () => {
    const file = path.join(dir, 'merged.quire');
    const archive = new Archive(file);
    afterAll(() => archive.close());
    const dumps = writeDumps(path.join(dir, 'dumps'), 30, 5);
    // One page per slice: the merges are cut as fine as they go, and a file's own transaction merges nothing.
    const report = await importPaths(archive.db, dumps, { jobId: 'merge-1', isCancelled: () => false, onProgress: () => {}, indexMergePages: 1 });
    expect(report.counts.newEntries).toBe(360);
    // 30 files flushed 30 segments, merged as automerge would: fewer than 4 on each level.
    expect(levels(archive.db).every((n) => n < 4)).toBe(true);
    expect(segments(archive.db)).toBeLessThan(10);
    // After the import the archive merges on writes again as FTS5 does by default.
    expect(automerge(archive.db)).toBe(4);

    const sliced = results(archive);
    expect(sliced.every((r) => r.total > 0)).toBe(true);
    archive.db.prepare("INSERT INTO entry_index (entry_index) VALUES ('optimize')").run();
    expect(segments(archive.db)).toBe(1);
    expect(results(archive)).toEqual(sliced);
  });

  it('merges at the next import what an import stopped before merging, and searches find the same all along', async () => {
    const file = path.join(dir, 'stopped.quire');
    const archive = new Archive(file);
    afterAll(() => archive.close());
    const first = writeDumps(path.join(dir, 'first'), 2, 7);
    await importPaths(archive.db, first, { jobId: 'first', isCancelled: () => false, onProgress: () => {} });
    // As if an import had been killed: merging off, and entries written one segment each (10: below
    // the 16 segments on a level at which FTS5 merges anyway).
    deferIndexMerges(archive.db);
    const rows = archive.db.prepare('SELECT id, title, body FROM entries ORDER BY id').all() as { id: number; title: string; body: string }[];
    const unindex = archive.db.prepare('DELETE FROM entry_index WHERE rowid = ?');
    const reindex = archive.db.prepare('INSERT INTO entry_index (rowid, title, body) VALUES (?, ?, ?)');
    for (const e of rows.slice(0, 10)) {
      archive.db.transaction(() => {
        unindex.run(e.id);
        reindex.run(e.id, e.title, e.body);
      })();
    }
    const left = segments(archive.db);
    expect(left).toBeGreaterThanOrEqual(10);
    const before = results(archive);
    expect(before.every((r) => r.total > 0)).toBe(true);

    // The next import, of a file already in the archive: it writes nothing, and merges what was left.
    const again = await importPaths(archive.db, first.slice(0, 1), { jobId: 'again', isCancelled: () => false, onProgress: () => {}, indexMergePages: 1 });
    expect(again.files.map((f) => f.status)).toEqual(['duplicate']);
    expect(levels(archive.db).every((n) => n < 4)).toBe(true);
    expect(segments(archive.db)).toBeLessThan(left / 2);
    expect(automerge(archive.db)).toBe(4);
    expect(results(archive)).toEqual(before);
  });

  it('commits an edit made while it merges, on its own, before the merging is done', async () => {
    const file = path.join(dir, 'edit.quire');
    const archive = new Archive(file);
    afterAll(() => archive.close());
    await importPaths(archive.db, writeDumps(path.join(dir, 'edit'), 1, 11), { jobId: 'edit', isCancelled: () => false, onProgress: () => {} });
    // Work to merge: many small segments, as files written with merging off leave them.
    deferIndexMerges(archive.db);
    const add = archive.db.prepare('INSERT INTO entry_index (rowid, title, body) VALUES (?, ?, ?)');
    let seed = 3;
    const word = () => `u${((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % 5000}`;
    for (let i = 0; i < 8; i++) {
      archive.db.transaction(() => {
        for (let j = 0; j < 40; j++) add.run(100_000 + i * 100 + j, `lantern ${i}`, Array.from({ length: 150 }, word).join(' '));
      })();
    }
    expect(segments(archive.db)).toBeGreaterThanOrEqual(8);

    let merged = false;
    const merging = mergePendingIndex(archive.db, { slicePages: 1 }).then((slices) => {
      merged = true;
      return slices;
    });
    // The edit arrives while the merge runs, as a message to the writer would.
    const edit = await new Promise<{ highlight: Highlight; mergedYet: boolean; seenByReader: number }>((resolve) =>
      setImmediate(() => {
        const highlight = archive.call('createHighlight', { entryId: 1, start: 0, end: 3, note: 'made while merging' }) as Highlight;
        const reader = new Database(file, { readonly: true });
        const seenByReader = reader.prepare('SELECT count(*) FROM highlights WHERE id = ?').pluck().get(highlight.id) as number;
        reader.close();
        resolve({ highlight, mergedYet: merged, seenByReader });
      }),
    );
    expect(edit.mergedYet).toBe(false);
    expect(edit.seenByReader).toBe(1);
    expect(await merging).toBeGreaterThan(2);
  });
});
