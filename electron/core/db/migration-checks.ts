// The checks a migration passes before it commits (issue 13 §1): no row points at a missing row,
// and the file's structure is sound. Run over the whole archive, both took most of an hour at a
// million entries (docs/bench-1m.md), so each is narrowed to what a migration can have broken.
import type { Database } from 'better-sqlite3';
import { QuireError } from '../../../shared/errors.ts';

/**
 * Up to this size a migration ends with the full `integrity_check`; above it, `quick_check`. It is
 * the writer's page cache (open-archive.ts): past it, integrity_check's index lookups go to disk.
 * Tests set it low (integrityCheckMaxBytes) so both paths run.
 */
export const INTEGRITY_CHECK_MAX_BYTES = 256 * 1024 * 1024;

export interface MigrationCheckOptions {
  /** Migration.touches: undefined checks every table's foreign keys. */
  touches?: readonly string[] | undefined;
  integrityCheckMaxBytes?: number | undefined;
}

export function checkMigratedArchive(db: Database, options: MigrationCheckOptions = {}): void {
  const problems: string[] = [];
  const tables = options.touches === undefined ? null : tablesToCheck(db, options.touches);
  const fk = tables === null ? (db.pragma('foreign_key_check') as unknown[]) : tables.flatMap((t) => db.pragma(`foreign_key_check("${t.replaceAll('"', '""')}")`) as unknown[]);
  if (fk.length > 0) problems.push(`${fk.length} rows point at missing rows`);
  const bytes = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
  // quick_check reads every page, record and constraint (NOT NULL, CHECK) as integrity_check does,
  // but does not verify that each index holds exactly its table's rows, which costs a lookup per
  // row per index: random reads that dominate on an archive bigger than the cache. A migration
  // builds its indexes from the rows with CREATE INDEX, and SQLite keeps them in step on every
  // write, so that is the part least likely to be wrong; small archives still get the full check.
  const pragma = bytes > (options.integrityCheckMaxBytes ?? INTEGRITY_CHECK_MAX_BYTES) ? 'quick_check' : 'integrity_check';
  const rows = db.pragma(pragma) as Record<string, string>[];
  problems.push(...rows.map((r) => r[pragma]!).filter((r) => r !== 'ok'));
  if (problems.length > 0) {
    throw new QuireError('archive-corrupt', `The archive failed its integrity check (${problems[0]}). Restore it from a backup.`);
  }
}

/**
 * The tables a migration touched that still exist, and every table with a foreign key into one of
 * them: a parent rebuilt, emptied or dropped orphans its children's rows, not its own.
 */
export function tablesToCheck(db: Database, touches: readonly string[]): string[] {
  const touched = new Set(touches.map((t) => t.toLowerCase()));
  const names = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").pluck().all() as string[];
  const parentsOf = db.prepare<[string], string>('SELECT "table" FROM pragma_foreign_key_list(?)').pluck();
  return names.filter((name) => touched.has(name.toLowerCase()) || parentsOf.all(name).some((parent) => touched.has(parent.toLowerCase())));
}
