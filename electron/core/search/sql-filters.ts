// SQL conditions on `entries e` for field filters and facet selections. Values are always bound.
import type { FacetFilter } from '../../../shared/contract.ts';
import type { CodeResolver } from './code-ids.ts';
import { requestDay } from './query-dates.ts';
import type { HAS_VALUES, QueryNode } from './query-parser.ts';
import { languageCode } from '../../../shared/language-names.ts';

export interface SqlFilter {
  sql: string;
  params: unknown[];
  label: string;
  /** Set when the filter keeps exactly the entries dated in one of these day ranges (ISO, end exclusive). */
  dateRanges?: { from: string | null; toExclusive: string | null }[];
  /**
   * For a filter that is a set of entry ids (`sql` is `e.id IN (ids)`): the subquery giving them
   * (column `id`), to count them without scanning entries.
   */
  ids?: string;
  /**
   * The same test written for one entry at a time (correlated on e.id, the same parameters): a walk
   * down the date index checks the few entries it passes instead of first gathering the whole set.
   */
  probe?: string;
}

/** A filter that is a set of entry ids, with its per-entry form when it has one. */
const idSet = (ids: string, probe: string | null, params: unknown[], label: string): SqlFilter => ({ sql: `e.id IN (${ids})`, params, label, ids, ...(probe ? { probe } : {}) });

