// A text query within entries picked by id filters (code:, tag:, collection:, has:, source and
// code facets): `code:THEME government` at a million entries. The general path tests every match
// of the text against the filter's subquery, and gathers that subquery again in every statement
// it runs (three to four times a search, ~12 ms each for a theme's 23,000 highlight links); a
// common word's 600,000 matches then cost ~60 ms to test and FTS5's bm25 as much again.
// Here the filters' set is gathered once into JavaScript (a theme: ~21,000 entries, ~37 ms), or,
// where that costs more than it saves, each entry is tested by the filters' per-entry forms:
//  - a small set is checked entry by entry against the index (ids written into the SQL: ~40 µs
//    each, more for a phrase), or against the entries' own text for an AND of phrases of plain
//    words (text-check.ts, ~25 µs each), which gives every match and the exact count;
//  - a larger one is the filter of one scan of the text's matches, newest first, which stops when
//    the page is in hand and the count budget is spent (the count is then a lower bound that
//    countMatches completes, as for a code alone past idSetCountCap);
//  - relevance: words (one, or under one AND or OR, with NOTs) in a set of up to withinScoreMax
//    entries: every entry of the set scored as FTS5 would (bm25-score.ts), the exact order and
//    count. Past that, a word with a precomputed top list (bm25 over all its matches) gives, in list
//    order, the exact best of its matches in the set (any match off the list scores at most the
//    list's last score); an AND of such words likewise from their lists (listed-and.ts); after
//    them, newest first. Text whose words are in few entries is ranked by FTS5 itself over the
//    whole intersection. A phrase or other words in many entries come newest first (said to be
//    approximate): nothing ranks them in time.
//  - date order: the set's entries in date order, off the date index, checked against the text a
//    batch at a time until the page is full; or, when every match is in hand, those put in order.
import type { SortOrder } from '../../../shared/contract.ts';
import { idBounds, type SearchPlan, type StatementCache } from './search-plan.ts';
import type { SearchStats } from './search-stats.ts';
import type { SearchThresholds } from './search-thresholds.ts';
import { onlyById } from './sql-filters.ts';
import { bestOfListedAnd } from './listed-and.ts';
import { idf, loadModel, scoreEntries } from './bm25-score.ts';
import { scorableQuery } from './top-k.ts';
import { andOfPhrases, type PhraseQuery } from './text-check.ts';
import { treePhrases, treeWords, type MatchTree } from './compile-query.ts';
import { checkAll, contains, idsOf, inDateOrder, jsonFilter, probeForm, rankAll, scanNewest, walkChecked, WALKS, type CheckedText, type RowFilter } from './within-matches.ts';

export interface WithinResult {
  ids: number[];
  total: number;
  totalExact: boolean;
}

/** Entries are checked one by one only against text of at most this many phrases (FTS5 sets each up again for every entry). */
const PROBE_PHRASES = 4;

/**
 * One search as every way below answers it: its request, where it runs, and what is known of its
 * text. Made once per search (searchWithinIdSet), so each way takes it whole instead of the same
 * dozen arguments handed on in the same order (where two of a kind swap unnoticed).
 */
interface WithinContext {
  plan: SearchPlan;
  /** The text (plan.compiled.match, known not to be null) and its AND of phrases, if it is one. */
  text: CheckedText;
  sort: SortOrder;
  stmts: StatementCache;
  stats: SearchStats;
  limits: SearchThresholds;
  limit: number;
  offset: number;
  /** Lines this search adds to the query explanation. */
  explanation: string[];
  /** The folded word when the text is one word, else null. */
  term: string | null;
  /** The length of that word's top list in relevance order (0: none, or another order). */
  listed: number;
  /** The postings of the text's words, or null when unknown (textPostings). */
  postings: number | null;
}
// The filters' per-entry forms (probeForm) are no part of it: not every search has them, and the
// ways that need them take them as an argument, so the type says they are there.

/**
 * The page, count and order of a text query whose every filter is a set of entry ids, or null
 * when this way does not apply (the general path answers): no text, a filter of another kind,
 * a set over `limits.withinSetMax`, or relevance order over many matches with no top list.
 */
