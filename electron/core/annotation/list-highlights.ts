// The annotations view's list: live highlights filtered, sorted and paged, with their entry's
// title, date, author and outlet. A highlight whose entry was deleted stays listed (an orphan,
// entryExists false) with the title from trash_entries.
//
// Filters (ANDed):
//  - codeId: the code and all its sub-codes (recursive CTE over live codes), served by
//    highlight_codes_code (code_id, highlight_id), so one code among 100,000 highlights stays fast.
//  - collectionId: a collection holds entries and highlights; filtering by it lists the highlights
//    added to it AND every highlight on an entry added to it (what a reader of that collection sees).
//  - tag: highlights on entries carrying the tag. outlet, author: exact values of the entry's.
//  - dateFrom/dateTo: the entry's date, read as the search's date filter reads them (a year or a
//    month covers all its days).
//  - text: every word appears in the quote or the note, case and diacritics folded as search folds.
//  - orphaned: the entry is gone or the passage could not be carried to a new version.
// Sort: 'created-desc' (the default: the newest work first), 'date-desc'/'date-asc' (entry date,
// undated last), 'entry' (by entry, then position in its text).
//
// How it stays fast with 100,000 highlights: the page's ids come first from a narrow query (the
// sort key and the filters, nothing else), then the page's rows with their entry fields by id.
//  - No filter, or a code alone: the total is counted first, cheaply (every highlight less the
//    trashed ones; a code's distinct highlights off highlight_codes_code less the trashed ones),
//    and the page is read off the partial indexes highlights_live_created / highlights_live_entry
//    in sort order with LIMIT (a large code probing each highlight's own codes; a small one looked
//    up and sorted). By entry date, the entries are walked in date order (entries_date) to the
//    page's last date, and only the highlights dated that or nearer are sorted (datedPage).
//  - Any other filter: the page query counts in the same pass (count(*) OVER), joining the entry
//    only when a filter or the sort needs its fields. A text filter folds every live highlight's
//    quote and note, and an orphan filter looks up every highlight's entry: their totals stay
//    exact and cost a pass over the highlights.
import type { HighlightList, HighlightListItem, HighlightQuery, TextDirection } from '../../../shared/contract.ts';
import type { Db } from '../db/open-archive.ts';
import { prepared } from '../db/prepared.ts';
import { foldPlain } from '../search/fold-text.ts';
import { requestDay } from '../search/query-dates.ts';
import { CodeTree } from './code-tree.ts';
import { HIGHLIGHT_COLUMNS, HighlightsRepo, type HighlightRow } from './highlights-repo.ts';

const ENTRY_DATE = 'coalesce(e.date, t.date)';

const ORDER: Record<NonNullable<HighlightQuery['sort']>, string> = {
  'created-desc': 'h.created_at DESC, h.id DESC',
  'date-desc': `${ENTRY_DATE} IS NULL, ${ENTRY_DATE} DESC, h.entry_id, h.start, h.id`,
  'date-asc': `${ENTRY_DATE} IS NULL, ${ENTRY_DATE} ASC, h.entry_id, h.start, h.id`,
  entry: 'h.entry_id, h.start, h.end, h.id',
};

/** The highlight (live or whose entry is gone) with its entry's fields, from the entry or its trash row. */
const ENTRY_JOIN = 'LEFT JOIN entries e ON e.id = h.entry_id LEFT JOIN trash_entries t ON e.id IS NULL AND t.id = h.entry_id';

/** A page's rows by id (the page query gave the ids in order). */
const ROWS = `SELECT ${HIGHLIGHT_COLUMNS}, coalesce(e.title, t.title, '') AS entryTitle, ${ENTRY_DATE} AS entryDate,
    coalesce(e.author, t.author) AS entryAuthor, coalesce(e.outlet, t.outlet) AS entryOutlet,
    coalesce(e.direction, t.direction, 'ltr') AS direction, e.id IS NOT NULL AS entryExists
  FROM highlights h ${ENTRY_JOIN} WHERE h.id IN (SELECT value FROM json_each(?))`;

type ListRow = HighlightRow & {
  entryTitle: string;
  entryDate: string | null;
  entryAuthor: string | null;
  entryOutlet: string | null;
  direction: TextDirection;
  entryExists: number;
};

/**
 * A code's set at least this large is paged by walking the sort's index and probing each
 * highlight's codes (a theme holding a fifth of the highlights fills a page within a few hundred);
 * a smaller one by looking its highlights up and sorting them.
 */
let walkFrom = 2000;

/** Sets the size from which a code's highlights are walked in order (tests compare both ways); returns the previous one. */
export function setWalkFrom(size: number): number {
  const previous = walkFrom;
  walkFrom = size;
  return previous;
}

