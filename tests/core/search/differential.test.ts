// Every fast path of search, proven against the simple one: a skewed generated corpus, every
// threshold set low so each path runs at this size (huge sets, top lists, title-first, bm25 among
// candidates, the date walk and the match-set probe, prefix expansion and FTS5's own prefix
// query), and random queries whose every page is checked against plain FTS5 on the same index
// (and against the query evaluated on the corpus itself): every hit matches, pages neither skip
// nor repeat a match, exact counts are exact, lower bounds are lower, countMatches sums up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../../electron/core/archive.ts';
import { makePlan, matchingFrom, type PlanContext } from '../../../electron/core/search/search-plan.ts';
import { SearchService } from '../../../electron/core/search/search-service.ts';
import { refreshSearchStats, SearchStats } from '../../../electron/core/search/search-stats.ts';
import { spellingVariants } from '../../../electron/core/search/transliteration.ts';
import { Vocabulary } from '../../../electron/core/search/vocabulary.ts';
import type { SearchThresholds } from '../../../electron/core/search/search-thresholds.ts';
import type { SearchRequest, SearchResult, SortOrder } from '../../../shared/contract.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { evaluate, makeCorpus, modelEntries, render, rng, type Corpus, type ModelEntry, type Q } from './helpers/skewed-corpus.ts';
import { countInSlices } from './helpers/count-in-slices.ts';
import { openTestArchive, seedEntries } from './helpers/seed-entries.ts';

const ENTRIES = 3_000;
/** Entries added later, in a small import (the same vocabulary and curve). */
const LATER = 400;
const QUERIES = 150;
const SEED = Number(process.env.QUIRE_DIFF_SEED ?? 20261129);
/** The statistics' top-list length here (refreshSearchStats topK). */
const TOP_K = 25;

/** Two settings, each low enough that most queries take a fast path; between them every path runs. */
const SETTINGS: Record<string, Partial<SearchThresholds>> = {
  // Tiny candidate sets; compounds ordered title-first; the date walk over the first few hundred entries (else the match set); prefixes of more than 6 words go to FTS5.
  'title-first + walk': { candidates: 40, rankPostings: 50, countBudgetMs: 0, prefixWords: 6, facetSample: 100, facetExact: 100, dateWalkSlackMs: 30, dateWalkBatch: 4, dateWalkBatchMax: 64 },
  // bm25 among the newest candidates; date order by reading the match set.
  'bm25 candidates + probe': { candidates: 150, rankPostings: 1e12, countBudgetMs: 0, prefixWords: 400, facetSample: 300, facetExact: 300, dateWalkSlackMs: 0 },
};