export function searchWithinIdSet(
  plan: SearchPlan,
  sort: SortOrder,
  stmts: StatementCache,
  stats: SearchStats,
  limits: SearchThresholds,
  limit: number,
  offset: number,
  explanation: string[],
): WithinResult | null {
  const match = plan.compiled.match;
  if (!match || plan.filters.length === 0 || !plan.filters.every((f) => f.ids !== undefined && onlyById(f))) return null;
  // Entries with the Arabic word as typed rank first: the general path's ordering.
  if (sort === 'relevance' && plan.compiled.preferred) return null;
  const postings = textPostings(plan.compiled.tree, stats);
  const term = plan.compiled.words?.kind === 'word' ? plan.compiled.words.term : null;
  const listed = sort === 'relevance' && term !== null ? (stats.topLength(term) ?? 0) : 0;
  const text: CheckedText = { match, phrases: andOfPhrases(plan.compiled.tree) };
  // Each check of an entry starts the query afresh: cheap for a few phrases, not for a prefix's or
  // an OR's many (FTS5's own prefixes, with no tree, count as many; date words, with none either,
  // never come here: their date filter is no set of ids).
  const checkable = (plan.compiled.tree ? treePhrases(plan.compiled.tree) : Number.MAX_SAFE_INTEGER) <= PROBE_PHRASES;
  const cx: WithinContext = { plan, text, sort, stmts, stats, limits, limit, offset, explanation, term, listed, postings };
  const rankLive = postings !== null && postings <= limits.exactRankPostings;
  const probes = plan.filters.every((f) => f.probe !== undefined) ? probeForm(plan) : null;

  // Text in few entries: its matches tested one by one against the filters' per-entry forms (a
  // theme's set costs ~20 ms to gather at 1M, a rare word's 3,000 matches ~10 ms to test).
  if (listed === 0 && postings !== null && postings <= limits.withinTextFirst && probes) {
    const ids = scanNewest(match, probes, 0, true, stmts, 0).ids;
    if (sort === 'relevance') return { ids: rankAll(match, ids, stmts, limit, offset), total: ids.length, totalExact: true };
    return { ids: inDateOrder(ids, WALKS[sort], stmts, limit, offset), total: ids.length, totalExact: true };
  }

  // Words in many entries, in a set of up to a few thousand: every entry of the set scored (exact),
  // the same way for every page. (A word's best entries from its top list are seldom a page here: a
  // topic's 2,556 entries at 1M held 7 of `government`'s 3,000 best.)
  if (sort === 'relevance' && !rankLive) {
    const scored = scoreWholeSet(cx);
    if (scored) return scored;
  }

  // A phrase, or words with no top list, in many entries: nothing ranks their matches in the set
  // in time (FTS5's bm25 first reads every match of the phrase in the archive: 465 ms at 1M, the
  // general path's title-first order among the 2,000 newest ~500 ms), so newest first: one scan
  // of the text's matches that stops when the page is in hand, ~10-30 ms at 1M for a theme or
  // has:highlight. The count is then a lower bound that countMatches completes.
  if (sort === 'relevance' && listed === 0 && !rankLive) {
    if (!probes) return null;
    const small = smallSet(plan, probes, stmts, offset + limit, limits.withinSetMax);
    if (small?.length === 0) return { ids: [], total: 0, totalExact: true };
    // An AND of common words: its best entries in the set proven from the words' top lists first.
    const best = bestOfListedAnd(plan.compiled.words, small ? (ids) => new Set(ids.filter((id) => contains(small, id))) : (ids) => passing(plan, probes, ids, stmts), stats, stmts);
    const ranked = best?.ids ?? [];
    const need = offset + limit + ranked.length;
    // A set of a few entries checked one by one (every match, counted exactly), as below.
    const probeSmall = small !== null && checkable && small.length <= limits.withinProbeMax && (postings === null || small.length * limits.withinProbePostings <= postings);
    let found: { ids: number[]; total: number; complete: boolean } | null = null;
    if (probeSmall) {
      const ids = checkAll(text, small, stmts);
      found = { ids, total: ids.length, complete: true };
    } else if (small !== null && readable(text.phrases, stats, stmts)) {
      // Text read off the entries (~25 µs each at 1M): the set's entries newest first, a batch at
      // a time until the page is full (a topic's 2,300 entries and a phrase in a tenth of them:
      // ~500 read, where the scan passed 26,000 matches of the phrase).
      const walked = walkChecked(text, [[...small].reverse()], stmts, need, 0, Infinity, Math.max(limits.dateWalkBatch, need), limits.dateWalkBatchMax);
      if (walked) found = { ids: walked.ids, total: walked.matched, complete: walked.exhausted };
    }
    if (!found) {
      const scanned = scanNewest(match, small ? jsonFilter(JSON.stringify(small)) : probes, need, false, stmts, limits.countBudgetMs);
      found = { ...scanned, total: scanned.ids.length };
    }
    if (best && ranked.length > 0) return rankedThenNewest(cx, ranked, found, `its words’ ${best.listed.toLocaleString('en')} best entries`);
    explanation.push(`approximate: newest first (too many matches to rank by relevance within ${filterLabels(plan)})`);
    return { ids: found.ids.slice(offset, offset + limit), total: found.total, totalExact: found.complete };
  }

  // A word's best entries and its newest matches need no set: past about √(page × entries) its
  // per-entry forms test them for less than gathering the set costs (a theme at 1M: ~37 ms). The
  // share of the word's best entries they keep guesses the set's size (~2 ms for 1,000 entries),
  // so a set far past that bound is not gathered only to find it so.
  let set: number[] | null = null;
  if (sort === 'relevance' && listed > 0 && term !== null && probes && !rankLive) {
    const top = stats.top(term, listed, 0);
    const kept = passing(plan, probes, top, stmts);
    const { lo, hi } = idBounds(stmts);
    const span = Math.max(1, hi - lo + 1);
    const cap = smallCap(offset + limit, span, limits.withinSetMax);
    if ((kept.size / Math.max(1, top.length)) * span <= cap) set = gatherSet(plan, stmts, cap);
    if (set === null) return wordInLargeSet(cx, top, kept, probes);
  }
  set ??= gatherSet(plan, stmts, limits.withinSetMax);
  // A set too large to gather (has:highlight: 100,000 entries at 1M): its per-entry forms test the
  // text's matches (relevance) or the entries passed walking the date index.
  if (set === null) return probes ? withinLargeSet(cx, probes) : null;
  if (set.length === 0) return { ids: [], total: 0, totalExact: true };
  const json = JSON.stringify(set);
  // The word's best entries that are in the set: all of them match, best first.
  const ranked = listed > 0 && term !== null ? stats.top(term, listed, 0).filter((id) => contains(set, id)) : [];

  // Every match by checking each entry, or the newest by one scan of the text's matches.
  const probeAll = checkable && set.length <= limits.withinProbeMax && (postings === null || set.length * limits.withinProbePostings <= postings);
  if (sort === 'relevance') {
    const found = probeAll ? { ids: checkAll(text, set, stmts), complete: true } : scanNewest(match, jsonFilter(json), offset + limit + ranked.length, rankLive, stmts, limits.countBudgetMs);
    // Few postings: every match is in hand (the scan ran to the end), FTS5 ranks them.
    if (listed === 0) return { ids: rankAll(match, found.ids, stmts, limit, offset), total: found.ids.length, totalExact: found.complete };
    return rankedThenNewest(cx, ranked, found, `the word’s ${listed.toLocaleString('en')} best entries`);
  }

  const walks = WALKS[sort];
  if (probeAll || rankLive || !checkable) {
    // Every match in hand (cheap here, or no other way), then in date order.
    const all = probeAll ? checkAll(text, set, stmts) : scanNewest(match, jsonFilter(json), 0, true, stmts, 0).ids;
    return { ids: inDateOrder(all, walks, stmts, limit, offset), total: all.length, totalExact: true };
  }
  // How many of the set's entries match, guessed from the statistics; the count is what the walk saw.
  const { lo, hi } = idBounds(stmts);
  const span = Math.max(1, hi - lo + 1);
  const { expected, firstBatch } = dateWalkEstimate(postings, span, offset + limit, limits);
  // The walk passes about `expected` of the set's entries, and all entries between them: tested
  // in JavaScript (~1 µs each, handed over one by one) when that is cheaper than SQLite first
  // putting the set in a temporary index (~0.2 µs an entry) to test them (~0.1 µs each). Only a
  // word's guess is trusted: a phrase of common words is in far fewer entries than its words
  // (a theme + "the government" at 1M passed 44,000 entries, not 2,400: 40 ms in JavaScript, 13 in SQLite).
  const passed = (expected * span) / set.length;
  const inJs = term !== null && passed * 1 < set.length * 0.2 + passed * 0.1 ? set : null;
  // Checking goes on while cheaper than one scan of every match (withinProbePostings postings a check).
  const maxChecks = Math.max(expected * 4 + 200, (postings ?? 0) / Math.max(1, limits.withinProbePostings));
  const inSet = walks.map((walk) =>
    inJs
      ? idsOf(stmts, `SELECT e.id AS id FROM entries e INDEXED BY entries_date${walk.cond ? ` WHERE ${walk.cond}` : ''} ORDER BY ${walk.order}`, [], inJs)
      : idsOf(stmts, `SELECT e.id AS id FROM entries e INDEXED BY entries_date WHERE e.id IN (SELECT value FROM json_each(?))${walk.cond ? ` AND ${walk.cond}` : ''} ORDER BY ${walk.order}`, [json], null),
  );
  const walked = walkChecked(text, inSet, stmts, limit, offset, maxChecks, firstBatch, limits.dateWalkBatchMax);
  if (walked) return { ids: walked.ids, total: walked.matched, totalExact: walked.exhausted };
  const all = scanNewest(match, jsonFilter(json), 0, true, stmts, 0).ids;
  return { ids: inDateOrder(all, walks, stmts, limit, offset), total: all.length, totalExact: true };
}

