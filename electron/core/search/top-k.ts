// The exact bm25 top of a huge match set of words (one word, a prefix's words, AND/OR/NOT of them)
// without ranking every match: max-score early termination (Turtle & Flood; Lucene's and Xapian's
// WAND family) over the words' precomputed top lists (search-stats.ts).
// FTS5's bm25 of such a query is a sum of one score per word of the query (a word an entry lacks
// adds 0), so an entry outside the first m entries of every word's list scores at most the sum of
// the lists' m-th scores: the bound. The entries inside those prefixes are scored exactly by FTS5;
// when the best `rankedTop` of the matching ones score at least the bound, no other match can
// displace them and they are the exact top. Words without a list (the rarer ones) are ranked
// together, live, as one more sorted list. When the bound proves nothing, the caller ranks every
// match (or says the order is approximate).
import { idf, loadModel, scoreEntries, type Scorable } from './bm25-score.ts';
import type { CompiledQuery, WordTree } from './compile-query.ts';
import type { SearchStats } from './search-stats.ts';
import type { StatementCache } from './search-plan.ts';
import type { SearchThresholds } from './search-thresholds.ts';

type Node = WordTree;

/** The best matches in relevance order, and how they were found. */
export interface RankedTop {
  ids: number[];
  /**
   * `lists`: proven from the words' top lists; `all`: FTS5 ranked every match; `unproven`: the best
   * of the lists' entries, which the bound could not prove and ranking every match would take too
   * long for (approximate, and said so).
   */
  how: 'lists' | 'all' | 'unproven';
  /** How many of the lists' entries were scored (for `unproven`). */
  scored?: number;
}

/**
 * The exact best `limits.rankedTop` matches of a text query made of single words only (the
 * compiler's tree of them; null for phrases, columns, NEAR, prefixes FTS5 expands itself, date
 * words, or stale statistics); when neither the lists prove them nor is ranking every match within
 * `limits.rankPostings`, the best of the lists' entries, marked `unproven`.
 */
export function rankedTop(compiled: Pick<CompiledQuery, 'match' | 'words'>, stats: SearchStats, stmts: StatementCache, limits: SearchThresholds): RankedTop | null {
  const root = limits.rankedTop > 0 ? compiled.words : null;
  const match = compiled.match;
  if (!root || !match) return null;
  const all: string[] = [];
  collectWords(root, true, all, false);
  const scored: string[] = [];
  collectWords(root, true, scored, true);
  const postings = stats.postings(all, Number.MAX_SAFE_INTEGER);
  if (postings === null) return null;
  const k = limits.rankedTop;
  if (postings <= limits.exactRankPostings) return { ids: rankAll(match, stmts, k), how: 'all' };
  const rankable = postings <= limits.rankPostings;
  const fromTop = fromLists(match, root, scored, stats, stmts, limits, rankable);
  if (fromTop?.proven) return { ids: fromTop.ids, how: 'lists' };
  if (rankable) return { ids: rankAll(match, stmts, k), how: 'all' };
  return fromTop ? { ids: fromTop.ids, how: 'unproven', scored: fromTop.scored } : null;
}

/** The one-line account of a RankedTop for the explanation. */
export function explainRanked(top: RankedTop, total: number, totalExact: boolean): string {
  if (top.how === 'unproven') {
    return `approximate: ranked by relevance among the ${(top.scored ?? 0).toLocaleString('en')} entries at the top of its words’ lists (the best ${top.ids.length.toLocaleString('en')}; too many matches to prove them the best of all); after them, newest first`;
  }
  const over = totalExact ? `all ${total.toLocaleString('en')} matches` : 'all matches';
  const how = top.how === 'lists' ? 'proven from the words’ top lists' : 'every match ranked';
  return `ranked by relevance over ${over} (the best ${top.ids.length.toLocaleString('en')} exactly, ${how}; after them, newest first)`;
}

/** Every match ranked by FTS5 (its cost grows with the postings), the best `k`. */
function rankAll(match: string, stmts: StatementCache, k: number): number[] {
  return (stmts.get('SELECT rowid AS id FROM entry_index WHERE entry_index MATCH ? ORDER BY rank, rowid DESC LIMIT ?').all(match, k) as { id: number }[]).map((r) => r.id);
}

interface Source {
  ids: number[];
  /** Each listed entry's score (a positive number) for this list's words. */
  scores: Map<number, number>;
  /** Upper bound on the score (as a positive number) of an entry not in `ids`; 0 when `ids` holds every entry with the words. */
  bound: number;
  /** How many times the list's word occurs in the query (FTS5 scores each occurrence). */
  weight: number;
  /** The list's word (none for the words without lists, ranked together). */
  term?: string;
}