describe('search fast paths agree with plain FTS5 (differential)', () => {
  const dir = tempDir();
  let archive: Archive;
  let corpus: Corpus;
  let model: ModelEntry[];
  let later: Corpus['entries'];
  /** How often each fast path answered a first page (the explanation line says which). */
  const paths = new Map<string, number>();
  /** The share of the exact bm25 top-k score mass each approximate first page held. */
  const approximate: number[] = [];
  /** How many first pages were checked to be the exact bm25 top. */
  const exact = { pages: 0 };

  beforeAll(() => {
    const all = makeCorpus(SEED, ENTRIES + LATER);
    later = all.entries.slice(ENTRIES);
    corpus = { ...all, entries: all.entries.slice(0, ENTRIES) };
    archive = openTestArchive(dir, 'differential');
    const ids = seedEntries(archive, corpus.entries);
    model = modelEntries(corpus, ids);
    // Low statistics thresholds: the dozens of commonest words get (short) top lists.
    const refreshed = refreshSearchStats(archive.db, { commonDocs: 300, topK: TOP_K });
    expect(refreshed.topLists).toBeGreaterThan(10);
  });
  afterAll(() => archive.close());

  for (const [name, thresholds] of Object.entries(SETTINGS)) {
    it(`${name}: every page of ${QUERIES} random queries is right`, () => {
      const service = new SearchService(archive.db, { thresholds });
      const relevance = scoreShare(archive, thresholds.prefixWords);
      const rand = rng(SEED + name.length);
      const gen = queryMaker(rand, corpus);
      const problems: string[] = [];
      for (let i = 0; i < QUERIES && problems.length < 10; i++) {
        const q = gen();
        const query = render(q);
        const sort = (['relevance', 'relevance', 'date-desc', 'date-asc'] as SortOrder[])[Math.floor(rand() * 4)] ?? 'relevance';
        // Some with spelling variants on: a word then stands for its variants in the vocabulary too.
        const transliteration = rand() < 0.15;
        const req: SearchRequest = { query, sort, ...(transliteration ? { transliteration } : {}) };
        const same = transliteration ? (a: string, b: string) => a === b || spellingVariants(a, b) : undefined;
        const truth = new Set(model.filter((e) => evaluate(q, e, undefined, same)).map((e) => e.id));
        const t0 = performance.now();
        problems.push(...checkQuery(service, req, truth, model, rand, paths));
        if (sort === 'relevance') problems.push(...checkRelevance(service, req, relevance, approximate, exact));
        if (process.env.QUIRE_DIFF_SLOW && performance.now() - t0 > 300) console.log(Math.round(performance.now() - t0), query, sort, truth.size);
      }
      expect(problems, `seed ${SEED}`).toEqual([]);
    }, 240_000);
  }

  it('the random queries ran every fast path', () => {
    for (const path of PATHS) expect(paths.get(path) ?? 0, path).toBeGreaterThan(0);
    expect(approximate.length).toBeGreaterThan(0);
    expect(exact.pages).toBeGreaterThan(20);
    if (process.env.QUIRE_DIFF_SLOW) {
      const sorted = [...approximate].sort((a, b) => a - b);
      console.log(`approximate first pages: ${sorted.length}, share of the exact top score mass: median ${sorted[sorted.length >> 1]?.toFixed(3)}, min ${sorted[0]?.toFixed(3)}`);
    }
  });

  // While an import runs the statistics are stale: searches read the index itself. After a small
  // import they are brought up to date from the new entries only (top lists merged).
  for (const phase of ['stale statistics', 'statistics updated from the new entries'] as const) {
    it(`${phase}: every page of random queries is right`, () => {
      if (phase === 'stale statistics') {
        const ids = seedEntries(archive, later);
        model.push(...modelEntries({ ...corpus, entries: later }, ids));
      } else {
        const refreshed = refreshSearchStats(archive.db, { commonDocs: 300, topK: TOP_K });
        expect(refreshed.incremental).toBe(true);
      }
      const service = new SearchService(archive.db, { thresholds: SETTINGS['title-first + walk'] });
      const relevance = scoreShare(archive, SETTINGS['title-first + walk']?.prefixWords);
      const rand = rng(SEED + phase.length);
      const gen = queryMaker(rand, corpus);
      const problems: string[] = [];
      for (let i = 0; i < 60 && problems.length < 10; i++) {
        const q = gen();
        const sort = (['relevance', 'relevance', 'date-desc', 'date-asc'] as SortOrder[])[Math.floor(rand() * 4)] ?? 'relevance';
        const req: SearchRequest = { query: render(q), sort };
        const truth = new Set(model.filter((e) => evaluate(q, e)).map((e) => e.id));
        problems.push(...checkQuery(service, req, truth, model, rand, paths));
        // Lists merged after a small import keep the scores their entries were ranked with, while
        // document frequencies drift a little (search-stats.ts): near the exact top, not always on it
        // (seeds 555 and 31337 held 0.9996 and 0.9989 of its score mass).
        const tolerance = phase === 'stale statistics' ? 1e-9 : 1e-2;
        if (sort === 'relevance') problems.push(...checkRelevance(service, req, relevance, approximate, exact, tolerance));
      }
      expect(problems, `seed ${SEED}`).toEqual([]);
    }, 240_000);
  }

  it('a common word NOT another common word never returns the excluded word on the title-first path', () => {
    // The exact top (top-k.ts) turned off: it would answer this query before the title-first path.
    const service = new SearchService(archive.db, { thresholds: { ...SETTINGS['title-first + walk'], rankedTop: 0 } });
    const [a = '', b = ''] = [corpus.words[3], corpus.words[4]];
    const result = service.search({ query: `${a} -${b}`, limit: 50 });
    expect(result.explanation).toMatch(/title matches first/);
    const excluded = new Set(model.filter((e) => Object.values(e.cols).some((t) => t.includes(b))).map((e) => e.id));
    expect(result.hits.filter((h) => excluded.has(h.id)).map((h) => h.title)).toEqual([]);
  });
});