/**
 * Relevance order over a gathered set by scoring each of its entries as FTS5 would (bm25-score.ts:
 * its text read and its words counted, ~20 µs an entry at 1M): every match in the set, in the exact
 * bm25 order (ties newest first), and the exact count. For text of words only (one, or under one
 * AND or OR, with NOTs: top-k.ts scorableQuery) and a set of at most `withinScoreMax` entries;
 * null otherwise, with stale statistics (the words' document frequencies), or when an entry's
 * text does not split into the counts the index holds.
 */
function scoreWholeSet(cx: WithinContext): WithinResult | null {
  const { plan, stmts, stats, limits, limit, offset, explanation } = cx;
  const words = plan.compiled.words;
  const max = limits.withinScoreMax;
  if (!words || max <= 0 || !stats.current()) return null;
  const model = loadModel(stmts);
  const query = model ? scorableQuery(words, (term) => idf(model, stats.docs(term) ?? 0)) : null;
  if (!model || !query) return null;
  // Gathering stops past `max` entries (reading at most max + 1 links: ~4 ms at 1M when the set is larger).
  const set = gatherSet(plan, stmts, max);
  if (!set) return null;
  const scores = scoreEntries(set, query, model, stmts);
  if (!scores) return null;
  const hits = [...scores].filter(([, s]) => s >= 0).sort((a, b) => b[1] - a[1] || b[0] - a[0]);
  explanation.push(`ranked by relevance over all ${hits.length.toLocaleString('en')} matches in ${filterLabels(plan)} (each of its ${set.length.toLocaleString('en')} entries scored)`);
  return { ids: hits.slice(offset, offset + limit).map(([id]) => id), total: hits.length, totalExact: true };
}