/** `rankable`: every match will be ranked if the lists prove nothing (an unproven answer is not wanted). */
function fromLists(match: string, root: Node, scored: string[], stats: SearchStats, stmts: StatementCache, limits: SearchThresholds, rankable: boolean): { ids: number[]; proven: boolean; scored: number } | null {
  const k = limits.rankedTop;
  const weights = new Map<string, number>();
  for (const w of scored) weights.set(w, (weights.get(w) ?? 0) + 1);
  const listed: string[] = [];
  const unlisted: string[] = [];
  let unlistedPostings = 0;
  for (const [w, n] of weights) {
    const docs = stats.docs(w) ?? 0;
    if (docs === 0) continue; // adds nothing to any score
    if ((stats.topLength(w) ?? 0) > 0) listed.push(w);
    else {
      for (let i = 0; i < n; i++) unlisted.push(w);
      unlistedPostings += docs;
    }
  }
  // The words without lists are ranked live, together: cheap only while they are rare. (FTS5 scores
  // every phrase of the query for every match: a prefix of 144 rarer words in 11,757 entries took
  // 80-125 ms to rank at 100k, so such a prefix stays approximate, and says so.)
  if (unlistedPostings > limits.exactRankPostings) return null;
  const depth = Math.max(k, Math.floor(limits.topListCandidates / Math.max(1, listed.length + (unlisted.length > 0 ? 1 : 0))));
  const sources: Source[] = [];
  // Rows as arrays: a third of the time of objects for thousands of rows.
  const top = stmts.get('SELECT entry_id, -score FROM search_top WHERE term = ? ORDER BY score, entry_id LIMIT ?').raw(true);
  for (const w of listed) {
    const rows = top.all(w, depth) as [number, number][];
    const complete = (stats.docs(w) ?? 0) <= rows.length;
    const ids = rows.map((r) => r[0]);
    const scores = new Map(rows);
    sources.push({ ids, scores, bound: complete ? 0 : Math.max(0, rows[rows.length - 1]?.[1] ?? 0), weight: weights.get(w) ?? 1, term: w });
  }
  if (unlisted.length > 0) {
    const or = unlisted.map((w) => `"${w.replace(/"/g, '""')}"`).join(' OR ');
    const rows = stmts.get('SELECT rowid AS id, -rank AS s FROM entry_index WHERE entry_index MATCH ? ORDER BY rank LIMIT ?').all(or, depth) as { id: number; s: number }[];
    sources.push({ ids: rows.map((r) => r.id), scores: new Map(rows.map((r) => [r.id, r.s])), bound: rows.length < depth ? 0 : Math.max(0, rows[rows.length - 1]?.s ?? 0), weight: 1 });
  }
  // Scores merged from several refreshes are not quite today's: they bound nothing (the answer is then unproven).
  const bound = stats.listsRankedTogether() ? sources.reduce((sum, s) => sum + s.weight * s.bound, 0) : Infinity;
  const candidates = [...new Set(sources.flatMap((s) => s.ids))];
  if (candidates.length === 0) return bound === 0 ? { ids: [], proven: true, scored: 0 } : null;
  const quick = proveHere(root, candidates, sources, bound, stats, stmts, limits, rankable);
  if (quick) return quick;
  const best = scoreExactly(match, candidates, stmts);
  const kth = best[k - 1]?.s;
  // Every match is among the candidates, or the k-th best of them is at least what any other can score.
  const proven = bound === 0 || (kth !== undefined && kth >= bound);
  return { ids: best.slice(0, k).map((r) => r.id), proven, scored: candidates.length };
}

/**
 * The same proof with the candidates scored here (bm25-score.ts) instead of by FTS5, best bound
 * first (max-score order): each candidate's bound is its listed scores plus, for each list it is
 * not on, that list's bound. Scoring stops as soon as the k-th best score is at least the next
 * candidate's bound and the bound of the entries outside every list. Null (FTS5 decides) for query
 * shapes whose FTS5 score is not plainly a sum over the words an entry has, when an entry's text
 * does not give its indexed length. Past an eighth of `topListCandidates` entries scored (or
 * once no proof can come), the best of those scored, unproven.
 */