/** Random queries over words of every frequency: common, middling, rare and absent ones. */
function queryMaker(rand: () => number, corpus: Corpus): () => Q {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const tier = () => {
    const r = rand();
    if (r < 0.3) return pick(corpus.words.slice(0, 8));
    if (r < 0.65) return pick(corpus.words.slice(8, 80));
    if (r < 0.95) return pick(corpus.words.slice(80));
    return 'zyzzyq';
  };
  const phrase = (): Q => {
    const e = pick(corpus.entries);
    const tokens = e.body.split(' ');
    const at = Math.floor(rand() * Math.max(1, tokens.length - 2));
    return { kind: 'phrase', words: tokens.slice(at, at + 2 + (rand() < 0.2 ? 1 : 0)) };
  };
  const atom = (): Q => {
    const r = rand();
    if (r < 0.45) return { kind: 'word', word: tier() };
    if (r < 0.6) {
      const w = tier();
      return { kind: 'prefix', piece: w.slice(0, rand() < 0.5 ? 2 : 3) };
    }
    if (r < 0.75) return phrase();
    if (r < 0.82) return { kind: 'column', column: 'title', child: { kind: 'word', word: tier() } };
    if (r < 0.88) return { kind: 'column', column: 'author', child: { kind: 'word', word: pick(pick(corpus.authors).split(' ')) } };
    if (r < 0.92) return { kind: 'column', column: 'outlet', child: { kind: 'phrase', words: pick(corpus.outlets).split(' ') } };
    return { kind: 'or', children: [{ kind: 'word', word: tier() }, { kind: 'word', word: tier() }] };
  };
  return () => {
    const r = rand();
    let q: Q;
    if (r < 0.25) q = atom();
    else if (r < 0.4) q = { kind: 'and', children: [atom(), atom()] };
    else if (r < 0.55) q = { kind: 'or', children: [atom(), atom()] };
    else if (r < 0.7) q = { kind: 'minus', left: atom(), right: atom(), style: rand() < 0.5 ? '-' : 'NOT' };
    else if (r < 0.8) q = { kind: 'minus', left: { kind: 'word', word: pick(corpus.words.slice(0, 6)) }, right: { kind: 'word', word: pick(corpus.words.slice(0, 12)) }, style: '-' };
    else if (r < 0.9) q = { kind: 'minus', left: { kind: 'or', children: [atom(), atom()] }, right: atom(), style: '-' };
    else q = { kind: 'and', children: [atom(), { kind: 'minus', left: atom(), right: atom(), style: '-' }] };
    if (rand() < 0.25) {
      const year = 1995 + Math.floor(rand() * 30);
      const d = rand();
      const date: Q =
        d < 0.4
          ? { kind: 'date', field: 'date', value: String(year) }
          : d < 0.6
            ? { kind: 'date', field: 'date', value: `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}` }
            : { kind: 'date', field: d < 0.8 ? 'before' : 'after', value: String(year) };
      q = { kind: 'and', children: [q, date] };
    }
    return q;
  };
}

