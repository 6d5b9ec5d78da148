// Facet counts and the month histogram for the current query and filters. Each facet is counted
// with every filter but its own, so the other values of a facet stay visible to OR them in.
import type { FacetCount, FacetsResult, TimelineResult } from '../../../shared/contract.ts';
import type { FacetName } from './sql-filters.ts';
import { matchingFrom, type SearchPlan, type StatementCache } from './search-plan.ts';

const FACET_LIMIT = 100;

interface FacetSql {
  select: string;
  joins?: string;
  where: string;
  group: string;
}

const FACET_SQL: Record<FacetName, FacetSql> = {
  outlet: { select: 'e.outlet AS value, e.outlet AS label, count(*) AS count', where: 'e.outlet IS NOT NULL', group: 'e.outlet' },
  author: { select: 'e.author AS value, e.author AS label, count(*) AS count', where: 'e.author IS NOT NULL', group: 'e.author' },
  language: { select: 'e.language AS value, e.language AS label, count(*) AS count', where: 'e.language IS NOT NULL', group: 'e.language' },
  year: { select: 'substr(e.date, 1, 4) AS value, substr(e.date, 1, 4) AS label, count(*) AS count', where: 'e.date IS NOT NULL', group: '1' },
  month: { select: 'substr(e.date, 1, 7) AS value, substr(e.date, 1, 7) AS label, count(*) AS count', where: 'e.date IS NOT NULL', group: '1' },
  source: {
    select: 'CAST(es.source_id AS TEXT) AS value, (SELECT name FROM sources WHERE id = es.source_id) AS label, count(DISTINCT e.id) AS count',
    joins: ' JOIN entry_sources es ON es.entry_id = e.id',
    where: '1',
    group: 'es.source_id',
  },
  tag: { select: 't.name AS value, t.name AS label, count(*) AS count', joins: ' JOIN entry_tags et ON et.entry_id = e.id JOIN tags t ON t.id = et.tag_id', where: '1', group: 't.id' },
  code: {
    select: 'c.name AS value, c.name AS label, count(DISTINCT e.id) AS count',
    joins: ' JOIN highlights h ON h.entry_id = e.id JOIN highlight_codes hc ON hc.highlight_id = h.id JOIN codes c ON c.id = hc.code_id',
    where: '1',
    group: 'c.id',
  },
};

const FACETS: FacetName[] = ['outlet', 'author', 'source', 'language', 'year', 'month', 'tag', 'code'];

/** `planFor(facet)` gives the plan with that facet's own selection left out. */
export function countFacets(planFor: (skip: FacetName) => SearchPlan, stmts: StatementCache): FacetsResult {
  const out = {} as FacetsResult;
  for (const facet of FACETS) {
    const plan = planFor(facet);
    if (plan.compiled.never) {
      out[facet] = [];
      continue;
    }
    const f = FACET_SQL[facet];
    const from = withWhere(matchingFrom(plan, [], f.joins));
    const order = facet === 'year' || facet === 'month' ? 'value DESC' : 'count DESC, value';
    const sql = `SELECT ${f.select} ${from.sql} AND ${f.where} GROUP BY ${f.group} ORDER BY ${order} LIMIT ${FACET_LIMIT}`;
    out[facet] = stmts.get(sql).all(...from.params) as FacetCount[];
  }
  return out;
}

export function countTimeline(plan: SearchPlan, stmts: StatementCache): TimelineResult {
  if (plan.compiled.never) return { buckets: [], undated: 0 };
  const from = withWhere(matchingFrom(plan));
  const rows = stmts
    .get(`SELECT substr(e.date, 1, 7) AS month, count(*) AS count ${from.sql} AND e.date IS NOT NULL GROUP BY 1 ORDER BY 1`)
    .all(...from.params) as { month: string; count: number }[];
  const undated = (stmts.get(`SELECT count(*) AS n ${from.sql} AND e.date IS NULL`).get(...from.params) as { n: number }).n;
  return { buckets: rows.filter((r) => /^\d{4}-\d{2}$/.test(r.month)), undated };
}

/** Makes sure the fragment has a WHERE so that facet SQL can append `AND ...`. */
function withWhere(from: { sql: string; params: unknown[] }): { sql: string; params: unknown[] } {
  return from.sql.includes(' WHERE ') ? from : { sql: `${from.sql} WHERE 1`, params: from.params };
}
