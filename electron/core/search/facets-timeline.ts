// Facet counts and the month histogram for the current query and filters. Each facet is counted
// with every filter but its own, so the other values of a facet stay visible to OR them in.
// The matching entries are taken once per distinct plan (match-sample.ts) and counted in JS:
// exact up to the facetExact threshold (100,000 matches by default), estimated from a systematic sample of facetSample (4,000) above (`approximate: true`).
// Each list stops at FACET_LIMIT values so the answer after every search stays small; a facet
// with more says how many (`distinct`), and countFacetValues gives its whole list, counted over
// the same set (the set is cached), so its first FACET_LIMIT values are the short list's.
import type { FacetCount, FacetsResult, FacetValues, TimelineResult } from '../../../shared/contract.ts';
import { collectMatches, idsJson, type MatchSet } from './match-sample.ts';
import type { SearchPlan, StatementCache } from './search-plan.ts';
import type { CodeIds } from './code-ids.ts';
import type { FacetName } from './sql-filters.ts';

const FACET_LIMIT = 100;
const FACETS: FacetName[] = ['outlet', 'author', 'source', 'language', 'year', 'month', 'tag', 'code', 'collection'];
const IN_SET = 'IN (SELECT value FROM json_each(?))';

// Off an index of these fields by id (migration 8), not the entry rows, where they sit after the body.
const ROW_SQL = `SELECT e.id, e.outlet, e.author, e.language, e.date FROM entries e INDEXED BY entries_facet_fields WHERE e.id ${IN_SET}`;
const PAIR_SQL: Partial<Record<FacetName, string>> = {
  source: `SELECT es.entry_id AS id, CAST(es.source_id AS TEXT) AS value FROM entry_sources es WHERE es.entry_id ${IN_SET}`,
  tag: `SELECT et.entry_id AS id, t.name AS value FROM entry_tags et JOIN tags t ON t.id = et.tag_id WHERE et.entry_id ${IN_SET}`,
  // Live highlights only; each code id becomes its values in countOne (CodeIds.facetPaths: live
  // codes only, a code's value is its path, as names are unique only among siblings, and an entry
  // counts for the code and each of its ancestors: selecting a code keeps its sub-codes' entries
  // too, as code: does).
  // Off the partial index of live highlights by entry (migration 4), not the highlight rows, where
  // the planner went for deleted_at: 110 -> 48 ms of CPU for a theme's 5,900 links at 1M.
  code: `SELECT h.entry_id AS id, hc.code_id AS code FROM highlights h INDEXED BY highlights_live_entry JOIN highlight_codes hc ON hc.highlight_id = h.id
           WHERE h.deleted_at IS NULL AND h.entry_id ${IN_SET}`,
  collection: `SELECT ce.entry_id AS id, c.name AS value FROM collection_entries ce JOIN collections c ON c.id = ce.collection_id
                WHERE c.deleted_at IS NULL AND ce.entry_id ${IN_SET}`,
};

const EXISTS_SQL: Partial<Record<FacetName, string>> = {
  source: 'SELECT 1 FROM entry_sources LIMIT 1',
  tag: 'SELECT 1 FROM entry_tags LIMIT 1',
  code: 'SELECT 1 FROM highlight_codes LIMIT 1',
  collection: 'SELECT 1 FROM collection_entries LIMIT 1',
};

interface EntryRow {
  id: number;
  outlet: string | null;
  author: string | null;
  language: string | null;
  date: string | null;
}

/**
 * Weighted counts per value. An entry row gives each of its facets one value; pairs (sources,
 * tags, codes and their ancestors) may give an entry the same value twice, and it counts once.
 */
