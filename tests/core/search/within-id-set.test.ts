// Text within entries picked by id filters (`code:THEME word`: within-id-set.ts), proven against
// the simple path: random code: + word/prefix/phrase/AND/OR queries on a skewed corpus with
// highlights under a small codebook, each answered with the set's entries checked one by one,
// with one full scan of the text's matches, and with a scan stopped at once (a lower-bound count,
// the date walk). Every page in every order is compared with plain FTS5 and SQL (matchingIds) and
// with the query evaluated on the corpus itself; exact counts are exact, lower bounds lower and
// countMatches sums up; in relevance order the part said to be exact holds FTS5's exact bm25 top.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../../electron/core/archive.ts';
import { makePlan, matchingFrom, type PlanContext } from '../../../electron/core/search/search-plan.ts';
import { SearchService } from '../../../electron/core/search/search-service.ts';
import { refreshSearchStats, SearchStats } from '../../../electron/core/search/search-stats.ts';
import type { SearchThresholds } from '../../../electron/core/search/search-thresholds.ts';
import { Vocabulary } from '../../../electron/core/search/vocabulary.ts';
import { dateWalkEstimate } from '../../../electron/core/search/within-id-set.ts';
import type { Code, Highlight, SearchRequest, SortOrder } from '../../../shared/contract.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { evaluate, makeCorpus, modelEntries, render, rng, type Corpus, type ModelEntry, type Q } from './helpers/skewed-corpus.ts';
import { countInSlices } from './helpers/count-in-slices.ts';
import { openTestArchive, seedEntries } from './helpers/seed-entries.ts';

const SEED = Number(process.env.QUIRE_DIFF_SEED ?? 20261130);
const ENTRIES = 2_500;
const QUERIES = 70;

/** Each setting sends the queries down one way of finding the matches in the set. */
const SETTINGS: Record<string, Partial<SearchThresholds>> = {
  // Every entry of the set checked against the index.
  'each entry checked': { withinProbeMax: 500, withinProbePostings: 0, withinTextFirst: 0, countBudgetMs: 1e6, withinScoreMax: 0 },
  // One scan of the text's matches, to the end.
  'one full scan': { withinProbeMax: 0, withinTextFirst: 0, countBudgetMs: 1e6, withinScoreMax: 0 },
  // The scan stopped as soon as the page is in hand (FTS5 ranks only text in few entries): lower-bound counts; date order by the date walk, in small batches.
  'scan stopped, date walk': { withinProbeMax: 0, withinTextFirst: 0, countBudgetMs: 0, exactRankPostings: 100, dateWalkBatch: 2, dateWalkBatchMax: 8, withinScoreMax: 0 },
  // As above, but words in relevance order ranked by scoring every entry of the set (exact order and count).
  'each entry scored': { withinProbeMax: 0, withinTextFirst: 0, countBudgetMs: 0, exactRankPostings: 100, withinScoreMax: 1e6 },
  // Text without a top list: its matches tested against the code one by one, no set gathered.
  'text first': { withinTextFirst: 1e9 },
  // Every set too large to gather: a word's best entries and the scan tested through the filters' per-entry forms, the date walk likewise; phrases and ANDs newest first.
  'set too large': { withinSetMax: 10, withinTextFirst: 0, countBudgetMs: 0, exactRankPostings: 100, dateWalkBatch: 2, dateWalkBatchMax: 8, withinScoreMax: 0 },
};

/** The codebook: a theme with two topics (one with a leaf), and a rare code. */
const CODES = ['Theme', 'Theme/Topic A', 'Theme/Topic A/Leaf', 'Theme/Topic B', 'Rare'];
/** What the random queries filter by: a code (with its sub-codes), or any live highlight. */
const FILTERS = [...CODES.map((path) => `code:"${path}"`), 'has:highlight'];

