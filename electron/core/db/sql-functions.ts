// SQL functions every connection has. Kept deterministic so that indexes and triggers may use them.
import type Database from 'better-sqlite3';
import { dateTokens } from '../search/date-tokens.ts';
import { foldText } from '../search/fold-text.ts';

export function registerSqlFunctions(db: Database.Database): void {
  // Folded text for the full-text index (migration 002's triggers call it on every entry write).
  db.function('quire_fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? foldText(text) : null));
  // The date words of the index's `dates` column (migration 003).
  db.function('quire_date_tokens', { deterministic: true }, (date: unknown) => (typeof date === 'string' ? dateTokens(date) : null));
}