class Tally {
  private readonly sums = new Map<string, number>();
  /** The entries counted per value (a set of numbers: a string key per pair cost more than the pairs' SQL). */
  private readonly seen: Map<string, Set<number>> | null;
  constructor(pairs: boolean) {
    this.seen = pairs ? new Map() : null;
  }
  add(value: string | null, id: number, weight: number): void {
    if (value === null || value === '') return;
    if (this.seen) {
      const ids = this.seen.get(value);
      if (!ids) this.seen.set(value, new Set([id]));
      else if (ids.has(id)) return;
      else ids.add(id);
    }
    this.sums.set(value, (this.sums.get(value) ?? 0) + weight);
  }
  /** Every value, sorted; the caller cuts the list. */
  counts(byValue: boolean): FacetCount[] {
    const out = [...this.sums].map(([value, n]) => ({ value, label: value, count: Math.max(1, Math.round(n)) }));
    out.sort(byValue ? (a, b) => (a.value < b.value ? 1 : a.value > b.value ? -1 : 0) : (a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    return out;
  }
}

/** `planFor(facet)` gives the plan with that facet's own selection left out; `selected` lists facets with a selection. */
export function countFacets(planFor: (skip?: FacetName) => SearchPlan, selected: ReadonlySet<FacetName>, stmts: StatementCache, codes: CodeIds, sample?: number, exactUpTo?: number): FacetsResult {
  const out = {} as FacetsResult;
  const distinct: NonNullable<FacetsResult['distinct']> = {};
  let approximate = false;
  // Facets without a selection of their own share the full plan's set.
  let shared: { set: MatchSet; rows: EntryRow[] } | null = null;
  for (const facet of FACETS) {
    let data: { set: MatchSet; rows: EntryRow[] };
    if (selected.has(facet)) data = load(collectMatches(planFor(facet), stmts, sample, exactUpTo), stmts);
    else data = shared ??= load(collectMatches(planFor(), stmts, sample, exactUpTo), stmts);
    if (!data.set.exact) approximate = true;
    const all = countOne(facet, data, stmts, codes);
    if (all.length > FACET_LIMIT) distinct[facet] = all.length;
    out[facet] = labelled(facet, all.slice(0, FACET_LIMIT), stmts);
  }
  if (approximate) out.approximate = true;
  if (Object.keys(distinct).length > 0) out.distinct = distinct;
  return out;
}

/** One facet's whole list, counted as countFacets counts it (with every selection but its own). */
export function countFacetValues(facet: FacetName, planFor: (skip?: FacetName) => SearchPlan, selected: ReadonlySet<FacetName>, stmts: StatementCache, codes: CodeIds, sample?: number, exactUpTo?: number): FacetValues {
  const data = load(collectMatches(selected.has(facet) ? planFor(facet) : planFor(), stmts, sample, exactUpTo), stmts);
  const out: FacetValues = { values: labelled(facet, countOne(facet, data, stmts, codes), stmts) };
  if (!data.set.exact) out.approximate = true;
  return out;
}

/**
 * The last set's entry rows, per connection: the UI asks for the facets and the timeline of the
 * same search one after the other, and both read the same rows (56 ms of CPU for a theme's 2,300
 * entries at 1M). Only the last, so at most one set's rows are held. A set is never reused after
 * a write (match-sample.ts), so its rows are never stale.
 */
const lastRows = new WeakMap<StatementCache, { set: MatchSet; rows: EntryRow[] }>();

function load(set: MatchSet, stmts: StatementCache): { set: MatchSet; rows: EntryRow[] } {
  const last = lastRows.get(stmts);
  if (last?.set === set) return last;
  const rows = set.weights.size === 0 ? [] : (stmts.get(ROW_SQL).all(idsJson(set)) as EntryRow[]);
  lastRows.set(stmts, { set, rows });
  return { set, rows };
}

function countOne(facet: FacetName, { set, rows }: { set: MatchSet; rows: EntryRow[] }, stmts: StatementCache, codes: CodeIds): FacetCount[] {
  const pairSql = PAIR_SQL[facet];
  const tally = new Tally(pairSql !== undefined);
  if (pairSql) {
    // Tags and codes are often unused: an empty table costs one probe, not one per id.
    if (set.weights.size === 0 || !stmts.get(EXISTS_SQL[facet] ?? 'SELECT 1').get()) return [];
    const pairs = stmts.get(pairSql).all(idsJson(set));
    if (facet === 'code') {
      const paths = codes.facetPaths();
      for (const p of pairs as { id: number; code: number }[]) {
        const w = set.weights.get(p.id) ?? 1;
        // A trashed code has no paths: its links count for nothing.
        for (const path of paths.get(p.code) ?? []) tally.add(path, p.id, w);
      }
    } else for (const p of pairs as { id: number; value: string }[]) tally.add(p.value, p.id, set.weights.get(p.id) ?? 1);
  } else {
    for (const r of rows) {
      const w = set.weights.get(r.id) ?? 1;
      if (facet === 'year') tally.add(r.date?.slice(0, 4) ?? null, r.id, w);
      else if (facet === 'month') tally.add(r.date?.slice(0, 7) ?? null, r.id, w);
      else tally.add(r[facet as 'outlet' | 'author' | 'language'], r.id, w);
    }
  }
  return tally.counts(facet === 'year' || facet === 'month');
}

/** Sources are counted by id and shown by name: looked up only for the values returned. */
function labelled(facet: FacetName, counts: FacetCount[], stmts: StatementCache): FacetCount[] {
  if (facet === 'source') {
    const name = stmts.get('SELECT name FROM sources WHERE id = ?');
    for (const c of counts) c.label = (name.get(Number(c.value)) as { name: string } | undefined)?.name ?? c.value;
  }
  return counts;
}

export function countTimeline(plan: SearchPlan, stmts: StatementCache, sample?: number, exactUpTo?: number): TimelineResult {
  const { set, rows } = load(collectMatches(plan, stmts, sample, exactUpTo), stmts);
  const months = new Map<string, number>();
  let undated = 0;
  for (const r of rows) {
    const w = set.weights.get(r.id) ?? 1;
    if (r.date === null) undated += w;
    else {
      const month = r.date.slice(0, 7);
      if (/^\d{4}-\d{2}$/.test(month)) months.set(month, (months.get(month) ?? 0) + w);
    }
  }
  const buckets = [...months].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([month, n]) => ({ month, count: Math.max(1, Math.round(n)) }));
  const out: TimelineResult = { buckets, undated: Math.round(undated) };
  if (!set.exact) out.approximate = true;
  return out;
}
