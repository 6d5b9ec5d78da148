// An archive whose statistics were made with a higher top-list threshold (or shallower lists) than
// today's gets only the lists it lacks, while its statistics stay valid: the lists end up exactly
// those a full refresh makes, and a search for a word between the thresholds gives the same exact
// first page before (ranked live), during and after (from its new list).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../../../electron/core/archive.ts';
import type { Db } from '../../../electron/core/db/open-archive.ts';
import { rankTopList, readListCoverage, refreshSearchStats, SearchStats } from '../../../electron/core/search/search-stats.ts';
import { topUpTopLists } from '../../../electron/core/search/top-list-top-up.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { search, seedEntries } from './helpers/seed-entries.ts';
import { BETWEEN, corpus, HIGH, LOW, THRESHOLDS } from './helpers/threshold-corpus.ts';

function openArchive(dir: string, name: string, entries = 1_200): Archive {
  const archive = new Archive(path.join(dir, `${name}.quire`), { searchThresholds: THRESHOLDS });
  seedEntries(archive, corpus(entries));
  return archive;
}

const lists = (db: Db) => db.prepare('SELECT term, score, entry_id FROM search_top ORDER BY term, score, entry_id').all();
const listedWords = (db: Db) => db.prepare<[], string>('SELECT DISTINCT term FROM search_top ORDER BY term').pluck().all();
const docs = (db: Db, term: string) => db.prepare<[string], number>('SELECT docs FROM search_terms WHERE term = ?').pluck().get(term) ?? 0;
/** The search_top rows a full refresh with `options` makes, on the same index (left as it was). */
function fullRefreshLists(archive: Archive, options: { commonDocs: number; topK: number }) {
  const db = archive.db;
  return db.transaction(() => {
    const saved = { top: lists(db), meta: db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[] };
    db.prepare(`UPDATE meta SET value = '0' WHERE key = 'search_stats_valid'`).run();
    refreshSearchStats(db, options);
    const made = lists(db);
    // Put back what was there, so the test goes on from the archive's own state.
    db.prepare('DELETE FROM search_top').run();
    const insert = db.prepare('INSERT INTO search_top (term, score, entry_id) VALUES (?, ?, ?)');
    for (const r of saved.top as { term: string; score: number; entry_id: number }[]) insert.run(r.term, r.score, r.entry_id);
    db.prepare('DELETE FROM meta').run();
    const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    for (const r of saved.meta) meta.run(r.key, r.value);
    return made;
  })();
}

/** The exact bm25 scores of a search's first page, in order (ties between entries put aside). */
function firstPageScores(archive: Archive, word: string): { scores: number[]; explanation: string } {
  const page = search(archive, word, { limit: 50 });
  const score = new Map((archive.db.prepare('SELECT rowid AS id, rank AS r FROM entry_index WHERE entry_index MATCH ?').all(`"${word}"`) as { id: number; r: number }[]).map((x) => [x.id, x.r]));
  return { scores: page.hits.map((h) => score.get(h.id) ?? Number.NaN), explanation: page.explanation ?? '' };
}
const exactScores = (archive: Archive, word: string) =>
  (archive.db.prepare('SELECT rank AS r FROM entry_index WHERE entry_index MATCH ? ORDER BY rank LIMIT 50').all(`"${word}"`) as { r: number }[]).map((x) => x.r);