describe('text within a code (the set gathered once) agrees with plain FTS5', () => {
  const dir = tempDir();
  let archive: Archive;
  let corpus: Corpus;
  let model: ModelEntry[];
  /** Entries with a live highlight carrying the code or one of its sub-codes. */
  const coded = new Map<string, Set<number>>();

  beforeAll(() => {
    corpus = makeCorpus(SEED, ENTRIES);
    archive = openTestArchive(dir, 'within');
    const ids = seedEntries(archive, corpus.entries);
    model = modelEntries(corpus, ids);
    const code = new Map<string, Code>();
    for (const path of CODES) {
      const parent = path.includes('/') ? code.get(path.slice(0, path.lastIndexOf('/'))) : undefined;
      code.set(path, archive.call('saveCode', { name: path.slice(path.lastIndexOf('/') + 1), parentId: parent?.id ?? null }) as Code);
    }
    const rand = rng(SEED + 1);
    const made: { h: Highlight; path: string; live: boolean }[] = [];
    for (const e of model) {
      const r = rand();
      // About a third of the entries under the theme, a few with two highlights; 2% with the rare code.
      const picks = r < 0.35 ? [CODES[Math.floor(rand() * 4)] ?? 'Theme'] : [];
      if (r < 0.05) picks.push(CODES[1 + Math.floor(rand() * 3)] ?? 'Theme');
      if (rand() < 0.02) picks.push('Rare');
      for (const path of picks) made.push({ h: archive.call('createHighlight', { entryId: e.id, start: 0, end: 3, codeIds: [code.get(path)?.id ?? 0], note: null }) as Highlight, path, live: true });
    }
    // Some highlights deleted again: their codes no longer pick their entries.
    for (const m of made) {
      if (rand() >= 0.05) continue;
      archive.call('deleteHighlight', { id: m.h.id });
      m.live = false;
    }
    for (const p of CODES) coded.set(`code:"${p}"`, new Set(made.filter((m) => m.live && (m.path === p || m.path.startsWith(`${p}/`))).map((m) => m.h.entryId)));
    coded.set('has:highlight', new Set(made.filter((m) => m.live).map((m) => m.h.entryId)));
    for (const [filter, set] of coded) expect(set.size, filter).toBeGreaterThan(20);
    // Lists long enough that a theme's entries are among a common word's best.
    expect(refreshSearchStats(archive.db, { commonDocs: 100, topK: 150 }).topLists).toBeGreaterThan(10);
  });
  afterAll(() => archive.close());

  for (const [name, thresholds] of Object.entries(SETTINGS)) {
    it(`${name}: every page, count and order of ${QUERIES} random queries is right`, () => {
      const service = new SearchService(archive.db, { thresholds });
      const scores = exactScores(archive);
      const rand = rng(SEED + name.length);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
      const word = (): Q => ({ kind: 'word', word: pick(rand() < 0.6 ? corpus.words.slice(0, 12) : corpus.words.slice(12, 200)) });
      const texts: (() => Q)[] = [
        word,
        word,
        () => ({ kind: 'prefix', piece: pick(corpus.words.slice(0, 30)).slice(0, 2) }),
        () => {
          const tokens = pick(corpus.entries).body.split(' ');
          const at = Math.floor(rand() * Math.max(1, tokens.length - 2));
          return { kind: 'phrase', words: tokens.slice(at, at + 2) };
        },
        () => ({ kind: 'and', children: [word(), word()] }),
        () => ({ kind: 'or', children: [word(), word()] }),
      ];
      const problems: string[] = [];
      const ways = new Map<string, number>();
      for (let i = 0; i < QUERIES && problems.length < 10; i++) {
        const filter = pick(FILTERS);
        const q = pick(texts)();
        const sort = pick<SortOrder>(['relevance', 'relevance', 'date-desc', 'date-asc']);
        const req: SearchRequest = { query: `${filter} ${q.kind === 'or' ? `(${render(q)})` : render(q)}`, sort };
        const inCode = coded.get(filter) ?? new Set<number>();
        const truth = new Set(model.filter((e) => inCode.has(e.id) && evaluate(q, e)).map((e) => e.id));
        problems.push(...checkPages(service, req, truth, model, rand));
        if (sort === 'relevance') {
          const way = checkRanking(service, req, scores, problems);
          ways.set(way, (ways.get(way) ?? 0) + 1);
        }
      }
      expect(problems, `seed ${SEED}`).toEqual([]);
      // Both relevance orders ran: FTS5 ranking the whole intersection, and a word's top list,
      // or where every set is scored entry by entry, that (no list then ranks an AND).
      expect(ways.get('exact') ?? 0, JSON.stringify([...ways])).toBeGreaterThan(0);
      if ((thresholds.withinScoreMax ?? 0) > 10_000) {
        expect(ways.get('scored') ?? 0, JSON.stringify([...ways])).toBeGreaterThan(5);
        expect(ways.get('lists of an AND') ?? 0, JSON.stringify([...ways])).toBe(0);
      } else if (thresholds.withinScoreMax === 0) expect(ways.get('top list') ?? 0, JSON.stringify([...ways])).toBeGreaterThan(0);
      // With few postings ranked exactly, phrases and ANDs of common words come newest first, an
      // AND of words with top lists after its best entries proven from them.
      if (thresholds.withinScoreMax === 0 && (thresholds.exactRankPostings ?? Infinity) <= 100) {
        expect(ways.get('newest') ?? 0, JSON.stringify([...ways])).toBeGreaterThan(0);
        expect(ways.get('lists of an AND') ?? 0, JSON.stringify([...ways])).toBeGreaterThan(0);
      }
    }, 120_000);
  }

  it('a common word within the theme: its best entries first, exactly, then newest first; the count exact when the scan finishes', () => {
    const word = corpus.words[0] ?? '';
    const truth = new Set(model.filter((e) => coded.get('code:"Theme"')?.has(e.id) && Object.values(e.cols).some((t) => t.includes(word))).map((e) => e.id));
    const result = new SearchService(archive.db, { thresholds: SETTINGS['one full scan'] }).search({ query: `code:Theme ${word}`, limit: 50 });
    expect(result.totalExact).toBe(true);
    expect(result.total).toBe(truth.size);
    const best = /the best (\d+) exactly/.exec(result.explanation ?? '');
    expect(best, result.explanation).not.toBeNull();
    const k = Number(best?.[1]);
    expect(k).toBeGreaterThan(0);
    const { best: top, ours } = exactScores(archive)(`code:Theme ${word}`, result.hits.slice(0, k).map((h) => h.id), k);
    expect(ours).toEqual(top);
    const rest = result.hits.slice(k).map((h) => h.id);
    expect(rest).toEqual([...rest].sort((a, b) => b - a));
  });
});

