// An edit made while an import runs (a highlight, a saved search, an alias group) is the user's own work: it
// must be saved at once, on its own, whatever then happens to the import (cancelled, failed), and
// the writer must answer it while the import's statistics refresh is still running.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Archive } from '../../../electron/core/archive.ts';
import { refreshSearchStats } from '../../../electron/core/search/search-stats.ts';
import { ArchiveHost } from '../../../electron/core/worker/archive-host.ts';
import type { EntryAnnotations, ImportReport, SavedSearch, WireResult } from '../../../shared/contract.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

/** Text files of one entry each, distinct words from a seeded generator. */
function writeNotes(dir: string, count: number, vocabulary: number, words = 120): string[] {
  fs.mkdirSync(dir, { recursive: true });
  let seed = 11;
  const next = (n: number) => Math.floor(((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * n);
  return Array.from({ length: count }, (_, i) => {
    const file = path.join(dir, `note-${String(i).padStart(4, '0')}.txt`);
    const body = Array.from({ length: words }, () => `w${next(vocabulary)}`).join(' ');
    fs.writeFileSync(file, `Note ${i}\n\n${body}.`);
    return file;
  });
}

/** Resolves once the import has finished at least `files` files. */
function afterFiles(host: ArchiveHost, jobId: string, files: number): Promise<void> {
  return new Promise((resolve) => {
    const off = host.onEvent((e) => {
      if (e.type === 'import-progress' && e.progress.jobId === jobId && e.progress.filesDone >= files) {
        off();
        resolve();
      }
    });
  });
}

/** The import's answer, and whether it has come yet. */
function track(result: Promise<WireResult<unknown>>) {
  const state = { settled: false, result };
  void result.then(() => (state.settled = true));
  return state;
}

/** The highlights on an entry, as the reader sees them: [start, end, quote]. */
async function highlightsOn(host: ArchiveHost, entryId: number): Promise<[number, number, string][]> {
  const annotations = await host.invoke('getEntryAnnotations', { entryId });
  expect(annotations.ok).toBe(true);
  return (annotations as { value: EntryAnnotations }).value.highlights.map((h) => [h.start, h.end, h.exact]);
}

async function savedNames(host: ArchiveHost): Promise<string[]> {
  const list = await host.invoke('listSavedSearches', undefined);
  expect(list.ok).toBe(true);
  return (list as { value: SavedSearch[] }).value.map((s) => s.name);
}

describe('an edit made while an import runs', () => {
  const dir = tempDir();
  const notes = writeNotes(path.join(dir, 'notes'), 150, 400);

  it('is visible to searches before the import ends, and is kept when the import is cancelled', async () => {
    const host = await ArchiveHost.open(path.join(dir, 'cancel.quire'));
    try {
      const importing = track(host.invoke('importFiles', { paths: notes, jobId: 'job-cancelled' }));
      await afterFiles(host, 'job-cancelled', 2);
      const saved = await host.invoke('saveSearch', { name: 'Made during the import', query: 'w7' });
      expect(saved.ok).toBe(true);
      const alias = await host.invoke('saveAliasGroup', { name: 'Made during the import too', variants: ['w1', 'w2'] });
      expect(alias.ok).toBe(true);
      // The reader (another connection) sees both while the import is still going.
      expect(await savedNames(host)).toContain('Made during the import');
      const groups = await host.invoke('listAliasGroups', undefined);
      expect(groups).toMatchObject({ ok: true, value: [{ name: 'Made during the import too' }] });
      expect(importing.settled).toBe(false);

      expect(host.cancel('job-cancelled')).toEqual({ cancelled: true });
      const result = await importing.result;
      expect(result).toMatchObject({ ok: true, value: { cancelled: true } });
      const report = (result as { value: ImportReport }).value;
      expect(report.files.filter((f) => f.status === 'imported').length).toBeLessThan(notes.length);
      expect(await savedNames(host)).toEqual(['Made during the import']);
      expect(await host.invoke('listAliasGroups', undefined)).toMatchObject({ ok: true, value: [{ name: 'Made during the import too' }] });
    } finally {
      await host.close();
    }
  });

  it('is kept when the import then fails, with the files finished before it', async () => {
    const file = path.join(dir, 'fail.quire');
    const host = await ArchiveHost.open(file);
    try {
      // A real failure at write time that takes the import's whole open batch with it, as a full
      // disk may: once the search below is saved, SQLite refuses the next source the import
      // writes and rolls back the transaction it was in, and the import stops.
      const other = new Database(file);
      other.exec(`CREATE TRIGGER test_refuse_sources BEFORE INSERT ON sources
        WHEN EXISTS (SELECT 1 FROM saved_searches WHERE name = 'Saved before the failure')
        BEGIN SELECT RAISE(ROLLBACK, 'database or disk is full'); END;`);
      other.close();

      let filesBefore = 0;
      const off = host.onEvent((e) => {
        if (e.type === 'import-progress' && e.progress.jobId === 'job-failing') filesBefore = Math.max(filesBefore, e.progress.filesDone);
      });
      const importing = track(host.invoke('importFiles', { paths: notes, jobId: 'job-failing' }));
      await afterFiles(host, 'job-failing', 2);
      // The first file's entry (id 1), highlighted while the import goes on: "Note" of its title.
      const highlight = await host.invoke('createHighlight', { entryId: 1, start: 0, end: 4, note: 'made during the import' });
      expect(highlight.ok).toBe(true);
      const saved = await host.invoke('saveSearch', { name: 'Saved before the failure', query: 'w9' });
      expect(saved.ok).toBe(true);
      const finishedWhenSaved = filesBefore;
      expect(importing.settled).toBe(false);

      const result = await importing.result;
      off();
      expect(result.ok).toBe(false);
      expect(await savedNames(host)).toEqual(['Saved before the failure']);
      expect(await highlightsOn(host, 1)).toEqual([[0, 4, 'Note']]);
      // The files the import had finished when the search was saved were committed with it.
      const stats = await host.invoke('stats', undefined);
      expect((stats as { value: { sources: number } }).value.sources).toBeGreaterThanOrEqual(finishedWhenSaved);
      expect((stats as { value: { sources: number } }).value.sources).toBeLessThan(notes.length);
    } finally {
      await host.close();
    }
  });
});

describe('a highlight saved while an import writes a large file', () => {
  const dir = tempDir();

  it('is answered before the file is in (the file steps aside, then comes in whole)', async () => {
    // One file of 4,000 posts, written with a turn of the writer's event loop before every entry.
    const lines = Array.from({ length: 4000 }, (_, i) => JSON.stringify({ title: `Post ${i}`, text: `w${i} w${i % 97} w${i % 13} harbour ferry` }));
    const big = path.join(dir, 'posts.jsonl');
    fs.writeFileSync(big, `${lines.join('\n')}\n`);
    const host = await ArchiveHost.open(path.join(dir, 'big.quire'), { importLimits: { editSliceMs: 0 } });
    try {
      const first = await host.invoke('importFiles', { paths: writeNotes(path.join(dir, 'first'), 1, 50), jobId: 'first' });
      expect(first).toMatchObject({ ok: true, value: { entriesAdded: 1 } });
      // Part-way through the file: some of its entries written, not all.
      const midFile = new Promise<void>((resolve) => {
        const off = host.onEvent((e) => {
          if (e.type === 'import-progress' && e.progress.jobId === 'big' && e.progress.entriesDone > 0 && e.progress.entriesDone < 4000) {
            off();
            resolve();
          }
        });
      });
      const importing = track(host.invoke('importFiles', { paths: [big], jobId: 'big' }));
      await midFile;
      const highlight = await host.invoke('createHighlight', { entryId: 1, start: 0, end: 4 });
      expect(highlight.ok).toBe(true);
      // Seen at once by the reader, while none of the large file is in.
      expect(await highlightsOn(host, 1)).toEqual([[0, 4, 'Note']]);
      expect(await host.invoke('stats', undefined)).toMatchObject({ ok: true, value: { entries: 1, sources: 1 } });
      expect(importing.settled).toBe(false);
      const result = await importing.result;
      expect(result).toMatchObject({ ok: true, value: { entriesAdded: 4000, files: [{ status: 'imported', entries: 4000 }] } });
      expect(await host.invoke('stats', undefined)).toMatchObject({ ok: true, value: { entries: 4001, sources: 2 } });
      expect(await highlightsOn(host, 1)).toEqual([[0, 4, 'Note']]);
    } finally {
      await host.close();
    }
  });
});

describe('an edit made while an import refreshes the search statistics', () => {
  const dir = tempDir();
  // Low thresholds: a word in 3 entries gets a top list, so this small import ends with a
  // refresh of many slices (one list each), as a million entries do with the app's thresholds.
  const thresholds = { commonDocs: 3, topK: 5 };
  const notes = writeNotes(path.join(dir, 'notes'), 60, 800, 400);

  const snapshot = (db: Database.Database) => ({
    terms: db.prepare('SELECT term, docs FROM search_terms ORDER BY term').all(),
    top: db.prepare('SELECT term, score, entry_id FROM search_top ORDER BY term, score, entry_id').all(),
  });

  it('is answered while the refresh still runs, and the statistics are those of a refresh left alone', async () => {
    const file = path.join(dir, 'stats.quire');
    const host = await ArchiveHost.open(file, { searchStats: thresholds });
    let refreshed: ReturnType<typeof snapshot>;
    try {
      const progress: { done: number; total: number }[] = [];
      const refreshing = new Promise<void>((resolve) => {
        host.onEvent((e) => {
          if (e.type !== 'import-progress' || !e.progress.searchStats) return;
          progress.push(e.progress.searchStats);
          if (e.progress.searchStats.total > 0 && e.progress.searchStats.done < e.progress.searchStats.total) resolve();
        });
      });
      const importing = track(host.invoke('importFiles', { paths: notes, jobId: 'job-stats' }));
      await refreshing;
      const highlight = await host.invoke('createHighlight', { entryId: 3, start: 0, end: 4 });
      expect(highlight.ok).toBe(true);
      const saved = await host.invoke('saveSearch', { name: 'Saved during the refresh', query: 'w12' });
      expect(saved.ok).toBe(true);
      // Answered before the refresh finished its last top list, and seen by the reader at once.
      expect(importing.settled).toBe(false);
      expect(await savedNames(host)).toEqual(['Saved during the refresh']);
      expect(await highlightsOn(host, 3)).toEqual([[0, 4, 'Note']]);
      const total = progress.at(-1)!.total;
      expect(total).toBeGreaterThan(100);

      const result = await importing.result;
      expect(result).toMatchObject({ ok: true, value: { cancelled: false, entriesAdded: notes.length } });
      expect(progress.at(-1)).toEqual({ done: total, total });
    } finally {
      await host.close();
    }
    const archive = new Archive(file);
    try {
      refreshed = snapshot(archive.db);
      expect(refreshed.top.length).toBeGreaterThan(0);
      // The same archive refreshed again from nothing, in one go.
      archive.db.prepare(`UPDATE meta SET value = '0' WHERE key = 'search_stats_valid'`).run();
      expect(refreshSearchStats(archive.db, thresholds)).toMatchObject({ refreshed: true, incremental: false });
      expect(snapshot(archive.db)).toEqual(refreshed);
    } finally {
      archive.close();
    }
  });
});
