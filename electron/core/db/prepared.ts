// Statements prepared once per connection and kept: preparing one costs about as much as running
// the small lookups a save or a list page makes, so repeated calls reuse them. Only for statement
// texts drawn from a small fixed set (SQL with literal values in it goes through db.prepare).
// Callers use get/all/run only: an iterate() left open would make a shared statement busy.
import type { Statement } from 'better-sqlite3';
import type { Db } from './open-archive.ts';

const caches = new WeakMap<Db, Map<string, Statement>>();

/** The statement for `sql` on this connection, prepared on first use. */
export function prepared(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) {
    // A bound against texts that vary more than expected (a text filter of many words makes many shapes).
    if (cache.size >= 500) cache.clear();
    cache.set(sql, (stmt = db.prepare(sql)));
  }
  return stmt;
}