/** Pages one after another (all of them), against the truth: membership, no repeats, order, counts, countMatches. */
function checkPages(service: SearchService, req: SearchRequest, truth: Set<number>, model: ModelEntry[], rand: () => number): string[] {
  const problems: string[] = [];
  const say = (what: string) => problems.push(`${req.query} [${req.sort}]: ${what}`);
  const plain = new Set(service.matchingIds(req));
  if (plain.size !== truth.size || [...truth].some((id) => !plain.has(id))) say(`plain FTS5 finds ${plain.size} entries, the corpus itself ${truth.size}`);
  const sort = req.sort ?? 'relevance';
  const byDate = sort === 'relevance' ? null : model.filter((e) => truth.has(e.id)).sort(dateKey(sort)).map((e) => e.id);
  // Every page of a small set; of a larger one the first few, a run in the middle and the last ones.
  const limit = [7, 20, 50][Math.floor(rand() * 3)] ?? 20;
  const pages = Math.ceil(truth.size / limit) + 1;
  const mid = Math.floor(rand() * pages);
  const every = pages <= 12;
  const wanted = every ? Array.from({ length: pages }, (_, p) => p) : [...new Set([0, 1, 2, mid, mid + 1, pages - 2, pages - 1])].filter((p) => p < pages).sort((a, b) => a - b);
  const seen: number[] = [];
  for (const p of wanted) {
    if (problems.length > 0) break;
    const offset = p * limit;
    const page = service.search({ ...req, limit, offset });
    const ids = page.hits.map((h) => h.id);
    for (const id of ids) if (!truth.has(id)) say(`hit ${id} at offset ${offset} does not match`);
    const want = Math.max(0, Math.min(limit, truth.size - offset));
    if (ids.length !== want) say(`page at offset ${offset} has ${ids.length} hits, not ${want}`);
    if (byDate && ids.join(',') !== byDate.slice(offset, offset + limit).join(',')) say(`page at offset ${offset} is out of ${sort} order`);
    if (offset === 0) {
      if (page.totalExact && page.total !== truth.size) say(`exact total ${page.total}, true count ${truth.size}`);
      if (!page.totalExact && page.total > truth.size) say(`lower bound ${page.total} above the true count ${truth.size}`);
    }
    seen.push(...ids);
  }
  if (problems.length === 0 && new Set(seen).size !== seen.length) say(`${seen.length - new Set(seen).size} hits repeated across pages`);
  if (problems.length === 0 && every && seen.length !== truth.size) say(`pages reached ${new Set(seen).size} distinct of ${truth.size} matches in ${seen.length} hits`);
  // countMatches in many slices (a zero budget counts one id range per call) sums to the count.
  const counted = countInSlices(service, req);
  if (counted !== truth.size) say(`countMatches summed to ${counted}, true count ${truth.size}`);
  return problems;
}

