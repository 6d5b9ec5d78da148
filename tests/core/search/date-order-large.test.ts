// Date order over a match set too large to rank whole (the path a million-entry archive takes):
// every hit must really match, newest first, undated last, pages continuing where they left off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../../electron/core/archive.ts';
import { CANDIDATES } from '../../../electron/core/search/run-search.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { openTestArchive, search, seedEntries } from './helpers/seed-entries.ts';

describe('date order over a huge match set', () => {
  const dir = tempDir();
  let archive: Archive;
  const n = CANDIDATES + 600;
  beforeAll(() => {
    archive = openTestArchive(dir, 'date-order-large');
    // Interleaved: every other entry mentions the lighthouse; the non-matching ones are the newest of each pair.
    seedEntries(
      archive,
      Array.from({ length: n * 2 }, (_, i) => ({
        title: `Log ${i}`,
        body: i % 2 === 0 ? `The lighthouse keeper wrote entry ${i}.` : `The ferry timetable changed, note ${i}.`,
        date: i < 10 ? null : `${2000 + Math.floor(i / 600)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      })),
    );
    seedEntries(archive, [{ title: 'The lighthouse keeper remembers', body: 'A memoir of forty winters on the rock.', date: '2001-01-01' }]);
    seedEntries(archive, Array.from({ length: 50 }, (_, i) => ({ title: `Late log ${i}`, body: `Once more the lighthouse keeper wrote late note ${i}.`, date: '2030-01-01' })));
  });

  it('relevance over a huge set of phrase matches puts title matches before newer body-only ones', () => {
    const result = search(archive, '"lighthouse keeper"', { limit: 10 });
    expect(result.totalExact ? result.total : Number.POSITIVE_INFINITY).toBeGreaterThan(2000);
    expect(result.hits[0]?.title).toBe('The lighthouse keeper remembers');
    expect(result.hits.slice(1).every((h) => /lighthouse keeper/i.test(h.snippet))).toBe(true);
    expect(result.explanation).toMatch(/title matches first/);
  });
  afterAll(() => archive.close());

  for (const sort of ['date-desc', 'date-asc'] as const) {
    it(`${sort}: every hit matches and the order holds across pages`, () => {
      const first = search(archive, 'lighthouse', { sort, limit: 100 });
      const second = search(archive, 'lighthouse', { sort, limit: 100, offset: 100 });
      const hits = [...first.hits, ...second.hits];
      expect(hits).toHaveLength(200);
      for (const h of hits) expect(h.snippet).toMatch(/lighthouse/i);
      expect(new Set(hits.map((h) => h.id)).size).toBe(200);
      const dates = hits.map((h) => h.date ?? '');
      const sorted = [...dates].sort();
      expect(dates).toEqual(sort === 'date-asc' ? sorted : sorted.reverse());
    });
  }

  it('relevance pages reach every match once, past the ranked candidates too', () => {
    for (const query of ['lighthouse', '"lighthouse keeper"']) {
      const truth = new Set((archive.db.prepare(`SELECT e.id FROM entries e WHERE e.body LIKE '%lighthouse keeper%' OR e.title LIKE '%lighthouse keeper%'`).all() as { id: number }[]).map((r) => r.id));
      const seen: number[] = [];
      for (let offset = 0; ; offset += 700) {
        const page = search(archive, query, { limit: 700, offset });
        seen.push(...page.hits.map((h) => h.id));
        if (page.hits.length < 700) break;
      }
      expect(seen.length, query).toBe(truth.size);
      expect(new Set(seen), query).toEqual(truth);
    }
  });

  it('with current statistics, a combination of words that are not too common is ranked by bm25 among the newest matches', async () => {
    const { refreshSearchStats } = await import('../../../electron/core/search/search-stats.ts');
    refreshSearchStats(archive.db);
    const result = search(archive, '"lighthouse keeper"', { limit: 20 });
    expect(result.explanation).toMatch(/ranked by relevance among the 2,000 most recently added/);
    // The same order as FTS5's own bm25 over those candidates: the title match first.
    const edge = (archive.db.prepare(`SELECT rowid AS id FROM entry_index WHERE entry_index MATCH '"lighthouse keeper"' ORDER BY rowid DESC LIMIT 1 OFFSET ${CANDIDATES - 1}`).get() as { id: number }).id;
    const want = (archive.db.prepare(`SELECT rowid AS id FROM entry_index WHERE entry_index MATCH '"lighthouse keeper"' AND rowid >= ${edge} ORDER BY rank LIMIT 20`).all() as { id: number }[]).map((r) => r.id);
    expect(result.hits.map((h) => h.id)).toEqual(want);
    expect(result.hits[0]?.title).toBe('The lighthouse keeper remembers');
  });

  it('date-asc reaches the undated matches last', () => {
    const total = search(archive, 'lighthouse', { sort: 'date-asc', limit: 1 }).total;
    const tail = search(archive, 'lighthouse', { sort: 'date-asc', limit: 50, offset: Math.max(0, total - 50) });
    expect(total).toBeGreaterThanOrEqual(CANDIDATES);
    expect(tail.hits.at(-1)?.date).toBeNull();
    for (const h of tail.hits) expect(h.snippet).toMatch(/lighthouse/i);
  });
});