/**
 * A page of "the word's best entries in the set (`ranked`, best first), then the other matches
 * (`found`, newest first)", with its count and explanation.
 */
function rankedThenNewest(cx: WithinContext, ranked: number[], found: { ids: number[]; total?: number; complete: boolean }, lists: string): WithinResult {
  const { stats, limit, offset, explanation } = cx;
  const total = found.total ?? found.ids.length;
  const totalExact = found.complete;
  const rankedSet = new Set(ranked);
  const rest = found.ids.filter((id) => !rankedSet.has(id));
  const head = ranked.slice(offset, offset + limit);
  const from = Math.max(0, offset - ranked.length);
  const ids = [...head, ...rest.slice(from, from + limit - head.length)];
  // Lists merged over several refreshes hold scores of their times, not quite today's (search-stats.ts).
  const merged = stats.listsRankedTogether() ? '' : 'approximate: ';
  const over = totalExact ? `all ${total.toLocaleString('en')} matches` : 'all matches';
  explanation.push(
    ranked.length > 0
      ? `${merged}ranked by relevance over ${over} (the best ${ranked.length.toLocaleString('en')} exactly, from ${lists} ranked ahead of time; after them, newest first)`
      : `newest first: none of ${lists} ranked ahead of time is among these matches`,
  );
  return { ids, total, totalExact };
}

