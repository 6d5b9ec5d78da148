// SQL functions every connection has. Kept deterministic (bar quire_uuid) so that indexes and triggers may use them.
import type Database from 'better-sqlite3';
import { dateTokens } from '../search/date-tokens.ts';
import { foldText } from '../search/fold-text.ts';
import { guidFromHash, newGuid } from './guids.ts';

export function registerSqlFunctions(db: Database.Database): void {
  // Folded text for the full-text index (migration 002's triggers call it on every entry write).
  db.function('quire_fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? foldText(text) : null));
  // The date words of the index's `dates` column (migration 003).
  // GUIDs for rows made before migration 004 gave every row one (guids.ts).
  db.function('quire_uuid', { deterministic: false }, () => newGuid());
  db.function('quire_uuid_from', { deterministic: true }, (hex: unknown) => (typeof hex === 'string' ? guidFromHash(hex) : null));
  db.function('quire_date_tokens', { deterministic: true }, (date: unknown) => (typeof date === 'string' ? dateTokens(date) : null));
}