/**
 * The first relevance page: the part its explanation calls exact holds FTS5's exact best scores
 * over the whole intersection, the rest is newest first. Returns which way it was ranked.
 */
function checkRanking(service: SearchService, req: SearchRequest, scores: ReturnType<typeof exactScores>, problems: string[]): string {
  const first = service.search({ ...req, limit: 50, offset: 0 });
  const ids = first.hits.map((h) => h.id);
  const said = first.explanation ?? '';
  if (said.includes('approximate: newest first')) {
    if (ids.join(',') !== [...ids].sort((a, b) => b - a).join(',')) problems.push(`${req.query}: the hits are not newest first (${said})`);
    return 'newest';
  }
  if (said.includes('approximate')) return 'approximate';
  const listed = /the best ([\d,]+) exactly, from (the word’s|its words’)/.exec(said);
  const none = said.includes('newest first: none of the word’s');
  // The part said to be exact may run past this page.
  const k = Math.min(ids.length, listed ? Number((listed[1] ?? '0').replace(/,/g, '')) : none ? 0 : ids.length);
  const { best, ours } = scores(req.query, ids.slice(0, k), k);
  if (best.length !== ours.length || best.some((s, j) => Math.abs(s - (ours[j] ?? Number.NaN)) > 1e-9 * Math.max(1, Math.abs(s)))) {
    problems.push(`${req.query}: the first ${k} hits score [${ours.slice(0, 4).map((s) => s.toFixed(4))}…], the exact top [${best.slice(0, 4).map((s) => s.toFixed(4))}…] (${said})`);
  }
  const rest = ids.slice(k);
  if (rest.join(',') !== [...rest].sort((a, b) => b - a).join(',')) problems.push(`${req.query}: the hits after the best ${k} are not newest first (${said})`);
  if (said.includes('entries scored)')) return 'scored';
  return listed?.[2] === 'its words’' ? 'lists of an AND' : listed || none ? 'top list' : 'exact';
}

/** For a query with its filters: FTS5's exact best `k` scores (positive, best first) over all its matches, and those of the given hits. */
function exactScores(archive: Archive): (query: string, ids: number[], k: number) => { best: number[]; ours: number[] } {
  const stats = new SearchStats(archive.db);
  const ctx: PlanContext = { aliases: { get: () => null, longest: 0 }, vocab: new Vocabulary(archive.db, stats), stats, dateBounds: () => ({ min: null, max: null }) };
  return (query, ids, k) => {
    const from = matchingFrom(makePlan({ query }, ctx));
    const best = archive.db.prepare(`SELECT -entry_index.rank ${from.sql} ORDER BY entry_index.rank LIMIT ?`).pluck().all(...from.params, k) as number[];
    const ours = (archive.db.prepare(`SELECT -entry_index.rank ${from.sql} AND e.id IN (SELECT value FROM json_each(?))`).pluck().all(...from.params, JSON.stringify(ids)) as number[]).sort((x, y) => y - x);
    // A hit outside the matches would be missing from `ours`: the lengths then differ.
    return { best, ours: ours.length === ids.length ? ours : [...ours, ...Array<number>(ids.length - ours.length).fill(Number.NaN)] };
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

describe('a date walk within a set guesses how far it goes from the text’s share of the archive', () => {
  // The entries a page needs at that share, and a first batch about as many, between the first and the largest batch.
  const limits = { dateWalkBatch: 32, dateWalkBatchMax: 512 };
  const table: [postings: number | null, span: number, need: number, expected: number, firstBatch: number][] = [
    [1_000, 10_000, 20, 200, 250], // in 1 entry of 10: ten times the page
    [3_000, 10_000, 7, 24, 32], // never under the first batch
    [1_000, 10_000, 50, 500, 512], // nor over the largest
    [null, 10_000, 50, 100, 125], // unknown (stale statistics): as if in half the entries
    [30_000, 10_000, 50, 50, 63], // several words' postings past the entries: every entry may match
    [0, 10_000, 5, 50_000, 512], // in no entry by the statistics: as if in one
  ];
  it('expects the entries the page needs at that share, the first batch about as many', () => {
    for (const [postings, span, need, expected, firstBatch] of table) expect(dateWalkEstimate(postings, span, need, limits), `${postings}/${span}, ${need}`).toEqual({ expected, firstBatch });
  });
});