function proveHere(
  root: Node,
  candidates: number[],
  sources: Source[],
  bound: number,
  stats: SearchStats,
  stmts: StatementCache,
  limits: SearchThresholds,
  rankable: boolean,
): { ids: number[]; proven: boolean; scored: number } | null {
  const model = loadModel(stmts);
  const query = model ? scorableQuery(root, (term) => idf(model, stats.docs(term) ?? 0)) : null;
  if (!model || !query) return null;
  const k = limits.rankedTop;
  const cap = Math.max(4 * k, Math.floor(limits.topListCandidates / 8));
  const best: { id: number; s: number }[] = [];
  // An entry on the list of every word of an AND or OR (without NOTs) has them all: its score is
  // the sum of its listed scores, which are FTS5's own (lists ranked together on today's index),
  // added in the query's order as FTS5 adds them. No need to read its text.
  const byTerm = new Map(sources.filter((s) => s.term !== undefined).map((s) => [s.term as string, s.scores]));
  const exact = query.without.length === 0 && Number.isFinite(bound) && query.words.every((w) => byTerm.has(w.term)) ? query.words.map((w) => byTerm.get(w.term)!) : null;
  const open: number[] = [];
  const openUpper: number[] = [];
  for (const id of candidates) {
    if (exact && exact.every((scores) => scores.has(id))) {
      best.push({ id, s: exact.reduce((sum, scores) => sum + scores.get(id)!, 0.0) });
      continue;
    }
    open.push(id);
    openUpper.push(sources.reduce((sum, s) => sum + s.weight * (s.scores.get(id) ?? s.bound), 0));
  }
  const known = best.length;
  best.sort((a, b) => b.s - a.s || b.id - a.id);
  // The others best bound first; `upper[j]` is the bound of `order[j]`.
  const rank = open.map((_, i) => i).sort((a, b) => openUpper[b]! - openUpper[a]!);
  const order = rank.map((i) => open[i]!);
  const upper = rank.map((i) => openUpper[i]!);
  let at = 0;
  let batch = 32;
  const kth = () => best[k - 1]?.s;
  // The best k-th score still possible: the k-th largest of the scores found and the bounds of the candidates not yet scored.
  const reachable = () => {
    let i = 0;
    let j = at;
    let value = 0;
    for (let n = 0; n < k; n++) {
      const a = best[i]?.s ?? -1;
      const b = j < order.length ? upper[j]! : -1;
      if (a < 0 && b < 0) return -1;
      if (a >= b) {
        value = a;
        i++;
      } else {
        value = b;
        j++;
      }
    }
    return value;
  };
  const done = (proven: boolean) => ({ ids: best.slice(0, k).map((r) => r.id), proven, scored: known + at });
  // No proof: the likeliest of the other candidates, those with the most listed score (on several
  // lists), scored too, and the best of all scored stand as an approximate answer; unless every
  // match is ranked next anyway (at 100k, an OR of three common words scored 1,500 more for nothing).
  const unproven = () => {
    if (rankable) return done(false);
    const listed = (id: number) => sources.reduce((sum, s) => sum + s.weight * (s.scores.get(id) ?? 0), 0);
    const likely = order.slice(at).sort((a, b) => listed(b) - listed(a)).slice(0, cap);
    const more = likely.length > 0 ? scoreEntries(likely, query, model, stmts) : new Map<number, number>();
    if (!more) return null;
    for (const [id, s] of more) if (s >= 0) best.push({ id, s });
    best.sort((a, b) => b.s - a.s || b.id - a.id);
    at += likely.length;
    return done(false);
  };
  while (at < order.length) {
    const next = kth();
    if (next !== undefined && next >= upper[at]! && next >= bound) return done(true);
    // No proof can come of scoring more (no score exceeds its bound: the k-th best still possible
    // is below the bound of the rest), so stop: at once when every match is ranked next, else
    // after a few batches. Or past the cap, where a proof rarely comes (every candidate's bound is
    // at least the bound of the rest).
    if (bound > 0 && (at >= 2 * k || rankable) && reachable() < bound) return unproven();
    if (at >= cap) return unproven();
    // Once there is a k-th score, only the candidates whose bound is above it can matter yet:
    // a batch takes no more of them than that (a batch past them would be scored for nothing).
    let take = batch;
    if (next !== undefined) {
      let above = at;
      while (above < order.length && above < at + batch && upper[above]! > next) above++;
      if (above > at) take = above - at;
    }
    const ids = order.slice(at, at + take);
    const scores = scoreEntries(ids, query, model, stmts);
    if (!scores) return null;
    for (const [id, s] of scores) if (s >= 0) best.push({ id, s });
    best.sort((a, b) => b.s - a.s || b.id - a.id);
    at += ids.length;
    batch = Math.min(64, batch * 2);
  }
  const last = kth();
  return done(bound === 0 || (last !== undefined && last >= bound));
}