function dateKey(sort: SortOrder): (a: ModelEntry, b: ModelEntry) => number {
  // Undated last in both directions; ties by id in the direction of the sort.
  return (a, b) => {
    if (a.date === null || b.date === null) return a.date === b.date ? (sort === 'date-asc' ? a.id - b.id : b.id - a.id) : a.date === null ? 1 : -1;
    if (a.date !== b.date) return (a.date < b.date ? -1 : 1) * (sort === 'date-asc' ? 1 : -1);
    return sort === 'date-asc' ? a.id - b.id : b.id - a.id;
  };
}

const PATHS = ['ranked ahead of time', 'title matches first', 'ranked by relevance among'];

function checkQuery(service: SearchService, req: SearchRequest, truth: Set<number>, model: ModelEntry[], rand: () => number, paths: Map<string, number>): string[] {
  const problems: string[] = [];
  const say = (what: string) => problems.push(`${req.query} [${req.sort}]: ${what}`);
  // The reference: plain FTS5 with the same compiled expression and SQL filters, every match read.
  const plain = new Set(service.matchingIds(req));
  if (plain.size !== truth.size || [...truth].some((id) => !plain.has(id))) say(`plain FTS5 finds ${plain.size} entries, the corpus itself ${truth.size}`);
  const sort = req.sort ?? 'relevance';
  const byDate = sort === 'relevance' ? null : model.filter((e) => truth.has(e.id)).sort(dateKey(sort)).map((e) => e.id);
  // What an export of the search writes: every match at once, in the search's date order.
  if (byDate && service.matchingIds(req, sort === 'date-desc' ? 'desc' : 'asc').join(',') !== byDate.join(',')) say(`all matches at once are not in ${sort} order`);

  // Pages one after another: all of them for a small set; else the first few, a run in the middle
  // and the last ones (walking all of a set of thousands page by page would take minutes here).
  const limit = [10, 30, 50, 100][Math.floor(rand() * 4)] ?? 50;
  const pages = Math.ceil(truth.size / limit) + 1;
  const mid = Math.floor(rand() * pages);
  const wanted = pages <= 12 ? Array.from({ length: pages }, (_, p) => p) : [0, 1, 2, 3, mid, mid + 1, mid + 2, pages - 3, pages - 2, pages - 1];
  const got = new Map<number, number[]>();
  let first: SearchResult | null = null;
  for (const p of [...new Set(wanted)].filter((p) => p >= 0 && p < pages)) {
    const offset = p * limit;
    const page = service.search({ ...req, limit, offset });
    first ??= page;
    const ids = page.hits.map((h) => h.id);
    got.set(p, ids);
    for (const id of ids) if (!truth.has(id)) say(`hit ${id} at offset ${offset} does not match`);
    const want = Math.max(0, Math.min(limit, truth.size - offset));
    if (ids.length !== want) say(`page at offset ${offset} has ${ids.length} hits, not ${want}`);
    if (byDate && ids.join(',') !== byDate.slice(offset, offset + limit).join(',')) say(`page at offset ${offset} is out of date order`);
    if (new Set(ids).size !== ids.length) say(`page at offset ${offset} repeats a hit`);
    const before = got.get(p - 1);
    if (before && ids.some((id) => before.includes(id))) say(`pages at offsets ${offset - limit} and ${offset} share a hit`);
    if (problems.length > 0) break;
  }
  if (problems.length === 0 && pages <= 12) {
    const seen = [...got.values()].flat();
    const distinct = new Set(seen);
    if (distinct.size !== seen.length) say(`${seen.length - distinct.size} hits repeated across pages`);
    if (distinct.size !== truth.size) say(`pages reached ${distinct.size} of ${truth.size} matches`);
  }
  if (first) {
    for (const p of PATHS) if (first.explanation?.includes(p)) paths.set(p, (paths.get(p) ?? 0) + 1);
    if (first.totalExact && first.total !== truth.size) say(`exact total ${first.total}, true count ${truth.size}`);
    if (!first.totalExact && first.total > truth.size) say(`lower bound ${first.total} above the true count ${truth.size}`);
  }
  // A page at an offset that is not a multiple of the page size lines up with the pages around it.
  const start = got.get(mid);
  const next = got.get(mid + 1);
  if (start && next && problems.length === 0) {
    const shift = 1 + Math.floor(rand() * (limit - 1));
    const page = service.search({ ...req, limit, offset: mid * limit + shift }).hits.map((h) => h.id);
    if (page.join(',') !== [...start, ...next].slice(shift, shift + limit).join(',')) say(`the page at offset ${mid * limit + shift} differs from the pages around it`);
  }
  // Facets: exact counts when not marked approximate (and marked whenever the sample was smaller than the set).
  if (rand() < 0.3) {
    const facets = service.facets(req);
    if (!facets.approximate) {
      const want = new Map<string, number>();
      for (const e of model) if (truth.has(e.id)) want.set(e.outlet ?? '', (want.get(e.outlet ?? '') ?? 0) + 1);
      const got = new Map(facets.outlet.map((f) => [f.value, f.count]));
      if (got.size !== want.size || [...want].some(([v, n]) => got.get(v) !== n)) say(`outlet facet counts differ though not marked approximate`);
    }
  }
  // countMatches in many slices (a zero budget counts one id range per call) sums to the count.
  const counted = countInSlices(service, req);
  if (counted !== truth.size) say(`countMatches summed to ${counted}, true count ${truth.size}`);
  return problems;
}