describe('topping up the top lists', () => {
  const dir = tempDir();

  it('makes exactly the lists a full refresh with the lower threshold makes, keeping the statistics valid and every first page exact', async () => {
    const archive = openArchive(dir, 'lowered');
    try {
      expect(refreshSearchStats(archive.db, HIGH)).toMatchObject({ refreshed: true });
      expect(readListCoverage(archive.db)).toEqual(HIGH);
      const before = listedWords(archive.db);
      const between = BETWEEN.filter((w) => docs(archive.db, w) >= LOW.commonDocs && docs(archive.db, w) < HIGH.commonDocs);
      expect(between).toEqual(BETWEEN); // the corpus has words between the thresholds, and none of them a list
      expect(before.filter((w) => between.includes(w))).toEqual([]);

      // Before: ranked live, every match; exact.
      const exact = new Map(between.map((w) => [w, exactScores(archive, w)]));
      for (const w of between) {
        const page = firstPageScores(archive, w);
        expect(page.explanation, w).toMatch(/every match ranked/);
        expect(page.scores, w).toEqual(exact.get(w));
      }

      const stats = new SearchStats(archive.db);
      const during: string[] = [];
      const result = await topUpTopLists(archive.db, {
        ...LOW,
        onProgress: (done) => {
          if (done === 0) return;
          // Between two lists: still valid, and each word's first page the exact one, list or not.
          expect(stats.current()).toBe(true);
          for (const w of between) {
            const page = firstPageScores(archive, w);
            expect(page.scores, w).toEqual(exact.get(w));
            during.push(page.explanation.includes('ranked ahead of time') ? `${w}:list` : `${w}:live`);
          }
        },
      });
      expect(result).toEqual({ built: between.length, missing: between.length, cancelled: false, stale: false });
      // The commonest first; after the first list, the others still ranked live.
      expect(during.slice(0, between.length)).toEqual(['lantern:list', 'ferry:live', 'orchard:live', 'mill:live']);

      expect(listedWords(archive.db)).toEqual([...before, ...between].sort());
      expect(lists(archive.db)).toEqual(fullRefreshLists(archive, LOW));
      expect(readListCoverage(archive.db)).toEqual(LOW);
      expect(stats.current()).toBe(true);
      expect(stats.listsRankedTogether()).toBe(true);
      for (const w of between) {
        const page = firstPageScores(archive, w);
        expect(page.explanation, w).toMatch(/ranked ahead of time/);
        expect(page.explanation, w).not.toMatch(/approximate/);
        expect(page.scores, w).toEqual(exact.get(w));
      }

      // Once done, the recorded coverage says so: nothing is read or made again.
      expect(await topUpTopLists(archive.db, LOW)).toEqual({ built: 0, missing: 0, cancelled: false, stale: false });
      expect(await topUpTopLists(archive.db, HIGH)).toEqual({ built: 0, missing: 0, cancelled: false, stale: false });
    } finally {
      archive.close();
    }
  });

  it('finds the missing lists word by word when the statistics do not say what their lists cover', async () => {
    const archive = openArchive(dir, 'unrecorded');
    try {
      refreshSearchStats(archive.db, HIGH);
      // Statistics made before the coverage was recorded (and before it was recorded whether the lists were ranked together).
      archive.db.prepare(`DELETE FROM meta WHERE key IN ('search_top_common_docs', 'search_top_depth', 'search_top_merged')`).run();
      expect(readListCoverage(archive.db)).toBeNull();
      const before = lists(archive.db);

      const result = await topUpTopLists(archive.db, LOW);
      expect(result).toMatchObject({ built: BETWEEN.length, cancelled: false, stale: false });
      const after = lists(archive.db);
      // The lists it had are untouched; the new ones are a full refresh's.
      expect(after.filter((r) => !BETWEEN.includes((r as { term: string }).term))).toEqual(before);
      expect(after).toEqual(fullRefreshLists(archive, LOW));
      expect(readListCoverage(archive.db)).toEqual(LOW);
      // The lists it did not make may have been merged from several refreshes: still not known to be ranked together.
      expect(new SearchStats(archive.db).listsRankedTogether()).toBe(false);
    } finally {
      archive.close();
    }
  });

  it('deepens lists made shallower than today’s depth, after making the missing ones', async () => {
    const archive = openArchive(dir, 'shallow');
    try {
      refreshSearchStats(archive.db, { commonDocs: HIGH.commonDocs, topK: 20 });
      // As if an incremental refresh had merged the lists since.
      archive.db.prepare(`UPDATE meta SET value = '1' WHERE key = 'search_top_merged'`).run();
      expect(new SearchStats(archive.db).listsRankedTogether()).toBe(false);
      const deep = { commonDocs: LOW.commonDocs, topK: 80 };
      const ranked: string[] = [];
      const result = await topUpTopLists(archive.db, {
        ...deep,
        rankElsewhere: async (request) => {
          ranked.push(request.term);
          return rankTopList(archive.db, request);
        },
      });
      const common = archive.db.prepare<[number], string>('SELECT term FROM search_terms WHERE docs >= ? ORDER BY docs DESC, term').pluck();
      expect(result).toMatchObject({ built: common.all(LOW.commonDocs).length, stale: false });
      // Words ranked live until they have a list come first; the shallow lists after, commonest first.
      expect(ranked).toEqual([...BETWEEN, ...common.all(HIGH.commonDocs)]);
      expect(lists(archive.db)).toEqual(fullRefreshLists(archive, deep));
      expect(readListCoverage(archive.db)).toEqual(deep);
      // Every list ranked again over the same index: ranked together, so they bound scores again (top-k.ts).
      expect(new SearchStats(archive.db).listsRankedTogether()).toBe(true);
    } finally {
      archive.close();
    }
  });

  it('stops when cancelled with every list it wrote whole and the statistics valid, and the next top-up makes the rest', async () => {
    const archive = openArchive(dir, 'cancelled');
    try {
      refreshSearchStats(archive.db, HIGH);
      const full = fullRefreshLists(archive, LOW);
      let built = 0;
      const first = await topUpTopLists(archive.db, { ...LOW, isCancelled: () => built >= 2, onProgress: (done) => (built = done) });
      expect(first).toEqual({ built: 2, missing: BETWEEN.length, cancelled: true, stale: false });
      expect(new SearchStats(archive.db).current()).toBe(true);
      // The two commonest words between the thresholds have their whole list; the others none yet.
      const now = lists(archive.db) as { term: string }[];
      for (const w of ['lantern', 'ferry']) expect(now.filter((r) => r.term === w)).toEqual(full.filter((r) => (r as { term: string }).term === w));
      expect(now.some((r) => r.term === 'orchard' || r.term === 'mill')).toBe(false);
      expect(readListCoverage(archive.db)).toEqual(HIGH);
      // Cancelled while reading the vocabulary: nothing written.
      expect(await topUpTopLists(archive.db, { ...LOW, isCancelled: () => true })).toMatchObject({ built: 0, cancelled: true });

      const second = await topUpTopLists(archive.db, LOW);
      expect(second).toEqual({ built: 2, missing: 2, cancelled: false, stale: false });
      expect(lists(archive.db)).toEqual(full);
      expect(readListCoverage(archive.db)).toEqual(LOW);
    } finally {
      archive.close();
    }
  });

  it('writes no list ranked while an entry changed, and waits for stale statistics to be made again', async () => {
    const archive = openArchive(dir, 'overtaken');
    try {
      refreshSearchStats(archive.db, HIGH);
      const before = lists(archive.db);
      // Ranked on "another thread": an entry is edited while the first list is ranked.
      const edited = await topUpTopLists(archive.db, {
        ...LOW,
        rankElsewhere: async (request) => {
          const rows = rankTopList(archive.db, request);
          archive.db.prepare('UPDATE entries SET title = ? WHERE id = 3').run('Lantern lantern lantern, renamed');
          return rows;
        },
      });
      expect(edited).toMatchObject({ built: 0, stale: true });
      expect(lists(archive.db)).toEqual(before);
      expect(readListCoverage(archive.db)).toEqual(HIGH);
      // Stale statistics: nothing to top up (searches read the index itself) until a refresh.
      expect(await topUpTopLists(archive.db, LOW)).toMatchObject({ built: 0, stale: true });

      expect(refreshSearchStats(archive.db, HIGH)).toMatchObject({ refreshed: true, incremental: false });
      expect(await topUpTopLists(archive.db, LOW)).toMatchObject({ built: BETWEEN.length, stale: false });
      expect(lists(archive.db)).toEqual(fullRefreshLists(archive, LOW));
      const page = firstPageScores(archive, 'lantern');
      expect(page.explanation).toMatch(/ranked ahead of time/);
      expect(page.scores).toEqual(exactScores(archive, 'lantern'));
    } finally {
      archive.close();
    }
  });

  it('keeps the higher threshold recorded through a refresh of new entries, which leaves the lists between to the top-up', async () => {
    const archive = openArchive(dir, 'incremental');
    try {
      refreshSearchStats(archive.db, HIGH);
      seedEntries(archive, corpus(100, 99));
      expect(refreshSearchStats(archive.db, LOW)).toMatchObject({ refreshed: true, incremental: true });
      expect(readListCoverage(archive.db)).toEqual(HIGH);
      // The new entries hold every word between, so each got a whole list. The lists are merged
      // (scores from two states of the index): the top-up makes the missing ones and ranks every
      // other again, so that all are ranked together over today's index.
      const listedBefore = listedWords(archive.db);
      const missing = BETWEEN.filter((w) => !listedBefore.includes(w));
      expect(new SearchStats(archive.db).listsRankedTogether()).toBe(false);
      expect(await topUpTopLists(archive.db, LOW)).toMatchObject({ built: listedBefore.length + missing.length, stale: false });
      expect(readListCoverage(archive.db)).toEqual(LOW);
      const common = archive.db.prepare<[number], string>('SELECT term FROM search_terms WHERE docs >= ? ORDER BY term').pluck().all(LOW.commonDocs);
      expect(common).toEqual(expect.arrayContaining(BETWEEN));
      expect(listedWords(archive.db)).toEqual(common);
      expect(lists(archive.db)).toEqual(fullRefreshLists(archive, LOW));
      expect(new SearchStats(archive.db).listsRankedTogether()).toBe(true);
      // Nothing left: the next top-up (on the next opening) ranks nothing.
      expect(await topUpTopLists(archive.db, LOW)).toMatchObject({ built: 0, missing: 0, stale: false });

      // Raised again: an incremental refresh records the higher one (words crossing the old one get no list).
      seedEntries(archive, corpus(20, 5));
      refreshSearchStats(archive.db, HIGH);
      expect(readListCoverage(archive.db)).toEqual(HIGH);
    } finally {
      archive.close();
    }
  });
});
