// The writer tops up the top lists an archive lacks for today's threshold (search/top-list-top-up.ts)
// by itself: when it opens the archive, and after each job whose refresh made the statistics
// current. Searches meanwhile keep giving the exact first page, and the statistics stay valid.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../../../electron/core/archive.ts';
import { rankTopList, readListCoverage, refreshSearchStats, SearchStats } from '../../../electron/core/search/search-stats.ts';
import { ArchiveHost } from '../../../electron/core/worker/archive-host.ts';
import type { SearchResult, WireResult } from '../../../shared/contract.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { seedEntries } from '../search/helpers/seed-entries.ts';
import { BETWEEN, corpus, HIGH, LOW, THRESHOLDS } from '../search/helpers/threshold-corpus.ts';

async function searchVia(host: ArchiveHost, query: string): Promise<SearchResult> {
  const answer = (await host.invoke('search', { query, limit: 50 })) as WireResult<SearchResult>;
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}

/** Statistics made with the higher threshold, then closed (and `more` entries added after them). */
function archiveMadeWithHigh(file: string, more: number): void {
  const archive = new Archive(file);
  try {
    seedEntries(archive, corpus(1_200));
    refreshSearchStats(archive.db, HIGH);
    if (more > 0) seedEntries(archive, Array.from({ length: more }, (_, i) => ({ title: `Later ${i}`, body: `The harbour tide and the ledger, later report ${i}.` })));
  } finally {
    archive.close();
  }
}

/**
 * Searches the words between the thresholds through the host until the lists are all made (the
 * coverage recorded), checking on a connection of its own that each first page is the exact bm25
 * top and that the statistics are valid whenever they were before.
 */
async function watchTopUp(host: ArchiveHost, file: string): Promise<{ explanations: Set<string> }> {
  const ro = new Archive(file, { readonly: true });
  const stats = new SearchStats(ro.db);
  const explanations = new Set<string>();
  try {
    const score = (word: string) => new Map((ro.db.prepare('SELECT rowid AS id, rank AS r FROM entry_index WHERE entry_index MATCH ?').all(`"${word}"`) as { id: number; r: number }[]).map((x) => [x.id, x.r]));
    const exact = (word: string) => (ro.db.prepare('SELECT rank AS r FROM entry_index WHERE entry_index MATCH ? ORDER BY rank LIMIT 50').all(`"${word}"`) as { r: number }[]).map((x) => x.r);
    const until = Date.now() + 30_000;
    for (;;) {
      const done = readListCoverage(ro.db)?.commonDocs === LOW.commonDocs;
      for (const word of BETWEEN) {
        const page = await searchVia(host, word);
        const scores = score(word);
        expect(page.hits.map((h) => scores.get(h.id)), word).toEqual(exact(word));
        explanations.add(`${word}: ${/ranked ahead of time/.test(page.explanation ?? '') ? 'list' : 'live'}`);
      }
      expect(stats.current()).toBe(true);
      if (done) break;
      if (Date.now() > until) throw new Error('The top-up did not finish within 30 s.');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Each new list is what a full refresh makes: the word's best entries over all its matches.
    for (const word of BETWEEN) {
      const listed = ro.db.prepare('SELECT entry_id AS id, score FROM search_top WHERE term = ? ORDER BY score, entry_id').all(word);
      const ranked = rankTopList(ro.db, { term: word, topK: LOW.topK }).sort((a, b) => a.score - b.score || a.id - b.id);
      expect(listed, word).toEqual(ranked);
    }
    return { explanations };
  } finally {
    ro.close();
  }
}

describe('the writer tops up the top lists in the background', () => {
  const dir = tempDir();

  it('makes the lists a lower threshold calls for when it opens an archive made with a higher one', async () => {
    const file = path.join(dir, 'opened.quire');
    archiveMadeWithHigh(file, 0);
    const host = await ArchiveHost.open(file, { searchStats: LOW, searchThresholds: THRESHOLDS });
    try {
      const { explanations } = await watchTopUp(host, file);
      for (const word of BETWEEN) expect(explanations).toContain(`${word}: list`);
    } finally {
      await host.close();
    }
    const after = new Archive(file);
    try {
      expect(readListCoverage(after.db)).toEqual(LOW);
      expect(new SearchStats(after.db).current()).toBe(true);
    } finally {
      after.close();
    }
  });

  it('waits for stale statistics, and makes the lists once an import has refreshed them', async () => {
    const file = path.join(dir, 'imported.quire');
    archiveMadeWithHigh(file, 30);
    const host = await ArchiveHost.open(file, { searchStats: LOW, searchThresholds: THRESHOLDS });
    try {
      // Stale on opening (entries added since): nothing to top up.
      const page = await searchVia(host, 'mill');
      expect(page.explanation).not.toMatch(/ranked ahead of time/);
      const ro = new Archive(file, { readonly: true });
      try {
        expect(readListCoverage(ro.db)).toEqual(HIGH);
        expect(ro.db.prepare(`SELECT count(*) AS n FROM search_top WHERE term IN ('lantern', 'ferry', 'orchard', 'mill')`).get()).toEqual({ n: 0 });
      } finally {
        ro.close();
      }

      // An import's refresh takes in the new entries (none with the words between the thresholds)…
      const dump = path.join(dir, 'dispatch.txt');
      fs.writeFileSync(dump, 'Quayside dispatch\n\nThe harbour ledger was read at the quayside at dawn.\n');
      const imported = (await host.invoke('importFiles', { paths: [dump] })) as WireResult<unknown>;
      expect(imported.ok).toBe(true);
      // …and the lists those words lack are made after it.
      const { explanations } = await watchTopUp(host, file);
      for (const word of BETWEEN) expect(explanations).toContain(`${word}: list`);
    } finally {
      await host.close();
    }
  });

  it('stops when the archive closes, and goes on from there when it opens again', async () => {
    const file = path.join(dir, 'closed.quire');
    archiveMadeWithHigh(file, 0);
    // Closed at once: at most some of the lists made, each whole, the statistics valid.
    const first = await ArchiveHost.open(file, { searchStats: LOW, searchThresholds: THRESHOLDS });
    await first.close();
    const between = new Archive(file, { readonly: true });
    try {
      expect(new SearchStats(between.db).current()).toBe(true);
      for (const word of BETWEEN) {
        const n = (between.db.prepare('SELECT count(*) AS n FROM search_top WHERE term = ?').get(word) as { n: number }).n;
        expect([0, LOW.topK], word).toContain(n);
      }
    } finally {
      between.close();
    }
    const again = await ArchiveHost.open(file, { searchStats: LOW, searchThresholds: THRESHOLDS });
    try {
      await watchTopUp(again, file);
    } finally {
      await again.close();
    }
  });
});
