// The matching entries facets and the timeline count over, taken ONCE per plan: every match
// when there are at most SAMPLE of them, else a stratified sample. GROUP BY over a million-row
// FTS join took seconds; counting in JS over at most SAMPLE ids read by rowid stays bounded.
// Sample: the id range is cut into STRATA equal slices and the first SAMPLE/STRATA matches of each
// slice are taken (FTS5 seeks to a rowid range cheaply); each taken id stands for
// (slice width / id span it covered) matches, which makes counts and the total unbiased estimates
// as long as matches are spread evenly within a slice.
import { matchingFrom, type SearchPlan, type StatementCache } from './search-plan.ts';

export const SAMPLE = 4_000;
// Many thin slices: dumps are usually in date order, so a few wide slices made the timeline spiky.
const STRATA = 100;

export interface MatchSet {
  /** Entry id → how many matching entries it stands for (1 when exact). */
  weights: Map<number, number>;
  exact: boolean;
}

/** `sample` is a parameter so tests can reach the sampled path with a small archive. */
export function collectMatches(plan: SearchPlan, stmts: StatementCache, sample = SAMPLE): MatchSet {
  const weights = new Map<number, number>();
  if (plan.compiled.never) return { weights, exact: true };
  // Without SQL filters the index alone answers (no join to entries).
  const from = plan.compiled.match && plan.filters.length === 0 ? { sql: 'FROM entry_index WHERE entry_index MATCH ?', params: [plan.compiled.match] } : matchingFrom(plan);
  const where = from.sql.includes(' WHERE ') ? from.sql : `${from.sql} WHERE 1`;
  const idCol = plan.compiled.match ? 'entry_index.rowid' : 'e.id';
  const first = stmts.get(`SELECT ${idCol} AS id ${where} LIMIT ${sample + 1}`).all(...from.params) as { id: number }[];
  if (first.length <= sample) {
    for (const r of first) weights.set(r.id, 1);
    return { weights, exact: true };
  }
  const range = stmts.get('SELECT coalesce(min(id), 0) AS lo, coalesce(max(id), 0) AS hi FROM entries').get() as { lo: number; hi: number };
  const per = Math.ceil(sample / STRATA);
  const width = Math.ceil((range.hi - range.lo + 1) / STRATA);
  const slice = stmts.get(`SELECT ${idCol} AS id ${where} AND ${idCol} >= ? AND ${idCol} < ? ORDER BY ${idCol} LIMIT ${per}`);
  for (let lo = range.lo; lo <= range.hi; lo += width) {
    const hi = Math.min(lo + width, range.hi + 1);
    const ids = (slice.all(...from.params, lo, hi) as { id: number }[]).map((r) => r.id);
    const last = ids[ids.length - 1];
    // A slice with fewer matches than asked for was read whole: its ids stand for themselves.
    const weight = ids.length < per || last === undefined ? 1 : (hi - lo) / (last - lo + 1);
    for (const id of ids) weights.set(id, weight);
  }
  return { weights, exact: false };
}

/** Sum of weights, rounded: the number of matching entries (estimated when the set is a sample). */
export function totalOf(set: MatchSet): number {
  let n = 0;
  for (const w of set.weights.values()) n += w;
  return Math.round(n);
}

/** The set's ids as one JSON array, for `IN (SELECT value FROM json_each(?))`. */
export function idsJson(set: MatchSet): string {
  return JSON.stringify([...set.weights.keys()]);
}
