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
import type { HighlightList, HighlightListItem, HighlightQuery, TextDirection } from '../../../shared/contract.ts';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open-archive.ts';
import { foldPlain } from '../search/fold-text.ts';
import { requestDay } from '../search/query-dates.ts';
import { CodeTree } from './code-tree.ts';
import { HIGHLIGHT_COLUMNS, HighlightsRepo, type HighlightRow } from './highlights-repo.ts';

const ORDER: Record<NonNullable<HighlightQuery['sort']>, string> = {
  'created-desc': 'h.created_at DESC, h.id DESC',
  'date-desc': 'entryDate IS NULL, entryDate DESC, h.entry_id, h.start, h.id',
  'date-asc': 'entryDate IS NULL, entryDate ASC, h.entry_id, h.start, h.id',
  entry: 'h.entry_id, h.start, h.end, h.id',
};

export function listHighlights(db: Db, q: HighlightQuery): HighlightList {
  const { page, count, params } = listSql(q);
  const rows = statement(db, page).all(...(params as never[]), q.limit ?? 100, q.offset ?? 0) as (HighlightRow & {
    entryTitle: string;
    entryDate: string | null;
    entryAuthor: string | null;
    entryOutlet: string | null;
    direction: TextDirection;
    entryExists: number;
    total: number;
  })[];
  // The total comes with the page (one pass); a page past the end asks for it separately.
  const total = rows[0]?.total ?? (statement(db, count).get(...(params as never[])) as { total: number }).total;
  const items: HighlightListItem[] = new HighlightsRepo(db)
    .withCodes(rows, new CodeTree(db))
    .map(({ total: _total, ...r }) => ({ ...r, entryExists: r.entryExists === 1 }));
  return { total, items };
}

/** The page and count queries for a filter (exported so a test can check their query plans). */
export function listSql(q: HighlightQuery): { page: string; count: string; params: unknown[] } {
  const where: string[] = ['h.deleted_at IS NULL'];
  const params: unknown[] = [];
  if (q.codeId !== undefined) {
    where.push(`h.id IN (SELECT hc.highlight_id FROM highlight_codes hc WHERE hc.code_id IN (
      WITH RECURSIVE sub(id) AS (SELECT id FROM codes WHERE id = ? AND deleted_at IS NULL
                                 UNION SELECT c.id FROM codes c JOIN sub ON c.parent_id = sub.id WHERE c.deleted_at IS NULL)
      SELECT id FROM sub))`);
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
  }
  if (q.author !== undefined) {
    where.push('coalesce(e.author, t.author) = ?');
    params.push(q.author);
  }
  if (q.dateFrom) {
    where.push('coalesce(e.date, t.date) >= ?');
    params.push(requestDay(q.dateFrom, 'dateFrom').start);
  }
  if (q.dateTo) {
    where.push('coalesce(e.date, t.date) < ?');
    params.push(requestDay(q.dateTo, 'dateTo').endExclusive);
  }
  for (const word of (q.text ? foldPlain(q.text.normalize('NFC')) : '').split(/\s+/).filter(Boolean)) {
    where.push("instr(quire_fold(h.exact || ' ' || coalesce(h.note, '')), ?) > 0");
    params.push(word);
  }
  if (q.orphaned) where.push("(e.id IS NULL OR h.anchor = 'orphaned')");

  const from = `FROM highlights h LEFT JOIN entries e ON e.id = h.entry_id LEFT JOIN trash_entries t ON e.id IS NULL AND t.id = h.entry_id
    WHERE ${where.join(' AND ')}`;
  return {
    page: `SELECT ${HIGHLIGHT_COLUMNS}, coalesce(e.title, t.title, '') AS entryTitle, coalesce(e.date, t.date) AS entryDate,
            coalesce(e.author, t.author) AS entryAuthor, coalesce(e.outlet, t.outlet) AS entryOutlet,
            coalesce(e.direction, t.direction, 'ltr') AS direction, e.id IS NOT NULL AS entryExists, count(*) OVER () AS total
     ${from} ORDER BY ${ORDER[q.sort ?? 'created-desc']} LIMIT ? OFFSET ?`,
    count: `SELECT count(*) AS total ${from}`,
    params,
  };
}

const statements = new WeakMap<Db, Map<string, Statement>>();

/** The list's few query shapes, prepared once per connection. */
function statement(db: Db, sql: string): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) {
    if (cache.size >= 64) cache.clear(); // text filters of many words make many shapes
    cache.set(sql, (stmt = db.prepare(sql)));
  }
  return stmt;
}
