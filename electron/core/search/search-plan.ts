// A request made ready to run: the parsed and compiled query, the SQL filters, and the SQL
// fragment for "entries matching it", shared by search, facets, timeline and saved searches.
import type { Statement } from 'better-sqlite3';
import type { SearchRequest } from '../../../shared/contract.ts';
import type { Db } from '../db/open-archive.ts';
import type { AliasLookup } from './alias-groups.ts';
import { compileQuery, type CompiledQuery } from './compile-query.ts';
import { parseQuery } from './query-parser.ts';
import { requestFilters, type FacetName, type SqlFilter } from './sql-filters.ts';
import type { Vocabulary } from './vocabulary.ts';

export interface SearchPlan {
  compiled: CompiledQuery;
  filters: SqlFilter[];
}

export function makePlan(req: SearchRequest, aliases: AliasLookup, vocab: Vocabulary, skipFacet?: FacetName): SearchPlan {
  const compiled = compileQuery(parseQuery(req.query ?? ''), {
    alias: (key) => aliases.get(key),
    longestAlias: aliases.longest,
    transliterate: (token) => (req.transliteration ? vocab.similar(token) : null),
    substring: (piece) => vocab.containing(piece),
  });
  const filters = [...compiled.filters, ...requestFilters(req.filters, req.dateFrom, req.dateTo, skipFacet)];
  if (compiled.exclude) filters.push({ sql: 'e.id NOT IN (SELECT rowid FROM entry_index WHERE entry_index MATCH ?)', params: [compiled.exclude], label: 'exclusions' });
  return { compiled, filters };
}

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

export type Stmt = Statement<unknown[], unknown>;

/** Prepared statements keyed by their text (the text varies only with the shape of the query). */
export class StatementCache {
  private readonly db: Db;
  private readonly cache = new Map<string, Stmt>();
  constructor(db: Db) {
    this.db = db;
  }
  get(sql: string): Stmt {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare<unknown[], unknown>(sql);
      if (this.cache.size > 200) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }
}
