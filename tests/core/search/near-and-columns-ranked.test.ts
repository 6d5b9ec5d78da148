// A NEAR or a column query counts its words' postings like any other text (the compiler's tree:
// compile-query.ts), so one whose words are in few entries is ranked by bm25, within a code
// (within-id-set.ts) as over a match set past the newest candidates (run-search.ts), and not
// newest first or title matches first as text of unknown postings is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../../electron/core/archive.ts';
import { SearchService } from '../../../electron/core/search/search-service.ts';
import { refreshSearchStats } from '../../../electron/core/search/search-stats.ts';
import type { Code } from '../../../shared/contract.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { openTestArchive, seedEntries, type SeedEntry } from './helpers/seed-entries.ts';

describe('NEAR and column queries of rare words are ranked by relevance', () => {
  const dir = tempDir();
  let archive: Archive;
  let coded: Set<number>;

  beforeAll(() => {
    archive = openTestArchive(dir, 'near-columns');
    const filler = (i: number) => `harbour ledger note ${i} about the tides and the quay`;
    const entries: SeedEntry[] = [];
    // The best matches are the oldest (short titles, the words repeated), so relevance order is not
    // newest first; a few title-free matches are the newest, so it is not title matches first either.
    for (let i = 0; i < 8; i++) entries.push({ title: `${'zephyr gale '.repeat(8 - i)}report ${'x '.repeat(i * 3)}`.trim(), body: filler(i) });
    for (let i = 0; i < 200; i++) entries.push({ title: `Ledger ${i}`, body: filler(i) });
    for (let i = 0; i < 6; i++) entries.push({ title: `Evening ${i}`, body: `${filler(i)} and then a zephyr gale came ${'late '.repeat(i)}` });
    const ids = seedEntries(archive, entries);
    const theme = archive.call('saveCode', { name: 'Theme', parentId: null }) as Code;
    // Every other entry under the theme: the matches within it are half of all.
    coded = new Set(ids.filter((_, i) => i % 2 === 0));
    for (const id of coded) archive.call('createHighlight', { entryId: id, start: 0, end: 3, codeIds: [theme.id], note: null });
    refreshSearchStats(archive.db);
  });
  afterAll(() => archive.close());

  /** FTS5's own bm25 order of the query's matches (those in `only`, when given). */
  const bm25 = (match: string, only?: Set<number>) =>
    (archive.db.prepare('SELECT rowid FROM entry_index WHERE entry_index MATCH ? ORDER BY rank, rowid DESC').pluck().all(match) as number[]).filter((id) => !only || only.has(id));

  it('within a code', () => {
    const service = new SearchService(archive.db);
    for (const [query, match] of [
      ['code:Theme NEAR(zephyr gale, 2)', 'NEAR("zephyr" "gale", 2)'],
      ['code:Theme title:zephyr', '{title} : ("zephyr")'],
    ] as const) {
      const result = service.search({ query, sort: 'relevance', limit: 50 });
      const want = bm25(match, coded);
      expect(want.length, query).toBeGreaterThan(3);
      expect(result.explanation ?? '', query).not.toMatch(/approximate|newest first/);
      expect(result.hits.map((h) => h.id), query).toEqual(want);
      expect(result.totalExact && result.total, query).toBe(want.length);
    }
  });

  it('over more matches than the newest candidates', () => {
    // Few candidates: the set is "huge", and bm25 ranks them because their words' postings are few.
    const service = new SearchService(archive.db, { thresholds: { candidates: 4, rankedTop: 0 } });
    for (const [query, match] of [
      ['NEAR(zephyr gale, 2)', 'NEAR("zephyr" "gale", 2)'],
      ['title:zephyr gale', '({title} : ("zephyr")) AND ("gale")'],
    ] as const) {
      const result = service.search({ query, sort: 'relevance', limit: 4 });
      expect(result.explanation ?? '', query).toMatch(/ranked by relevance among the 4 most recently added/);
      // The four newest matches, in bm25 order.
      const newest = new Set(archive.db.prepare('SELECT rowid FROM entry_index WHERE entry_index MATCH ? ORDER BY rowid DESC LIMIT 4').pluck().all(match) as number[]);
      expect(result.hits.map((h) => h.id), query).toEqual(bm25(match, newest));
    }
  });
});