/**
 * The share of the exact bm25 top-k score mass (k = the page's length) that a first page holds
 * (PERFORMANCE.md): sum |rank| of its hits over sum |rank| of plain FTS5's best k, on the same
 * compiled query and filters. 1 when the page is as good as exact, ties aside.
 */
function scoreShare(archive: Archive, prefixWords: number | undefined): (req: SearchRequest, ids: number[]) => number | null {
  const stats = new SearchStats(archive.db);
  const ctx: PlanContext = {
    aliases: { get: () => null, longest: 0 },
    vocab: new Vocabulary(archive.db, stats),
    stats,
    dateBounds: () => archive.db.prepare('SELECT min(date) AS min, max(date) AS max FROM entries').get() as { min: string | null; max: string | null },
    ...(prefixWords === undefined ? {} : { prefixWords }),
  };
  return (req, ids) => {
    const plan = makePlan(req, ctx);
    if (!plan.compiled.match || ids.length === 0) return null;
    const from = matchingFrom(plan);
    const best = archive.db.prepare(`SELECT entry_index.rank AS r ${from.sql} ORDER BY entry_index.rank LIMIT ?`).pluck().all(...from.params, ids.length) as number[];
    const ours = archive.db.prepare(`SELECT entry_index.rank AS r ${from.sql} AND e.id IN (SELECT value FROM json_each(?))`).pluck().all(...from.params, JSON.stringify(ids)) as number[];
    const mass = (xs: number[]) => xs.reduce((a, x) => a + Math.abs(x), 0);
    return mass(best) === 0 ? 1 : mass(ours) / mass(best);
  };
}

/**
 * Where the explanation does not say "approximate", the first relevance page is the exact bm25
 * top (a precomputed top list: its first TOP_K); where it does, its share is recorded.
 */
function checkRelevance(service: SearchService, req: SearchRequest, share: ReturnType<typeof scoreShare>, approximate: number[], exact: { pages: number }, tolerance = 1e-9): string[] {
  const first = service.search({ ...req, limit: 50, offset: 0 });
  const listed = first.explanation?.includes('ranked ahead of time') ?? false;
  const value = share(req, first.hits.slice(0, listed ? TOP_K : 50).map((h) => h.id));
  if (value === null) return [];
  if (first.explanation?.includes('approximate')) {
    approximate.push(value);
    return [];
  }
  exact.pages++;
  return value < 1 - tolerance ? [`${req.query} [relevance]: the first page holds ${value.toFixed(6)} of the exact top score mass, yet is not called approximate (${first.explanation})`] : [];
}