/**
 * The query as words and a match test, for the shapes whose FTS5 score is the sum over the words
 * an entry has: one word, words under one AND or one OR, each possibly with words (or an OR of
 * words) taken away by NOTs at the top. (In other shapes FTS5 counts a word only where the part of
 * the query holding it matched, which depends on how its iterators moved.) Null otherwise.
 */
export function scorableQuery(root: Node, idfOf: (term: string) => number): (Scorable & { without: string[] }) | null {
  let pos = root;
  const neg: Node[] = [];
  while (pos.kind === 'not') {
    const [left, right] = pos.children;
    if (!left || !right) return null;
    neg.unshift(right);
    pos = left;
  }
  const wordsOf = (node: Node, ops: readonly string[]): string[] | null => {
    if (node.kind === 'word') return [node.term];
    if (!ops.includes(node.kind) || !node.children.every((c) => c.kind === 'word')) return null;
    return node.children.map((c) => (c as { term: string }).term);
  };
  const have = wordsOf(pos, ['and', 'or']);
  const lack = neg.map((n) => wordsOf(n, ['or']));
  if (!have || lack.some((l) => l === null)) return null;
  const without = (lack as string[][]).flat();
  const all = pos.kind === 'and';
  return {
    words: [...have, ...without].map((term) => ({ term, idf: idfOf(term) })),
    matches: (has) => (all ? have.every(has) : have.some(has)) && !without.some(has),
    without,
  };
}

/**
 * FTS5's own score of each candidate that matches, best first (ties: newest first). The
 * candidates are a filter FTS5 does not see (`+rowid`): with `rowid IN (...)` it would start the
 * query again, document frequencies and all, for every id. The id range, written into the SQL,
 * lets it skip the matches outside it.
 */
function scoreExactly(match: string, candidates: number[], stmts: StatementCache): { id: number; s: number }[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const id of candidates) {
    lo = Math.min(lo, id);
    hi = Math.max(hi, id);
  }
  const sql = `SELECT rowid AS id, -rank AS s FROM entry_index WHERE entry_index MATCH ? AND rowid >= ${Math.trunc(lo)} AND rowid <= ${Math.trunc(hi)} AND +rowid IN (SELECT value FROM json_each(?))`;
  const rows = stmts.once(sql).all(match, JSON.stringify(candidates)) as { id: number; s: number }[];
  return rows.sort((a, b) => b.s - a.s || b.id - a.id);
}

/**
 * A page of the order "the ranked entries first, then every other match newest first". Past the
 * ranked ones, one read at an SQL OFFSET finds the place: each ranked entry newer than where it
 * lands pushes the page one match further on.
 */
export function pageAfterRanked(ranked: number[], match: string, stmts: StatementCache, limit: number, offset: number): number[] {
  const ids = ranked.slice(offset, offset + limit);
  if (ids.length >= limit) return ids;
  return withNewestUnranked(ids, new Set(ranked), match, stmts, limit, offset);
}

/**
 * `ids`, the ranked part of the page at `offset` (maybe none), filled up to `limit` with the
 * matches outside `ranked`, newest first (also a common word's page past its top list).
 */
export function withNewestUnranked(ids: number[], ranked: ReadonlySet<number>, match: string, stmts: StatementCache, limit: number, offset: number): number[] {
  const target = Math.max(0, offset - ranked.size);
  const window = (
    stmts.get('SELECT rowid AS id FROM entry_index WHERE entry_index MATCH ? ORDER BY rowid DESC LIMIT ? OFFSET ?').all(match, limit - ids.length + 2 * ranked.size, target) as { id: number }[]
  ).map((r) => r.id);
  const first = window[0];
  if (first === undefined) return ids;
  let skip = 0;
  for (const id of ranked) if (id > first) skip++;
  for (const id of window) {
    if (ranked.has(id)) continue;
    if (skip > 0) {
      skip--;
      continue;
    }
    ids.push(id);
    if (ids.length >= limit) break;
  }
  return ids;
}

/**
 * The words of a query compiled for FTS5 (compile-query.ts: its tree) whose scores can count: every word
 * except those a match is known to lack (the right side of a NOT reached through ANDs and NOTs'
 * left sides from the top). With `scoredOnly` false, every word.
 */
function collectWords(node: Node, spine: boolean, out: string[], scoredOnly: boolean): void {
  if (node.kind === 'word') {
    out.push(node.term);
    return;
  }
  if (node.kind === 'not') {
    const [keep, drop] = node.children;
    if (keep) collectWords(keep, spine, out, scoredOnly);
    if (drop && !(scoredOnly && spine)) collectWords(drop, false, out, scoredOnly);
    return;
  }
  for (const child of node.children) collectWords(child, spine && node.kind === 'and', out, scoredOnly);
}
