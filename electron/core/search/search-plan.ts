// A request made ready to run: the parsed and compiled query, the SQL filters, and the SQL
// fragment for "entries matching it", shared by search, facets, timeline and saved searches.
import type { Statement } from 'better-sqlite3';
import type { SearchRequest } from '../../../shared/contract.ts';
import { QuireError } from '../../../shared/errors.ts';
import type { Db } from '../db/open-archive.ts';
import type { AliasLookup } from './alias-groups.ts';
import type { CodeResolver } from './code-ids.ts';
import { compileQuery, type CompiledQuery } from './compile-query.ts';
import { dateCover, dateCoverMatch } from './date-tokens.ts';
import type { SearchStats } from './search-stats.ts';
import { DEFAULT_THRESHOLDS } from './search-thresholds.ts';
import { parseQuery } from './query-parser.ts';
import { onlyById, requestFilters, type FacetName, type SqlFilter } from './sql-filters.ts';
import type { Vocabulary } from './vocabulary.ts';

export interface SearchPlan {
  compiled: CompiledQuery;
  filters: SqlFilter[];
}

export interface PlanContext {
  aliases: AliasLookup;
  vocab: Vocabulary;
  stats: SearchStats;
  /** The archive's earliest and latest entry dates (to bound before:/after: ranges). */
  dateBounds(): { min: string | null; max: string | null };
  /** A prefix stands for its words when they are at most this many (SearchThresholds.prefixWords; its default when left out). */
  prefixWords?: number;
  /** How many indexed forms an Arabic-script word may match besides itself (SearchThresholds.arabicForms; its default when left out). */
  arabicForms?: number;
  /** Resolves code: filters and code facet selections to ids bound to the statements (code-ids.ts); without it the SQL resolves them in every statement. */
  codes?: CodeResolver;
}

export function makePlan(req: SearchRequest, ctx: PlanContext, skipFacet?: FacetName): SearchPlan {
  const { aliases, vocab, stats } = ctx;
  const compiled = compileQuery(parseQuery(req.query ?? ''), {
    alias: (key) => aliases.get(key),
    longestAlias: aliases.longest,
    transliterate: (token) => (req.transliteration ? vocab.similar(token) : null),
    substring: (piece) => vocab.containing(piece),
    arabicForms: (token) => vocab.arabicForms(token, ctx.arabicForms ?? DEFAULT_THRESHOLDS.arabicForms),
    prefixWords: (piece) => {
      const max = ctx.prefixWords ?? DEFAULT_THRESHOLDS.prefixWords;
      const words = stats.wordsStartingWith(piece, max);
      return words && words.length <= max ? words : null;
    },
    ...(ctx.codes ? { codes: ctx.codes } : {}),
  });
  const filters = [...compiled.filters, ...requestFilters(req.filters, req.dateFrom, req.dateTo, skipFacet, ctx.codes)];
  if (compiled.exclude) filters.push({ sql: 'e.id NOT IN (SELECT rowid FROM entry_index WHERE entry_index MATCH ?)', params: [compiled.exclude], label: 'exclusions' });
  if (compiled.match) addDateWords(compiled, filters, ctx);
  return { compiled, filters };
}

/**
 * Date filters on a text query also become index words (the SQL condition stays and keeps the
 * result exact): the index then intersects the word's postings with the dates' postings instead
 * of every match being checked against the date column.
 */
function addDateWords(compiled: CompiledQuery, filters: SqlFilter[], ctx: PlanContext): void {
  let bounds: { min: string | null; max: string | null } | null = null;
  for (const f of filters) {
    if (!f.dateRanges) continue;
    const words: string[] = [];
    for (const r of f.dateRanges) {
      let start = r.from;
      let end = r.toExclusive;
      if (start === null || end === null) {
        // Open ends are closed at the archive's own first and last dates.
        bounds ??= ctx.dateBounds();
        if (!bounds.min || !bounds.max) return;
        start ??= bounds.min.slice(0, 10);
        end ??= nextDay(bounds.max.slice(0, 10));
      }
      const cover = dateCover(start, end);
      if (!cover) return; // too wide to help: the SQL condition alone does it
      words.push(...cover);
    }
    if (words.length === 0) {
      compiled.never = true;
      return;
    }
    compiled.match = `(${compiled.match}) AND ${dateCoverMatch(words)}`;
    // Date words are not query words: no tree stands for this match any more.
    compiled.tree = null;
    compiled.words = null;
  }
}

const nextDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** `FROM ... WHERE ...` selecting matching entries as `e`, plus its parameters. */
export function matchingFrom(plan: SearchPlan, extra: SqlFilter[] = [], joins = ''): { sql: string; params: unknown[] } {
  const filters = [...plan.filters, ...extra];
  const conds = filters.map((f) => `(${f.sql})`);
  const params = filters.flatMap((f) => f.params);
  if (plan.compiled.match) {
    return {
      sql: `FROM entry_index JOIN entries e ON e.id = entry_index.rowid${joins} WHERE entry_index MATCH ?${conds.map((c) => ` AND ${c}`).join('')}`,
      params: [plan.compiled.match, ...params],
    };
  }
  return { sql: `FROM entries e${joins}${conds.length > 0 ? ` WHERE ${conds.join(' AND ')}` : ''}`, params };
}

/**
 * For a text query whose filters all look at entries only by id (codes, tags, collections,
 * sources, has:): `FROM entry_index WHERE ...` testing them on the index's rowid, with no join to
 * `entries` (which reads every match's row: 5 s for a code with a word in 600,000 entries). The
 * rowid test is written `+rowid` so SQLite keeps it a filter instead of handing FTS5 rowid
 * lookups (which it answers wrongly for bound values on this contentless table). Null otherwise.
 */
export function indexOnlyFrom(plan: SearchPlan): { sql: string; params: unknown[] } | null {
  if (!plan.compiled.match || plan.filters.length === 0 || !plan.filters.every(onlyById)) return null;
  const conds = plan.filters.map((f) => ` AND (${f.sql.replace(/\be\.id\b/g, '+entry_index.rowid')})`).join('');
  return { sql: `FROM entry_index WHERE entry_index MATCH ?${conds}`, params: [plan.compiled.match, ...plan.filters.flatMap((f) => f.params)] };
}

/** For a browse (no text) whose filters all look at entries only by id: whether `INDEXED BY` can pick its index. */
export function browseById(plan: SearchPlan): boolean {
  return !plan.compiled.match && plan.filters.length > 0 && plan.filters.every(onlyById);
}

/**
 * The lowest and highest entry ids (0 and 0 when there are none). Two subqueries: min and max
 * together in one query scan the whole table instead of seeking each end.
 */
export function idBounds(stmts: StatementCache): { lo: number; hi: number } {
  return stmts.get('SELECT coalesce((SELECT min(id) FROM entries), 0) AS lo, coalesce((SELECT max(id) FROM entries), 0) AS hi').get() as { lo: number; hi: number };
}

/** `FROM entries e ...` told to use one of the entries' indexes (the planner would read rows instead). */
export const indexedBy = (from: { sql: string; params: unknown[] }, index: 'entries_date' | 'entries_id_date') => ({
  sql: from.sql.replace(/^FROM entries e\b/, `FROM entries e INDEXED BY ${index}`),
  params: from.params,
});

/**
 * The entries a plan matches, as cheaply as they can be listed by id: the index alone for a text
 * query (with id filters tested on its rowid), the id-date index for a browse by id filters, else
 * the general join. Selects `entry_index.rowid` when the plan has text, else `e.id`.
 */
export function idsFrom(plan: SearchPlan): { sql: string; params: unknown[]; idCol: string } {
  const idCol = plan.compiled.match ? 'entry_index.rowid' : 'e.id';
  if (plan.compiled.match && plan.filters.length === 0) return { sql: 'FROM entry_index WHERE entry_index MATCH ?', params: [plan.compiled.match], idCol };
  const from = indexOnlyFrom(plan) ?? (browseById(plan) ? indexedBy(matchingFrom(plan), 'entries_id_date') : matchingFrom(plan));
  return { ...from, idCol };
}

export type Stmt = Statement<unknown[], unknown>;

/** Prepared statements keyed by their text (the text varies only with the shape of the query). */
export class StatementCache {
  private readonly db: Db;
  private readonly cache = new Map<string, Stmt>();
  constructor(db: Db) {
    this.db = db;
  }
  /**
   * While set (a search that a newer one may replace), checked before every statement and by
   * long loops through `check()`: true stops the search with code 'cancelled'.
   */
  interrupt: (() => boolean) | null = null;
  check(): void {
    if (this.interrupt?.()) throw new QuireError('cancelled', 'A newer search replaced this one.');
  }
  /** A statement used once (its text holds literal values): prepared, never cached. */
  once(sql: string): Stmt {
    this.check();
    return this.db.prepare<unknown[], unknown>(sql);
  }
  get(sql: string): Stmt {
    this.check();
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare<unknown[], unknown>(sql);
      if (this.cache.size > 200) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }
}