/**
 * Relevance order at any size (top-k.ts): for single words, prefixes and AND/OR/NOT of common
 * words, the first page is FTS5's exact `ORDER BY bm25` top 50 (as a multiset of scores: ties may
 * fall either way). Thresholds low: most sets are huge, the words' postings are over the cap for
 * ranking every match, so the top comes from the top lists (proven by their bounds) or, when the
 * bound proves nothing, from ranking every match.
 */
describe('relevance: the first page is the exact bm25 top 50 (top lists, max-score bound)', () => {
  const dir = tempDir();
  let archive: Archive;
  let corpus: Corpus;
  const RELEVANCE_TOP_K = 80;
  const thresholds: Partial<SearchThresholds> = { candidates: 40, countBudgetMs: 0, prefixWords: 400, exactRankPostings: 60, rankPostings: 1e12, topListCandidates: 300 };

  beforeAll(() => {
    corpus = makeCorpus(SEED + 7, 2_000);
    archive = openTestArchive(dir, 'relevance');
    seedEntries(archive, corpus.entries);
    // Lists longer than a page (a single listed word's first page is its list), for words in 100+ entries.
    expect(refreshSearchStats(archive.db, { commonDocs: 100, topK: RELEVANCE_TOP_K }).topLists).toBeGreaterThan(20);
  });
  afterAll(() => archive.close());

  it('single words, prefixes and AND/OR/NOT of common words: the exact top 50, said to be exact', () => {
    const service = new SearchService(archive.db, { thresholds });
    const scores = exactScores(archive, thresholds.prefixWords);
    const rand = rng(SEED + 99);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const common = () => ({ kind: 'word', word: pick(corpus.words.slice(0, 60)) }) as Q;
    const some = () => ({ kind: 'word', word: pick(corpus.words.slice(0, 200)) }) as Q;
    const kinds: (() => Q)[] = [
      common,
      () => ({ kind: 'prefix', piece: pick(corpus.words.slice(0, 30)).slice(0, 2 + Math.floor(rand() * 2)) }),
      () => ({ kind: 'and', children: [common(), common()] }),
      () => ({ kind: 'or', children: [common(), some()] }),
      () => ({ kind: 'minus', left: common(), right: common(), style: rand() < 0.5 ? '-' : 'NOT' }),
      () => ({ kind: 'minus', left: { kind: 'or', children: [common(), common()] }, right: common(), style: '-' }),
      () => ({ kind: 'and', children: [common(), { kind: 'minus', left: some(), right: common(), style: '-' }] }),
      () => ({ kind: 'or', children: [{ kind: 'and', children: [common(), common()] }, common()] }),
    ];
    const how = new Map<string, number>();
    const problems: string[] = [];
    for (let i = 0; i < 160 && problems.length < 10; i++) {
      const query = render(pick(kinds)());
      const result = service.search({ query, limit: 50 });
      const path = ['proven from the words’ top lists', 'every match ranked', 'ranked ahead of time'].find((p) => result.explanation?.includes(p)) ?? 'small set';
      how.set(path, (how.get(path) ?? 0) + 1);
      if (result.explanation?.includes('approximate')) problems.push(`${query}: approximate (${result.explanation})`);
      const { best, ours } = scores(query, result.hits.map((h) => h.id));
      const same = best.length === ours.length && best.every((s, j) => Math.abs(s - (ours[j] ?? 0)) <= 1e-9 * Math.max(1, Math.abs(s)));
      if (!same) problems.push(`${query}: first page scores [${ours.slice(0, 5).map((s) => s.toFixed(4))}…] (${ours.length}), exact top [${best.slice(0, 5).map((s) => s.toFixed(4))}…] (${best.length}); ${result.explanation}`);
    }
    expect(problems, `seed ${SEED}`).toEqual([]);
    // Both ways of finding the top ran: proven from the lists, and every match ranked when the bound could not prove it.
    expect(how.get('proven from the words’ top lists') ?? 0, JSON.stringify([...how])).toBeGreaterThan(20);
    expect(how.get('every match ranked') ?? 0, JSON.stringify([...how])).toBeGreaterThan(0);
  }, 120_000);

  it('where the lists cannot prove the top and ranking every match is over its cap, the page says it is approximate', () => {
    const service = new SearchService(archive.db, { thresholds: { ...thresholds, rankPostings: 50, topListCandidates: 1 } });
    const scores = exactScores(archive, thresholds.prefixWords);
    const said = { exact: 0, approximate: 0 };
    const problems: string[] = [];
    for (let i = 0; i < 12; i++) {
      for (const query of [`${corpus.words[i]} OR ${corpus.words[i + 12]}`, `${corpus.words[i]} ${corpus.words[i + 5]}`]) {
        const result = service.search({ query, limit: 50 });
        if (result.explanation?.includes('approximate')) {
          said.approximate++;
          expect(result.explanation).toMatch(/among the [\d,]+ entries at the top of its words’ lists/);
          continue;
        }
        said.exact++;
        const { best, ours } = scores(query, result.hits.map((h) => h.id));
        if (best.some((s, j) => Math.abs(s - (ours[j] ?? 0)) > 1e-9 * Math.max(1, Math.abs(s)))) problems.push(`${query}: not the exact top, yet not called approximate (${result.explanation})`);
      }
    }
    expect(problems).toEqual([]);
    expect(said.approximate, JSON.stringify(said)).toBeGreaterThan(0);
  });

  it('pairs of common words (AND, OR, NOT) stop scoring early and still give the exact top, or say they are approximate', () => {
    // Candidates scored best bound first, an entry on both words' lists taken at its listed scores,
    // a stop as soon as the k-th score reaches every other bound. A small k stops early (after a
    // few candidates), where a stop one candidate too soon shows; settings from "every match is
    // ranked when the lists prove nothing" to "an approximate answer, said so".
    const scores = exactScores(archive, thresholds.prefixWords);
    const how = new Map<string, number>();
    const problems: string[] = [];
    const settings: Partial<SearchThresholds>[] = [
      thresholds,
      { ...thresholds, rankedTop: 10 },
      { ...thresholds, rankedTop: 3 },
      { ...thresholds, topListCandidates: 120 },
      { ...thresholds, rankPostings: 50 },
      { ...thresholds, rankPostings: 50, topListCandidates: 100, rankedTop: 10 },
    ];
    for (const [n, setting] of settings.entries()) {
      const service = new SearchService(archive.db, { thresholds: setting });
      const k = setting.rankedTop ?? 50;
      for (let i = 0; i < 14; i++) {
        const [a = '', b = ''] = [corpus.words[i], corpus.words[(i * 7 + 3) % 40]];
        if (a === b) continue;
        for (const query of [`${a} ${b}`, `${a} OR ${b}`, `${a} -${b}`, `${a} NOT ${b}`, `(${a} OR ${b}) -${corpus.words[i + 40] ?? ''}`]) {
          const result = service.search({ query, limit: 50 });
          const path = ['approximate', 'proven from the words’ top lists', 'every match ranked'].find((p) => result.explanation?.includes(p)) ?? 'other';
          how.set(path, (how.get(path) ?? 0) + 1);
          if (path === 'approximate' || path === 'other') continue;
          const { best, ours } = scores(query, result.hits.slice(0, k).map((h) => h.id), k);
          const same = best.length === ours.length && best.every((s, j) => Math.abs(s - (ours[j] ?? 0)) <= 1e-9 * Math.max(1, Math.abs(s)));
          if (!same) problems.push(`setting ${n}, ${query}: best ${k} scores [${ours.slice(0, 5).map((s) => s.toFixed(4))}…], exact top [${best.slice(0, 5).map((s) => s.toFixed(4))}…]; ${result.explanation}`);
        }
      }
    }
    expect(problems, `seed ${SEED}`).toEqual([]);
    // Every way out of the proof ran: proven, every match ranked instead, approximate and said so.
    for (const path of ['proven from the words’ top lists', 'every match ranked', 'approximate']) expect(how.get(path) ?? 0, `${path}: ${JSON.stringify([...how])}`).toBeGreaterThan(3);
  }, 120_000);

  it('pages after the exact top go on newest first, reaching every match once', () => {
    const service = new SearchService(archive.db, { thresholds });
    const [a = '', b = ''] = [corpus.words[2], corpus.words[9]];
    const query = `${a} OR ${b}`;
    const first = service.search({ query, limit: 50 });
    expect(first.explanation).toMatch(/the best 50 exactly/);
    // The count may be a lower bound here (no time to count): the true one from plain FTS5.
    const total = service.matchingIds({ query }).length;
    const seen: number[] = [];
    for (let offset = 0; offset < total + 100; offset += 100) seen.push(...service.search({ query, limit: 100, offset }).hits.map((h) => h.id));
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    const rest = seen.slice(50);
    expect(rest).toEqual([...rest].sort((x, y) => y - x));
  });

  // Last: it adds entries. A small import merges new entries into the lists, ranked with the row
  // count and lengths of their own time: the older scores are no longer quite today's.
  it('after a small import merged into the lists, they prove nothing: every match ranked, or said to be approximate', () => {
    seedEntries(archive, makeCorpus(SEED + 8, 150).entries);
    expect(refreshSearchStats(archive.db, { commonDocs: 100, topK: RELEVANCE_TOP_K }).incremental).toBe(true);
    const service = new SearchService(archive.db, { thresholds: { ...thresholds, rankPostings: 50 } });
    const said: string[] = [];
    for (let i = 0; i < 10; i++) {
      for (const query of [`${corpus.words[i]} OR ${corpus.words[i + 12]}`, `${corpus.words[i]} ${corpus.words[i + 5]}`, `${corpus.words[i]} -${corpus.words[i + 3]}`]) {
        said.push(service.search({ query, limit: 50 }).explanation ?? '');
      }
    }
    expect(said.filter((e) => e.includes('proven from the words’ top lists'))).toEqual([]);
    expect(said.filter((e) => e.includes('approximate')).length).toBeGreaterThan(20);
  });
});