/**
 * A sort by entry date walks the entries in date order (entries_date) until the page is covered
 * when that means visiting at most about this many entries (the page's size times entries per
 * matching highlight); otherwise every match's date is read and sorted.
 */
let datedWalkMax = 20_000;

/** Sets how many entries a sort by date may walk (0: never walk; tests compare both ways); returns the previous bound. */
export function setDatedWalkMax(entries: number): number {
  const previous = datedWalkMax;
  datedWalkMax = entries;
  return previous;
}

export function listHighlights(db: Db, q: HighlightQuery): HighlightList {
  const limit = q.limit ?? 100;
  const offset = q.offset ?? 0;
  const sort = q.sort ?? 'created-desc';
  const byDate = sort === 'date-desc' || sort === 'date-asc';
  let total: number | null = null;
  let walk = false;
  const first = listSql(q);
  if (first.countFirst) {
    // No filter or a code alone: the count is cheap and comes first, and picks how the page is read.
    total = count(db, first);
    walk = q.codeId !== undefined && total >= walkFrom;
  }
  let ids = byDate && total !== null && (q.codeId === undefined || walk) ? datedPage(db, q, total, limit, offset) : null;
  if (ids === null) {
    const sql = walk && !byDate ? listSql(q, true) : first;
    const rows = prepared(db, sql.page).all(...(sql.params as never[]), limit, offset) as { id: number; total?: number }[];
    // The total: counted already, or with the page (a filter that reads every highlight anyway), or
    // a short page ends the list; past the end, it is counted.
    total ??= rows[0]?.total ?? (rows.length < limit && (rows.length > 0 || offset === 0) ? offset + rows.length : count(db, sql));
    ids = rows.map((r) => r.id);
  }
  total ??= 0;
  if (ids.length === 0) return { total, items: [] };
  const byId = new Map((prepared(db, ROWS).all(JSON.stringify(ids)) as ListRow[]).map((r) => [r.id, r]));
  const items: HighlightListItem[] = new HighlightsRepo(db)
    .withCodes(
      ids.map((id) => byId.get(id)!),
      CodeTree.current(db),
    )
    .map((r) => ({ ...r, entryExists: r.entryExists === 1 }));
  return { total, items };
}

/**
 * A page by entry date for no filter or a code alone, without reading every match's date: the
 * entries are walked in date order (entries_date) to the date D of the page's last row, then only
 * the highlights of entries dated D or nearer (live, or in the trash) are sorted. The walk counts
 * highlights of live entries only; those of entries in the trash can only add rows dated D or
 * nearer, so the page still lies among them. Null when the walk would be long (few matches over
 * many entries) or the page reaches the undated.
 */
function datedPage(db: Db, q: HighlightQuery, total: number, limit: number, offset: number): number[] | null {
  if (offset + limit > total) return null;
  const { n: lastEntry } = prepared(db, 'SELECT coalesce(max(id), 0) AS n FROM entries').get() as { n: number };
  if (((offset + limit) * lastEntry) / Math.max(total, 1) > datedWalkMax) return null;
  const sql = listSql(q, true);
  if (!sql.dated) return null;
  const cut = prepared(db, sql.dated.cutoff).get(...(sql.params as never[]), offset + limit - 1) as { date: string } | undefined;
  if (!cut) return null;
  return (prepared(db, sql.dated.page).all(...(sql.params as never[]), cut.date, cut.date, limit, offset) as { id: number }[]).map((r) => r.id);
}

function count(db: Db, sql: { count: string; params: unknown[] }): number {
  return (prepared(db, sql.count).get(...(sql.params as never[])) as { total: number }).total;
}

/** A live code and all its live sub-codes. */
const CODE_SET = `WITH RECURSIVE sub(id) AS (SELECT id FROM codes WHERE id = ? AND deleted_at IS NULL
                                 UNION SELECT c.id FROM codes c JOIN sub ON c.parent_id = sub.id WHERE c.deleted_at IS NULL)
      SELECT id FROM sub`;

/**
 * The page (ids in order, then LIMIT and OFFSET) and count queries for a filter (exported so a test
 * can check their query plans). `walk`: the code filter probes each highlight's codes (for a page
 * read off the sort's index) rather than listing the code's highlights.
 */