/**
 * Text within a set too large to gather (has:highlight at 1M: 100,000 entries), through the
 * filters' per-entry forms: in relevance order a word's best entries that pass them, then the
 * text's matches newest first, scanned until the page is in hand; in date order the entries
 * passing them walked down the date index and checked against the text a batch at a time. Null
 * (the general path) when the text is in few entries, or the walk finds matches rarer than guessed.
 */
function withinLargeSet(cx: WithinContext, probes: RowFilter): WithinResult | null {
  const { plan, text, sort, term, listed, postings, stmts, stats, limits, limit, offset } = cx;
  if (postings !== null && postings <= limits.exactRankPostings) return null;
  if (sort === 'relevance') {
    if (listed === 0 || term === null) return null;
    const top = stats.top(term, listed, 0);
    return wordInLargeSet(cx, top, passing(plan, probes, top, stmts), probes);
  }
  const { lo, hi } = idBounds(stmts);
  const { expected, firstBatch } = dateWalkEstimate(postings, Math.max(1, hi - lo + 1), offset + limit, limits);
  const entryProbes = plan.filters.map((f) => `(${f.probe ?? ''})`).join(' AND ');
  const inSet = WALKS[sort].map((walk) => idsOf(stmts, `SELECT e.id AS id FROM entries e INDEXED BY entries_date WHERE ${entryProbes}${walk.cond ? ` AND ${walk.cond}` : ''} ORDER BY ${walk.order}`, probes.params, null));
  const walked = walkChecked(text, inSet, stmts, limit, offset, expected * 4 + 200, firstBatch, limits.dateWalkBatchMax);
  return walked ? { ids: walked.ids, total: walked.matched, totalExact: walked.exhausted } : null;
}

/**
 * How many entries a date walk passes before `need` of them match (`expected`), guessed from the
 * share of the archive's `span` ids the text's words are in (half when unknown; an AND or a phrase
 * matches fewer: the walk's batches then grow), and its first batch: about as many as that (each
 * check is a statement of its own), within the thresholds' first and largest batch.
 */
export function dateWalkEstimate(postings: number | null, span: number, need: number, limits: Pick<SearchThresholds, 'dateWalkBatch' | 'dateWalkBatchMax'>): { expected: number; firstBatch: number } {
  const density = postings === null ? 0.5 : Math.min(1, Math.max(1, postings) / span);
  const expected = Math.ceil(need / density);
  return { expected, firstBatch: Math.min(limits.dateWalkBatchMax, Math.max(limits.dateWalkBatch, Math.ceil(expected * 1.25))) };
}

/**
 * A word's best entries (`top`) that the filters keep (`kept`), then its other matches newest
 * first, scanned through the filters' per-entry forms until the page is in hand.
 */
function wordInLargeSet(cx: WithinContext, top: number[], kept: Set<number>, probes: RowFilter): WithinResult {
  const ranked = top.filter((id) => kept.has(id));
  const found = scanNewest(cx.text.match, probes, cx.offset + cx.limit + ranked.length, false, cx.stmts, cx.limits.countBudgetMs);
  return rankedThenNewest(cx, ranked, found, `the word’s ${cx.listed.toLocaleString('en')} best entries`);
}

/**
 * Whether the text is an AND of phrases of plain words (text-check.ts) whose rarest word is in at
 * least 1 in 25 entries: FTS5 scans such text at the pace of that word's postings, so with a rarer
 * word its scan passes fewer entries than reading the set's entries one by one (~25 µs each) would.
 */
