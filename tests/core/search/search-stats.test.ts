// The search statistics a big archive relies on (exact counts, top lists of common words, the
// vocabulary snapshot, prefix expansion) and the date words of the index: whatever path a query
// takes, the user must get exactly the entries a plain reading of the query gives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../../electron/core/archive.ts';
import { dateCover, dateTokens } from '../../../electron/core/search/date-tokens.ts';
import { refreshSearchStats, SearchStats } from '../../../electron/core/search/search-stats.ts';
import type { SearchResult } from '../../../shared/contract.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { openTestArchive, search, seedEntries } from './helpers/seed-entries.ts';

const WORDS = ['harbour', 'ledger', 'tide', 'granary', 'lantern', 'ferry', 'orchard', 'mill'];

/** Every page of a query, in order. */
function allPages(archive: Archive, query: string, sort: 'relevance' | 'date-desc' | 'date-asc' = 'relevance', limit = 37): SearchResult['hits'] {
  const out: SearchResult['hits'] = [];
  for (let offset = 0; ; offset += limit) {
    const page = search(archive, query, { sort, limit, offset });
    out.push(...page.hits);
    if (page.hits.length < limit) return out;
  }
}

describe('search statistics and date words', () => {
  const dir = tempDir();
  let archive: Archive;
  const bodies: string[] = [];
  beforeAll(() => {
    archive = openTestArchive(dir, 'stats');
    // 600 entries; "harbour" in 2 of 3, as often as 1 to 4 times, in some titles; dates over 2014–2016.
    const entries = Array.from({ length: 600 }, (_, i) => {
      const n = i % 3 === 0 ? 0 : 1 + (i % 4);
      const body = `${Array.from({ length: n }, () => 'The harbour').join(' and ')} ${WORDS[i % WORDS.length]} report ${i} with filler words to vary the length ${'more '.repeat(i % 17)}`.trim();
      bodies.push(body);
      return {
        title: i % 50 === 1 ? `Harbour notes ${i}` : `Notes ${i}`,
        body,
        date: i % 97 === 0 ? null : `${2014 + (i % 3)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      };
    });
    seedEntries(archive, entries);
  });
  afterAll(() => archive.close());

  const exactRank = (query: string) =>
    (archive.db.prepare('SELECT rowid AS id FROM entry_index WHERE entry_index MATCH ? ORDER BY rank, rowid DESC').all(query) as { id: number }[]).map((r) => r.id);

  it('ranks a common word by its precomputed top list: the same order FTS5 gives ranking every match, then newest first', () => {
    const before = search(archive, 'harbour', { limit: 50 });
    expect(before.explanation).not.toMatch(/ranked ahead of time/);
    const result = refreshSearchStats(archive.db, { commonDocs: 100, topK: 60 });
    expect(result).toMatchObject({ refreshed: true, topLists: expect.any(Number) });
    expect(result.topLists).toBeGreaterThan(0);

    const exact = exactRank('"harbour"');
    expect(exact.length).toBeGreaterThan(400);
    const page = search(archive, 'harbour', { limit: 50 });
    expect(page.explanation).toContain(`ranked by relevance over all ${exact.length} matches`);
    expect(page.total).toBe(exact.length);
    expect(page.totalExact).toBe(true);
    // Scores tie between entries of the same shape; compare the score order, tie-broken alike.
    const scores = new Map((archive.db.prepare('SELECT rowid AS id, rank AS r FROM entry_index WHERE entry_index MATCH ?').all('"harbour"') as { id: number; r: number }[]).map((x) => [x.id, x.r]));
    const got = page.hits.map((h) => scores.get(h.id) ?? Number.NaN);
    expect(got).toEqual(exact.slice(0, 50).map((id) => scores.get(id)));
    expect(page.hits[0]?.title).toMatch(/^Harbour notes/);

    // Past the list: every other match, newest first, each exactly once.
    const all = allPages(archive, 'harbour');
    expect(all.length).toBe(exact.length);
    expect(new Set(all.map((h) => h.id)).size).toBe(exact.length);
    expect(new Set(all.map((h) => h.id))).toEqual(new Set(exact));
    const rest = all.slice(60).map((h) => h.id);
    expect(rest).toEqual([...rest].sort((a, b) => b - a));
  });

  it('answers counts and word lists from the statistics only while they are current', () => {
    refreshSearchStats(archive.db, { commonDocs: 100, topK: 60 });
    const stats = new SearchStats(archive.db);
    expect(stats.current()).toBe(true);
    const count = () => (archive.db.prepare(`SELECT count(*) AS n FROM entry_index WHERE entry_index MATCH '"harbour"'`).get() as { n: number }).n;
    const n = count();
    expect(stats.docs('harbour')).toBe(n);
    expect(stats.wordsStartingWith('gra', 64)).toEqual(['granary']);
    // The date words are index words but never vocabulary.
    expect(stats.vocabulary()?.some((t) => t.term.startsWith('\uE000'))).toBe(false);

    const [added] = seedEntries(archive, [{ title: 'A late harbour entry', body: 'The harbour again.', date: '2016-06-06' }]);
    expect(stats.current()).toBe(false);
    const stale = search(archive, 'harbour', { limit: 5 });
    expect(stale.total).toBe(n + 1);
    expect(stale.explanation).not.toMatch(/ranked ahead of time/);
    expect(stale.hits.map((h) => h.id)).toContain(added);

    refreshSearchStats(archive.db, { commonDocs: 100, topK: 60 });
    expect(stats.current()).toBe(true);
    archive.db.prepare('UPDATE entries SET title = ? WHERE id = ?').run('Renamed', added);
    expect(stats.current()).toBe(false);
    archive.db.prepare('DELETE FROM entry_sources WHERE entry_id = ?').run(added);
    archive.db.prepare('DELETE FROM entries WHERE id = ?').run(added);
    refreshSearchStats(archive.db, { commonDocs: 100, topK: 60 });
    expect(search(archive, 'harbour', { limit: 5 }).total).toBe(n);
    expect(stats.current()).toBe(true);
  });

  it('takes in entries added since the last refresh by reading only them', () => {
    refreshSearchStats(archive.db, { commonDocs: 100, topK: 60 });
    const [strong] = seedEntries(archive, [{ title: 'Harbour harbour harbour', body: 'Harbour.', date: '2016-01-01' }]);
    seedEntries(archive, Array.from({ length: 120 }, (_, i) => ({ title: `Quay ${i}`, body: `The quayside was busy, item ${i}.`, date: '2016-02-02' })));
    const r = refreshSearchStats(archive.db, { commonDocs: 100, topK: 60 });
    expect(r).toMatchObject({ refreshed: true, incremental: true, cancelled: false });
    // Every word's count is what the index itself says.
    const snapshot = new Map((archive.db.prepare('SELECT term, docs FROM search_terms').all() as { term: string; docs: number }[]).map((t) => [t.term, t.docs]));
    const index = new Map(
      (archive.db.prepare('SELECT term, doc FROM entry_terms').all() as { term: string; doc: number }[]).filter((t) => !t.term.startsWith('\uE000')).map((t) => [t.term, t.doc]),
    );
    expect(snapshot).toEqual(index);
    // The new best entry for a listed word leads its list; a word that became common got a list.
    const harbour = search(archive, 'harbour', { limit: 5 });
    expect(harbour.explanation).toMatch(/ranked ahead of time/);
    expect(harbour.hits[0]?.id).toBe(strong);
    const quay = search(archive, 'quayside', { limit: 5 });
    expect(quay.explanation).toMatch(/ranked ahead of time/);
    expect(quay.total).toBe(120);
    expect(new Set(allPages(archive, 'quayside').map((h) => h.id)).size).toBe(120);
  });

  it('expands a prefix into the words it stands for, with the same matches as the index prefix query', () => {
    refreshSearchStats(archive.db, { commonDocs: 100, topK: 60 });
    for (const q of ['gra*', 'harb*', 'l*', 'zzz*']) {
      const expected = new Set(exactRank(`"${q.slice(0, -1)}" *`));
      const got = allPages(archive, q, 'date-desc', 200);
      expect(new Set(got.map((h) => h.id)), q).toEqual(expected);
    }
    // One word behind the prefix: counted exactly and ranked like the word itself.
    const prefix = search(archive, 'harbo*', { limit: 10 });
    expect(prefix.totalExact).toBe(true);
    expect(prefix.hits.map((h) => h.id)).toEqual(search(archive, 'harbour', { limit: 10 }).hits.map((h) => h.id));
  });

  it('never lets a date word match a typed word, prefix or substring', () => {
    refreshSearchStats(archive.db, { commonDocs: 100, topK: 60 });
    expect(search(archive, 'd*').total).toBe(0);
    expect(search(archive, '*2015*').total).toBe(0);
    expect(search(archive, 'y2015').total).toBe(0);
  });

  it('date filters on a text query give exactly the entries a date comparison gives', () => {
    const truth = (from: string | null, to: string | null) =>
      new Set(
        (
          archive.db
            .prepare(
              `SELECT e.id FROM entry_index JOIN entries e ON e.id = entry_index.rowid WHERE entry_index MATCH '"harbour"' AND (@from IS NULL OR e.date >= @from) AND (@to IS NULL OR e.date < @to)`,
            )
            .all({ from, to }) as { id: number }[]
        ).map((r) => r.id),
      );
    const cases: [string, string | null, string | null][] = [
      ['date:2015-03 harbour', '2015-03-01', '2015-04-01'],
      ['date:2014-02-10..2015-07-03 harbour', '2014-02-10', '2015-07-04'],
      ['date:2015 harbour', '2015-01-01', '2016-01-01'],
      ['after:2015-06 harbour', '2015-07-01', null],
      ['before:2014-03-15 harbour', null, '2014-03-15'],
      ['date:2031 harbour', '2031-01-01', '2032-01-01'],
    ];
    for (const [q, from, to] of cases) {
      const got = allPages(archive, q, 'date-desc', 100);
      expect(new Set(got.map((h) => h.id)), q).toEqual(truth(from, to));
    }
    // The timeline brush and the year facet take the same way.
    const brushed = search(archive, 'harbour', { dateFrom: '2014-05-01', dateTo: '2014-08-31', limit: 1000 });
    expect(new Set(brushed.hits.map((h) => h.id))).toEqual(truth('2014-05-01', '2014-09-01'));
    const year = search(archive, 'harbour', { filters: { year: ['2016'] }, limit: 1000 });
    expect(new Set(year.hits.map((h) => h.id))).toEqual(truth('2016-01-01', '2017-01-01'));
  });
});

describe('date words', () => {
  const days = (tokens: string[]) => {
    const out = new Set<string>();
    for (const t of tokens) {
      const m = /^\uE000([ymd])(\d{4})(\d{2})?(\d{2})?$/.exec(t);
      expect(m, t).not.toBeNull();
      const [, kind, y, mo, d] = m as RegExpExecArray;
      const start = kind === 'y' ? `${y}-01-01` : kind === 'm' ? `${y}-${mo}-01` : `${y}-${mo}-${d}`;
      const end = kind === 'y' ? `${Number(y) + 1}-01-01` : kind === 'm' ? new Date(Date.UTC(Number(y), Number(mo), 1)).toISOString().slice(0, 10) : null;
      if (end === null) out.add(start);
      else for (let t2 = Date.parse(`${start}T00:00:00Z`); t2 < Date.parse(`${end}T00:00:00Z`); t2 += 86_400_000) out.add(new Date(t2).toISOString().slice(0, 10));
    }
    return out;
  };

  it('cover exactly the days of a range with the fewest words', () => {
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n;
    for (let i = 0; i < 300; i++) {
      const a = Date.UTC(2010, 0, 1) + rnd(4000) * 86_400_000;
      const b = a + (1 + rnd(900)) * 86_400_000;
      const start = new Date(a).toISOString().slice(0, 10);
      const end = new Date(b).toISOString().slice(0, 10);
      const cover = dateCover(start, end);
      if (cover === null) continue;
      const want = new Set<string>();
      for (let t = a; t < b; t += 86_400_000) want.add(new Date(t).toISOString().slice(0, 10));
      expect(days(cover), `${start}..${end}`).toEqual(want);
      expect(new Set(cover).size).toBe(cover.length);
    }
    expect(dateCover('2019-03-01', '2019-04-01')).toEqual(['\uE000m201903']);
    expect(dateCover('2019-01-01', '2021-01-01')).toEqual(['\uE000y2019', '\uE000y2020']);
    expect(dateCover('2019-03-01', '2019-03-01')).toEqual([]);
    expect(dateCover('1900-01-02', '2100-01-01')).toBeNull();
  });

  it('name an entry date by year, month and day, and nothing for undated entries', () => {
    expect(dateTokens('2019-03-14')).toBe('\uE000y2019 \uE000m201903 \uE000d20190314');
    expect(dateTokens('2019-03-14T10:00')).toBe('\uE000y2019 \uE000m201903 \uE000d20190314');
    expect(dateTokens(null)).toBeNull();
    expect(dateTokens('sometime')).toBeNull();
  });
});

describe('date order when matches are rarer among the newest dates than among the newest entries', () => {
  const dir = tempDir();
  let archive: Archive;
  beforeAll(() => {
    archive = openTestArchive(dir, 'skewed');
    // Added first but dated last: 3,000 entries without the word. Then 2,100 matches dated earlier.
    seedEntries(archive, Array.from({ length: 3000 }, (_, i) => ({ title: `Later ${i}`, body: `Quiet water, note ${i}.`, date: `2020-01-${String(1 + (i % 28)).padStart(2, '0')}` })));
    seedEntries(archive, Array.from({ length: 2100 }, (_, i) => ({ title: `Earlier ${i}`, body: `The beacon was lit, note ${i}.`, date: `2010-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}` })));
  });
  afterAll(() => archive.close());

  it('still returns the right entries in the right order', () => {
    const truth = (archive.db.prepare(`SELECT e.id FROM entries e WHERE e.body LIKE '%beacon%' ORDER BY e.date DESC, e.id DESC LIMIT 120`).all() as { id: number }[]).map((r) => r.id);
    const a = search(archive, 'beacon', { sort: 'date-desc', limit: 60 });
    const b = search(archive, 'beacon', { sort: 'date-desc', limit: 60, offset: 60 });
    expect([...a.hits, ...b.hits].map((h) => h.id)).toEqual(truth);
  });

  it('walks the date index checking batches against the index when matches are dense', () => {
    for (const sort of ['date-desc', 'date-asc'] as const) {
      const order = sort === 'date-desc' ? 'e.date DESC, e.id DESC' : 'e.date ASC, e.id ASC';
      const truth = (archive.db.prepare(`SELECT e.id FROM entries e WHERE e.body LIKE '%water%' ORDER BY ${order} LIMIT 90`).all() as { id: number }[]).map((r) => r.id);
      const a = search(archive, 'water', { sort, limit: 30 });
      const b = search(archive, 'water', { sort, limit: 60, offset: 30 });
      expect([...a.hits, ...b.hits].map((h) => h.id), sort).toEqual(truth);
    }
  });
});

describe('counting a huge match set exactly, slice by slice', () => {
  const dir = tempDir();
  let archive: Archive;
  beforeAll(() => {
    archive = openTestArchive(dir, 'count');
    seedEntries(
      archive,
      Array.from({ length: 5000 }, (_, i) => ({
        title: `Item ${i}`,
        body: i % 3 === 0 ? `The signal tower stood by the road, note ${i}.` : `The tower was quiet, note ${i}.`,
        date: `20${10 + (i % 10)}-0${1 + (i % 9)}-1${i % 10}`,
        outlet: i % 2 === 0 ? 'Even Post' : 'Odd Times',
      })),
    );
  });
  afterAll(() => archive.close());

  it('sums to the true count for phrases, filters and browsing, however the slices fall', async () => {
    const { SearchService } = await import('../../../electron/core/search/search-service.ts');
    const service = new SearchService(archive.db);
    const truth = (sql: string) => (archive.db.prepare(`SELECT count(*) AS n FROM entries e WHERE ${sql}`).get() as { n: number }).n;
    const cases: [string, number][] = [
      ['"signal tower"', truth(`e.body LIKE '%signal tower%'`)],
      ['tower -signal', truth(`e.body NOT LIKE '%signal%'`)],
      ['outlet:"Even Post" tower', truth(`e.outlet = 'Even Post'`)],
      ['date:2013 "signal tower"', truth(`e.body LIKE '%signal tower%' AND e.date LIKE '2013-%'`)],
      ['', 5000],
    ];
    for (const [query, want] of cases) {
      const first = search(archive, query, { limit: 10 });
      // A zero budget makes every call count one id range: many slices.
      let after: number | null = 0;
      let sum = 0;
      let calls = 0;
      while (after !== null) {
        const c = service.countMatches({ query, after }, 0);
        sum += c.counted;
        after = c.next;
        calls++;
      }
      expect(sum, query).toBe(want);
      expect(calls, query).toBeGreaterThan(1);
      if (first.totalExact) expect(first.total, query).toBe(want);
      else expect(first.total, query).toBeLessThanOrEqual(want);
      // Through the contract, as the app calls it.
      let viaContract = 0;
      for (let next: number | null = 0; next !== null; ) {
        const c = archive.call('countMatches', { query, after: next }) as { counted: number; next: number | null };
        viaContract += c.counted;
        next = c.next;
      }
      expect(viaContract, query).toBe(want);
    }
  });
});

describe('an import ends by bringing the search statistics up to date', () => {
  const dir = tempDir();
  it('reports that step in its progress, and searches then use the statistics', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { importPaths } = await import('../../../electron/core/import/import-files.ts');
    const archive = openTestArchive(dir, 'import-stats');
    try {
      const docs = path.join(dir, 'docs');
      fs.mkdirSync(docs);
      for (let f = 0; f < 3; f++) {
        fs.writeFileSync(path.join(docs, `digest-${f}.txt`), Array.from({ length: 40 }, (_, i) => `Bulletin ${f}-${i}\n\nThe granary report number ${f * 40 + i}.\n\nRead more\n`).join('\n'));
      }
      const seen: { searchStats?: { done: number; total: number } }[] = [];
      const report = await importPaths(archive.db, [docs], { jobId: 'stats', isCancelled: () => false, onProgress: (p) => seen.push(p) });
      expect(report.entriesAdded).toBe(120);
      expect(seen.some((p) => p.searchStats !== undefined)).toBe(true);
      expect(new SearchStats(archive.db).current()).toBe(true);
      expect(new SearchStats(archive.db).docs('granary')).toBe(120);
      // Importing the same files again adds nothing and leaves the statistics as they were.
      const again: unknown[] = [];
      await importPaths(archive.db, [docs], { jobId: 'again', isCancelled: () => false, onProgress: (p) => again.push(p) });
      expect(again.some((p) => (p as { searchStats?: unknown }).searchStats !== undefined)).toBe(false);
      expect(new SearchStats(archive.db).current()).toBe(true);
      // Statistics left stale (an import cancelled before its last step) are made by the next import, even one that adds nothing.
      seedEntries(archive, [{ title: 'Late bulletin', body: 'The granary again.' }]);
      expect(new SearchStats(archive.db).current()).toBe(false);
      await importPaths(archive.db, [docs], { jobId: 'third', isCancelled: () => false, onProgress: () => undefined });
      expect(new SearchStats(archive.db).current()).toBe(true);
      expect(new SearchStats(archive.db).docs('granary')).toBe(121);
    } finally {
      archive.close();
    }
  });
});
