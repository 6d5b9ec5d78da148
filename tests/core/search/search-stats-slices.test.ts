// The statistics refresh runs in slices so the writer can answer edits between them. Whatever
// runs between the slices, the statistics end up either exactly what a refresh left alone makes,
// or marked stale (searches then read the index itself): never valid and wrong.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../../electron/core/archive.ts';
import { refreshSearchStats, refreshSearchStatsInSlices, SearchStats } from '../../../electron/core/search/search-stats.ts';
import type { Db } from '../../../electron/core/db/open-archive.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { openTestArchive, search, seedEntries, type SeedEntry } from './helpers/seed-entries.ts';

const LOW = { commonDocs: 100, topK: 60 };
const WORDS = ['harbour', 'ledger', 'tide', 'granary', 'lantern', 'ferry', 'orchard', 'mill'];

const entries = (count: number, from = 0): SeedEntry[] =>
  Array.from({ length: count }, (_, k) => {
    const i = from + k;
    return { title: i % 40 === 1 ? `Harbour notes ${i}` : `Notes ${i}`, body: `The harbour ${WORDS[i % WORDS.length]} report ${i} ${'more '.repeat(i % 13)}`, date: `2015-0${1 + (i % 9)}-1${i % 10}` };
  });

const snapshot = (db: Db) => ({
  terms: db.prepare('SELECT term, docs FROM search_terms ORDER BY term').all(),
  top: db.prepare('SELECT term, score, entry_id FROM search_top ORDER BY term, score, entry_id').all(),
});
const invalidate = (db: Db) => db.prepare(`UPDATE meta SET value = '0' WHERE key = 'search_stats_valid'`).run();

/** Runs `edit` once, between two slices, after the refresh has ranked its first top list. */
function betweenSlices(edit: () => void) {
  let done = false;
  return (listsDone: number) => {
    if (listsDone === 1 && !done) {
      done = true;
      setImmediate(edit);
    }
  };
}

describe('a statistics refresh in slices', () => {
  const dir = tempDir();
  let archive: Archive;
  beforeAll(() => {
    archive = openTestArchive(dir, 'slices');
    seedEntries(archive, entries(600));
  });
  afterAll(() => archive.close());

  it('makes exactly the statistics a refresh in one go makes, with edits that leave the entries alone between slices', async () => {
    refreshSearchStats(archive.db, LOW);
    const once = snapshot(archive.db);
    expect(once.top.length).toBeGreaterThan(0);
    invalidate(archive.db);
    const result = await refreshSearchStatsInSlices(archive.db, {
      ...LOW,
      onProgress: betweenSlices(() => archive.call('saveSearch', { name: 'Between slices', query: 'harbour' })),
    });
    expect(result).toMatchObject({ refreshed: true, incremental: false, cancelled: false });
    expect(snapshot(archive.db)).toEqual(once);
    expect(new SearchStats(archive.db).current()).toBe(true);
    expect(archive.call('listSavedSearches', undefined)).toMatchObject([{ name: 'Between slices' }]);
  });

  it('leaves the statistics stale when an indexed entry changes between slices, and the next refresh makes them', async () => {
    invalidate(archive.db);
    const changed = await refreshSearchStatsInSlices(archive.db, {
      ...LOW,
      onProgress: betweenSlices(() => archive.db.prepare('UPDATE entries SET title = ? WHERE id = 2').run('Harbour harbour harbour, renamed')),
    });
    expect(changed).toMatchObject({ refreshed: false, overtaken: true });
    expect(new SearchStats(archive.db).current()).toBe(false);
    // Searches read the index itself meanwhile: the renamed entry leads.
    expect(search(archive, 'harbour', { limit: 1 }).hits[0]?.id).toBe(2);

    const added = await refreshSearchStatsInSlices(archive.db, { ...LOW, onProgress: betweenSlices(() => seedEntries(archive, entries(1, 600))) });
    expect(added).toMatchObject({ refreshed: false, overtaken: true });
    expect(new SearchStats(archive.db).current()).toBe(false);

    expect(await refreshSearchStatsInSlices(archive.db, LOW)).toMatchObject({ refreshed: true });
    expect(new SearchStats(archive.db).current()).toBe(true);
    const sliced = snapshot(archive.db);
    invalidate(archive.db);
    refreshSearchStats(archive.db, LOW);
    expect(snapshot(archive.db)).toEqual(sliced);
    expect(search(archive, 'harbour', { limit: 1 }).hits[0]?.id).toBe(2);
  });

  it('leaves the statistics as they were when cancelled before changing them, and stale once it has', async () => {
    refreshSearchStats(archive.db, LOW);
    seedEntries(archive, entries(50, 700));
    // Cancelled while indexing the new entries on the side: the next refresh still only reads those.
    const early = await refreshSearchStatsInSlices(archive.db, { ...LOW, isCancelled: () => true });
    expect(early).toMatchObject({ cancelled: true, incremental: true });
    expect(await refreshSearchStatsInSlices(archive.db, LOW)).toMatchObject({ refreshed: true, incremental: true });

    invalidate(archive.db);
    let lists = 0;
    const late = await refreshSearchStatsInSlices(archive.db, { ...LOW, isCancelled: () => lists > 0, onProgress: (done) => (lists = done) });
    expect(late).toMatchObject({ cancelled: true, incremental: false });
    expect(new SearchStats(archive.db).current()).toBe(false);
    expect(await refreshSearchStatsInSlices(archive.db, LOW)).toMatchObject({ refreshed: true, incremental: false });
  });
});

describe('taking in new entries in slices', () => {
  const dir = tempDir();
  it('gives what taking them in at once gives', async () => {
    const first = path.join(dir, 'a.quire');
    const seeded = openTestArchive(dir, 'a');
    seedEntries(seeded, entries(600));
    refreshSearchStats(seeded.db, LOW);
    seedEntries(seeded, [{ title: 'Harbour harbour harbour', body: 'Harbour.' }, ...Array.from({ length: 150 }, (_, i) => ({ title: `Quay ${i}`, body: `The quayside was busy, item ${i}.` }))]);
    seeded.db.pragma('wal_checkpoint(TRUNCATE)');
    seeded.close();
    const second = path.join(dir, 'b.quire');
    fs.copyFileSync(first, second);

    const atOnce = new Archive(first);
    const inSlices = new Archive(second);
    try {
      expect(refreshSearchStats(atOnce.db, LOW)).toMatchObject({ refreshed: true, incremental: true });
      const result = await refreshSearchStatsInSlices(inSlices.db, {
        ...LOW,
        onProgress: betweenSlices(() => inSlices.call('saveAliasGroup', { name: 'Quays', variants: ['quay', 'quayside'] })),
      });
      expect(result).toMatchObject({ refreshed: true, incremental: true });
      expect(snapshot(inSlices.db)).toEqual(snapshot(atOnce.db));
      expect(snapshot(inSlices.db).top.some((t) => (t as { term: string }).term === 'quayside')).toBe(true);
    } finally {
      atOnce.close();
      inSlices.close();
    }
  });
});