function readable(phrases: PhraseQuery | null, stats: SearchStats, stmts: StatementCache): boolean {
  if (!phrases) return false;
  const { lo, hi } = idBounds(stmts);
  const rarest = Math.min(...phrases.words.map((w) => stats.docs(w) ?? 0));
  return rarest * 25 >= hi - lo + 1;
}

/** Which of these entries the filters keep, through their per-entry forms. */
function passing(plan: SearchPlan, probes: RowFilter, ids: readonly number[], stmts: StatementCache): Set<number> {
  const entryProbes = plan.filters.map((f) => ` AND (${(f.probe ?? '').replace(/\be\.id\b/g, 'j.value')})`).join('');
  return new Set(stmts.get(`SELECT j.value FROM json_each(?) j WHERE 1${entryProbes}`).pluck().all(JSON.stringify(ids), ...probes.params) as number[]);
}

/** The entries in every filter's set, ascending; null past `max` (gathering them would cost more than it saves). */
function gatherSet(plan: SearchPlan, stmts: StatementCache, max: number): number[] | null {
  let out: number[] | null = null;
  for (const f of plan.filters) {
    // Deduplicated here, not by SQL's DISTINCT (its temporary b-tree took 10 ms more for a theme's 23,000 links).
    // The LIMIT bounds the rows read (has:highlight's 100,000 at 1M would be read for nothing); it
    // counts links, so a set with a few more links than `max` is refused too.
    const rows = stmts
      .get(`SELECT id FROM (${f.ids ?? ''}) LIMIT ?`)
      .pluck()
      .all(...f.params, max + 1) as number[];
    if (rows.length > max) return null;
    const sorted = Float64Array.from(rows).sort();
    const ids: number[] = [];
    for (const id of sorted) if (ids.length === 0 || ids[ids.length - 1] !== id) ids.push(id);
    if (ids.length > max) return null;
    if (out === null) out = ids;
    else {
      const other = ids;
      out = out.filter((id) => contains(other, id));
    }
  }
  return out;
}

/** The postings of the text's words (from the statistics), or null when unknown: stale statistics, date words, FTS5's own prefixes (no tree). */
function textPostings(tree: MatchTree | null, stats: SearchStats): number | null {
  if (!tree) return null;
  return stats.postings(treeWords(tree), Number.MAX_SAFE_INTEGER);
}


/**
 * The set, when a scan of the text's matches newest first that stops once `need` are found is
 * cheaper to test against it gathered than through the filters' per-entry forms; else null. The
 * scan passes about need × entries / |set| matches: each tested by the per-entry forms (~1.6 µs
 * more a match at 1M), or against the set gathered (~1.7 µs an entry) and bound as JSON (~0.2 µs
 * a match). The two costs meet at a set of about √(need × entries) entries, where gathering stops
 * (wasted: up to ~12 ms for a page of 50 at 1M). A set that the filters' per-entry forms find in
 * more than that share of SAMPLE entries spread over the ids (~4 ms for a code) is not gathered
 * at all (near the bound either way costs about the same).
 */
function smallSet(plan: SearchPlan, probes: RowFilter, stmts: StatementCache, need: number, max: number): number[] | null {
  const { lo, hi } = idBounds(stmts);
  const span = Math.max(1, hi - lo + 1);
  const cap = smallCap(need, span, max);
  const sample = Array.from({ length: Math.min(SAMPLE, span) }, (_, i) => lo + Math.floor(((i + 0.5) * span) / Math.min(SAMPLE, span)));
  if ((passing(plan, probes, sample, stmts).size / sample.length) * span > cap) return null;
  return gatherSet(plan, stmts, cap);
}

/** Entries tested to guess a set's size. */
const SAMPLE = 500;

/** The size below which a set is gathered for a scan that stops at `need` matches (smallSet). */
const smallCap = (need: number, span: number, max: number) => Math.min(max, Math.ceil(Math.sqrt(need * span)));

/** The filters as the query wrote them (`code:Theme`, `has:highlight`), for the explanation. */
const filterLabels = (plan: SearchPlan) => plan.filters.map((f) => f.label).join(' and ');
