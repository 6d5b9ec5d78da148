// Every number that switches a search fast path on, in one place, as a parameter of the search
// service: the defaults suit a million entries; tests set them low so that every path runs on a
// few thousand entries and can be checked against plain FTS5 (tests/core/search/differential.test.ts).
// The statistics' own thresholds (which words get a top list, and how long) are options of the
// refresh that makes them (search-stats.ts, RefreshOptions commonDocs / topK).

export interface SearchThresholds {
  /** A match set with at least this many matches is huge: ranked among its newest this many. */
  candidates: number;
  /** Above this many postings in all, bm25 is too slow for a compound: title matches first, then newest; top-k.ts does not rank every match past it. */
  rankPostings: number;
  /** How long a search goes on counting past the candidates before leaving the rest to countMatches. */
  countBudgetMs: number;
  /** A prefix expands to the words it stands for when they are at most this many (else FTS5's prefix query). */
  prefixWords: number;
  /** Facets and the timeline count every match when there are at most this many… */
  facetExact: number;
  /** …else they estimate from a systematic sample of about this many. */
  facetSample: number;
  /**
   * Date order over a huge set walks the date index (checking entries a batch at a time) when its
   * estimated cost, ~70 µs per walked entry, is below reading the match set (~0.2 µs per match)
   * plus this many milliseconds; otherwise it reads the whole match set first.
   */
  dateWalkSlackMs: number;
  /** The date walk's first batch of entries checked against the index, and its largest (it doubles). */
  dateWalkBatch: number;
  dateWalkBatchMax: number;
  /** A browse by id filters alone (code:, tag:, has: …) counts its matches exactly up to this many; past it the count is a lower bound. */
  idSetCountCap: number;
  /** …and pages by walking the date index when the expected walk is at most this many times the set's size, else sorts the set. */
  idSetWalkRatio: number;
  /** An Arabic-script word also matches at most this many of its indexed forms (with the article, proclitics, suffixes; arabic-stem.ts). */
  arabicForms: number;
  /** Relevance order over a huge set of words ranks this many best matches exactly (top-k.ts), then newest first; 0 turns this off. */
  rankedTop: number;
  /** …by FTS5 ranking every match when the query's words are in at most this many entries in all (also the most the words without a top list may add up to). */
  exactRankPostings: number;
  /** …else from the words' top lists, scoring at most about this many of their entries to prove the top. */
  topListCandidates: number;
  /** A text query whose filters all pick entries by id (code:, tag: …) gathers their set once when it holds at most this many entries (within-id-set.ts), else tests every match against the filters. */
  withinSetMax: number;
  /** …and checks each of the set's entries against the text (~40 µs each at 1M) when they are at most this many… */
  withinProbeMax: number;
  /** …and the text has at least this many postings per entry of the set (a scan passes ~10 postings a µs), else scans the text's matches. */
  withinProbePostings: number;
  /** …but text whose words are in at most this many entries in all (and no top list) tests its matches against the filters one by one instead of gathering the set. */
  withinTextFirst: number;
  /**
   * In relevance order, words within a set of at most this many entries are ranked by scoring
   * every entry of the set as FTS5 would (bm25-score.ts, ~20 µs an entry at 1M: a topic's 2,556
   * entries took 48 ms at p50): the exact order and count; past it, a word's best entries from its
   * top list, then newest first (said to be approximate). 0 turns this off.
   */
  withinScoreMax: number;
}

export const DEFAULT_THRESHOLDS: Readonly<SearchThresholds> = Object.freeze({
  candidates: 2_000,
  rankPostings: 150_000,
  countBudgetMs: 5,
  prefixWords: 256,
  facetExact: 100_000,
  facetSample: 4_000,
  dateWalkSlackMs: 5,
  dateWalkBatch: 32,
  dateWalkBatchMax: 512,
  idSetCountCap: 5_000,
  idSetWalkRatio: 4,
  arabicForms: 32,
  rankedTop: 50,
  exactRankPostings: 20_000,
  topListCandidates: 12_000,
  withinSetMax: 50_000,
  withinProbeMax: 300,
  withinProbePostings: 400,
  withinTextFirst: 5_000,
  withinScoreMax: 2_000,
});

/** The defaults with `overrides` applied; every value must be a positive number (a zero budget or slack is allowed). */
export function searchThresholds(overrides: Partial<SearchThresholds> = {}): SearchThresholds {
  const out = { ...DEFAULT_THRESHOLDS, ...overrides };
  for (const [name, value] of Object.entries(out)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new Error(`Search threshold ${name} must be a number of at least 0 (got ${String(value)}).`);
  }
  out.candidates = Math.max(1, Math.trunc(out.candidates));
  out.prefixWords = Math.max(1, Math.trunc(out.prefixWords));
  out.facetSample = Math.max(1, Math.trunc(out.facetSample));
  out.facetExact = Math.max(out.facetSample, Math.trunc(out.facetExact));
  out.dateWalkBatch = Math.max(1, Math.trunc(out.dateWalkBatch));
  out.idSetCountCap = Math.max(1, Math.trunc(out.idSetCountCap));
  out.arabicForms = Math.trunc(out.arabicForms);
  out.rankedTop = Math.trunc(out.rankedTop);
  out.topListCandidates = Math.max(1, Math.trunc(out.topListCandidates));
  out.withinSetMax = Math.trunc(out.withinSetMax);
  out.withinProbeMax = Math.trunc(out.withinProbeMax);
  out.withinTextFirst = Math.trunc(out.withinTextFirst);
  out.dateWalkBatchMax = Math.max(out.dateWalkBatch, Math.trunc(out.dateWalkBatchMax));
  return out;
}