export function listSql(
  q: HighlightQuery,
  walk = false,
): { page: string; count: string; params: unknown[]; countFirst: boolean; dated: { cutoff: string; page: string } | null } {
  const where: string[] = ['h.deleted_at IS NULL'];
  const params: unknown[] = [];
  // Set when a filter reads the entry's own fields (from entries, or trash_entries once it is deleted).
  let entryFields = false;
  if (q.codeId !== undefined) {
    where.push(
      walk
        ? // "+": the probe reads the highlight's own few links and checks each against the set (built
          // once), rather than probing the primary key once per code of the set.
          `EXISTS (SELECT 1 FROM highlight_codes hc WHERE hc.highlight_id = h.id AND +hc.code_id IN (${CODE_SET}))`
        : `h.id IN (SELECT hc.highlight_id FROM highlight_codes hc WHERE hc.code_id IN (${CODE_SET}))`,
    );
    params.push(q.codeId);
  }
  if (q.collectionId !== undefined) {
    where.push(`(h.id IN (SELECT highlight_id FROM collection_highlights WHERE collection_id = ?)
              OR h.entry_id IN (SELECT entry_id FROM collection_entries WHERE collection_id = ?))`);
    params.push(q.collectionId, q.collectionId);
  }
  if (q.tag !== undefined) {
    where.push('h.entry_id IN (SELECT et.entry_id FROM entry_tags et JOIN tags t ON t.id = et.tag_id WHERE t.name = ?)');
    params.push(q.tag);
  }
  if (q.outlet !== undefined) {
    where.push('coalesce(e.outlet, t.outlet) = ?');
    params.push(q.outlet);
    entryFields = true;
  }
  if (q.author !== undefined) {
    where.push('coalesce(e.author, t.author) = ?');
    params.push(q.author);
    entryFields = true;
  }
  if (q.dateFrom) {
    where.push(`${ENTRY_DATE} >= ?`);
    params.push(requestDay(q.dateFrom, 'dateFrom').start);
    entryFields = true;
  }
  if (q.dateTo) {
    where.push(`${ENTRY_DATE} < ?`);
    params.push(requestDay(q.dateTo, 'dateTo').endExclusive);
    entryFields = true;
  }
  for (const word of (q.text ? foldPlain(q.text.normalize('NFC')) : '').split(/\s+/).filter(Boolean)) {
    where.push("instr(quire_fold(h.exact || ' ' || coalesce(h.note, '')), ?) > 0");
    params.push(word);
  }
  if (q.orphaned) {
    where.push("(e.id IS NULL OR h.anchor = 'orphaned')");
    entryFields = true;
  }
  const sort = q.sort ?? 'created-desc';
  const byDate = sort === 'date-desc' || sort === 'date-asc';
  const cond = `WHERE ${where.join(' AND ')}`;
  // A code alone is counted off highlight_codes_code: its distinct highlights less the trashed ones
  // (highlights_trashed is small), without reading a highlight row; with no filter, every highlight
  // (count(*) reads an index's pages, not its rows) less the trashed ones.
  // With any other filter the page query counts in the same pass (count(*) OVER): it reads every
  // match to order them, or the count would read them all anyway.
  const codeOnly = q.codeId !== undefined && where.length === 2;
  const countFirst = codeOnly || where.length === 1;
  return {
    page: `SELECT h.id${countFirst ? '' : ', count(*) OVER () AS total'} FROM highlights h ${entryFields || byDate ? `${ENTRY_JOIN} ` : ''}${cond} ORDER BY ${ORDER[sort]} LIMIT ? OFFSET ?`,
    count: codeOnly
      ? `SELECT count(*) AS total FROM (SELECT DISTINCT hc.highlight_id AS id FROM highlight_codes hc WHERE hc.code_id IN (${CODE_SET}))
          WHERE id NOT IN (SELECT id FROM highlights WHERE deleted_at IS NOT NULL)`
      : where.length === 1
        ? 'SELECT (SELECT count(*) FROM highlights) - (SELECT count(*) FROM highlights WHERE deleted_at IS NOT NULL) AS total'
        : `SELECT count(*) AS total FROM highlights h ${entryFields ? `${ENTRY_JOIN} ` : ''}${cond}`,
    countFirst,
    dated:
      countFirst && byDate
        ? {
            cutoff: `SELECT d.date FROM entries d CROSS JOIN highlights h ON h.entry_id = d.id ${cond} AND d.date IS NOT NULL
                      ORDER BY d.date ${sort === 'date-desc' ? 'DESC' : 'ASC'} LIMIT 1 OFFSET ?`,
            page: `SELECT h.id FROM highlights h ${ENTRY_JOIN} ${cond}
                     AND (h.entry_id IN (SELECT id FROM entries WHERE date ${sort === 'date-desc' ? '>=' : '<='} ?)
                          OR h.entry_id IN (SELECT id FROM trash_entries WHERE date ${sort === 'date-desc' ? '>=' : '<='} ?))
                   ORDER BY ${ORDER[sort]} LIMIT ? OFFSET ?`,
          }
        : null,
    params,
  };
}
