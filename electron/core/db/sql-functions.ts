// SQL functions every connection has. Kept deterministic so that indexes and triggers may use them.
import type Database from 'better-sqlite3';

export function registerSqlFunctions(db: Database.Database): void {
  void db; // search registers its folding functions here (see search/fold-text.ts)
}