/** For a query: FTS5's exact best `k` scores (as positive numbers, best first) and those of the given hits, on the same compiled query. */
function exactScores(archive: Archive, prefixWords: number | undefined): (query: string, ids: number[], k?: number) => { best: number[]; ours: number[] } {
  const stats = new SearchStats(archive.db);
  const ctx: PlanContext = {
    aliases: { get: () => null, longest: 0 },
    vocab: new Vocabulary(archive.db, stats),
    stats,
    dateBounds: () => ({ min: null, max: null }),
    ...(prefixWords === undefined ? {} : { prefixWords }),
  };
  const bestStmt = archive.db.prepare('SELECT -rank FROM entry_index WHERE entry_index MATCH ? ORDER BY rank LIMIT ?').pluck();
  const oursStmt = archive.db.prepare('SELECT -rank FROM entry_index WHERE entry_index MATCH ? AND +rowid IN (SELECT value FROM json_each(?))').pluck();
  return (query, ids, k = 50) => {
    const match = makePlan({ query }, ctx).compiled.match ?? '';
    const best = bestStmt.all(match, k) as number[];
    const ours = (oursStmt.all(match, JSON.stringify(ids)) as number[]).sort((x, y) => y - x);
    // A hit the query does not match would be missing from `ours`: the lengths then differ.
    return { best, ours: ours.length === ids.length ? ours : [...ours, ...Array<number>(ids.length - ours.length).fill(Number.NaN)] };
  };
}