const like = (value: string) => `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const SOURCE_NAME = `e.id IN (SELECT es.entry_id FROM entry_sources es JOIN sources s ON s.id = es.source_id WHERE s.name LIKE ? ESCAPE '\\')`;
// Annotation filters see live rows only: deleted (trashed) codes, highlights, notes and
// collections keep their rows for undo but no longer match.
// Names typed in a query match as words do, ignoring case and diacritics in any script (quire_fold).
const TAG_NAME = 'e.id IN (SELECT et.entry_id FROM entry_tags et JOIN tags t ON t.id = et.tag_id WHERE quire_fold(t.name) = quire_fold(?))';

/** Live codes with their paths (names from the root joined by "/", a "/" inside a name written "\/"), as CodeTree.path gives them. */
export const CODE_PATHS = `code_paths(id, path) AS (
    SELECT id, replace(name, '/', '\\/') FROM codes
     WHERE deleted_at IS NULL AND (parent_id IS NULL OR parent_id NOT IN (SELECT id FROM codes WHERE deleted_at IS NULL))
    UNION ALL
    SELECT c.id, p.path || '/' || replace(c.name, '/', '\\/') FROM codes c JOIN code_paths p ON c.parent_id = p.id WHERE c.deleted_at IS NULL)`;

/** Live codes picked by `cond` on code_paths (path) or codes (c), with all their live sub-codes. */
const codeSubtree = (cond: string) => `WITH RECURSIVE ${CODE_PATHS},
      picked(id) AS (
        ${cond}
        UNION SELECT c.id FROM codes c JOIN picked p ON c.parent_id = p.id WHERE c.deleted_at IS NULL)
      SELECT id FROM picked`;

/**
 * Entries with a live highlight carrying one of these codes. Gathered, each highlight's entry is
 * read off the small index highlights_live_id_entry (migration 6), not its row: 3× faster for a
 * theme's 20,000 highlights, and the planner would not pick it by itself. Per entry, the entry's
 * live highlights (highlights_live_entry) and their code links.
 */
const withCodes = (codeIds: string, params: unknown[], label: string): SqlFilter =>
  idSet(
    `SELECT h.entry_id AS id FROM highlight_codes hc JOIN highlights h INDEXED BY highlights_live_id_entry ON h.id = hc.highlight_id
    WHERE h.deleted_at IS NULL AND hc.code_id IN (${codeIds})`,
    // `+hc.code_id`: a test on each of the entry's few links, not a seek per code of the subtree (a theme's 111).
    `EXISTS (SELECT 1 FROM highlights h JOIN highlight_codes hc ON hc.highlight_id = h.id WHERE h.entry_id = e.id AND h.deleted_at IS NULL AND +hc.code_id IN (${codeIds}))`,
    params,
    label,
  );

/** A code filter's ids resolved once (code-ids.ts), bound as one JSON array. */
const BOUND_CODES = 'SELECT value FROM json_each(?)';

/**
 * `code:NAME` or `code:Parent/Child`: that code (by name at any level, or by path) and all its
 * sub-codes. Worked out in SQL only for a plan made without a resolver (tests that build plans
 * by hand); SearchService binds the ids.
 */
const CODE_TREE = codeSubtree(`SELECT id FROM code_paths WHERE quire_fold(path) = quire_fold(?)
        UNION SELECT id FROM codes WHERE quire_fold(name) = quire_fold(?) AND deleted_at IS NULL`);

/** Entries in a live collection (its entry members: its highlights are listed with the highlights). */
const inCollections = (cond: string) =>
  `e.id IN (SELECT ce.entry_id FROM collection_entries ce JOIN collections c ON c.id = ce.collection_id WHERE c.deleted_at IS NULL AND ${cond})`;

const HAS: Record<Exclude<(typeof HAS_VALUES)[number], 'highlight'>, string> = {
  // An entry note, or a note on one of the entry's highlights.
  // (The highlight part is read off the partial index highlights_noted, whose condition it repeats.)
  note: `(e.id IN (SELECT n.entry_id FROM entry_notes n WHERE n.deleted_at IS NULL)
      OR e.id IN (SELECT h.entry_id FROM highlights h WHERE h.deleted_at IS NULL AND h.note IS NOT NULL AND trim(h.note) <> ''))`,
  tag: 'e.id IN (SELECT et.entry_id FROM entry_tags et)',
};

/**
 * Whether a filter looks at an entry only through its id (`e.id IN (...)`: sources, tags, codes,
 * collections, has:), so it can be tested on the index's rowid or on a covering index without
 * reading the entry's row.
 */
export function onlyById(filter: SqlFilter): boolean {
  return /\be\.id\b/.test(filter.sql) && !/\be\.(?!id\b)/.test(filter.sql) && !/\bentry_index\b/.test(filter.sql);
}

export function filterSql(node: Extract<QueryNode, { kind: 'filter' | 'date' }>, codes?: CodeResolver): SqlFilter {
  if (node.kind === 'date') {
    const parts: string[] = [];
    const params: unknown[] = [];
    if (node.from) {
      parts.push('e.date >= ?');
      params.push(node.from);
    }
    if (node.toExclusive) {
      parts.push('e.date < ?');
      params.push(node.toExclusive);
    }
    return { sql: parts.join(' AND '), params, label: node.label, dateRanges: [{ from: node.from, toExclusive: node.toExclusive }] };
  }
  switch (node.field) {
    case 'source':
      return { sql: SOURCE_NAME, params: [like(node.value)], label: `source:${node.value}` };
    case 'tag':
      return { sql: TAG_NAME, params: [node.value], label: `tag:${node.value}` };
    case 'code':
      if (codes) return withCodes(BOUND_CODES, [JSON.stringify(codes.named(node.value))], `code:${node.value}`);
      return withCodes(CODE_TREE, [node.value, node.value], `code:${node.value}`);
    case 'collection':
      return { sql: inCollections('quire_fold(c.name) = quire_fold(?)'), params: [node.value], label: `collection:${node.value}` };
    case 'has': {
      const what = node.value.toLowerCase() as (typeof HAS_VALUES)[number];
      // Both forms are served by the partial index highlights_live_entry, which holds only live highlights.
      if (what === 'highlight') return idSet('SELECT h.entry_id AS id FROM highlights h WHERE h.deleted_at IS NULL', 'EXISTS (SELECT 1 FROM highlights h WHERE h.entry_id = e.id AND h.deleted_at IS NULL)', [], 'has:highlight');
      return { sql: HAS[what], params: [], label: `has:${what}` };
    }
    case 'lang':
      // A code or the name the language facet shows (language-names.ts): `lang:fa`, `lang:Persian`.
      return { sql: 'e.language = ?', params: [languageCode(node.value)], label: `lang:${node.value}` };
  }
}

export type FacetName = keyof FacetFilter;

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** One facet's selections (OR within the facet). */
function facetSql(name: FacetName, values: readonly (string | number)[], codes?: CodeResolver): SqlFilter | null {
  if (values.length === 0) return null;
  const label = `${name}: ${values.join(' or ')}`;
  switch (name) {
    case 'outlet':
    case 'author':
    case 'language':
      return { sql: `e.${name} IN (${placeholders(values.length)})`, params: [...values], label };
    case 'source':
      return { sql: `e.id IN (SELECT entry_id FROM entry_sources WHERE source_id IN (${placeholders(values.length)}))`, params: [...values], label };
    case 'tag':
      return { sql: `e.id IN (SELECT et.entry_id FROM entry_tags et JOIN tags t ON t.id = et.tag_id WHERE t.name IN (${placeholders(values.length)}))`, params: [...values], label };
    case 'code':
      // A facet value is a code's path: the code and its sub-codes, as code: and the codebook's filter.
      if (codes) return withCodes(BOUND_CODES, [JSON.stringify(codes.underPaths(values.map(String)))], label);
      return withCodes(codeSubtree(`SELECT id FROM code_paths WHERE path IN (${placeholders(values.length)})`), [...values], label);
    case 'collection': {
      return { sql: inCollections(`c.name IN (${placeholders(values.length)})`), params: [...values], label };
    }
    case 'year':
    case 'month': {
      // Ranges on the indexed date column rather than substr(), so the index can serve them.
      const ranges = values.map((v) => requestDay(String(v), 'dateFrom'));
      return {
        sql: ranges.map(() => '(e.date >= ? AND e.date < ?)').join(' OR '),
        params: ranges.flatMap((r) => [r.start, r.endExclusive]),
        label,
        dateRanges: ranges.map((r) => ({ from: r.start, toExclusive: r.endExclusive })),
      };
    }
  }
}

/** Facet selections ANDed across facets (optionally leaving one facet out) plus the brushed date range. */
export function requestFilters(filters: FacetFilter | undefined, dateFrom: string | null | undefined, dateTo: string | null | undefined, skip?: FacetName, codes?: CodeResolver): SqlFilter[] {
  const out: SqlFilter[] = [];
  for (const [name, values] of Object.entries(filters ?? {}) as [FacetName, (string | number)[] | undefined][]) {
    if (name === skip || !values) continue;
    const f = facetSql(name, values, codes);
    if (f) out.push(f);
  }
  if (dateFrom || dateTo) {
    const from = dateFrom ? requestDay(dateFrom, 'dateFrom').start : null;
    const toExclusive = dateTo ? requestDay(dateTo, 'dateTo').endExclusive : null;
    const sql = [from ? 'e.date >= ?' : null, toExclusive ? 'e.date < ?' : null].filter(Boolean).join(' AND ');
    const label = [dateFrom ? `from ${dateFrom}` : null, dateTo ? `to ${dateTo}` : null].filter(Boolean).join(' ');
    out.push({ sql, params: [from, toExclusive].filter((p) => p !== null), label, dateRanges: [{ from, toExclusive }] });
  }
  return out;
}
