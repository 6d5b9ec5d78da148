// Opens or creates a .quire archive (an SQLite database), migrating it forward and checking it.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { QuireError } from '../../../shared/errors.ts';
import { APP_VERSION } from '../app-version.ts';
import { backupBeforeMigration } from './backups.ts';
import { checkMigratedArchive } from './migration-checks.ts';
import type { Migration } from './migration-types.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations/index.ts';
import { withSqliteErrors } from './sql-errors.ts';
import { registerSqlFunctions } from './sql-functions.ts';
import { UpgradeSteps, type UpgradeListener } from './upgrade-progress.ts';

export type Db = Database.Database;

export interface OpenOptions {
  /** Readers open an existing, already migrated archive read-only. */
  readonly?: boolean;
  /** Told each step of upgrading an older archive (the backup, each migration, its checks). */
  onUpgrade?: UpgradeListener;
  /** Where each migration's log line goes (by default stderr, unless QUIRE_QUIET_MIGRATIONS=1). */
  log?: (line: string) => void;
  /** Above this size a migration's closing check is quick_check (migration-checks.ts); tests set it low. */
  integrityCheckMaxBytes?: number;
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/**
 * The page size of a new archive. An entry's row (~2 KB: its text, signature and fields) left a
 * fifth of each 4 KB page empty, of a 16 KB page a sixteenth: 8% less file at 20,000 bench entries,
 * searches no slower (issue 15). An older archive keeps its 4 KB pages.
 */
export const ARCHIVE_PAGE_SIZE = 16384;

export function openArchive(file: string, options: OpenOptions = {}): Db {
  const archivePath = path.resolve(file);
  assertLooksLikeSqlite(archivePath);
  if (!options.readonly) fs.mkdirSync(path.dirname(archivePath), { recursive: true });
  return withSqliteErrors(archivePath, () => {
    const db = new Database(archivePath, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
    try {
      db.pragma('busy_timeout = 5000');
      // Check the version before anything writes to the file (even switching to WAL does).
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > LATEST_SCHEMA_VERSION) {
        throw new QuireError(
          'archive-newer',
          `${archivePath} was written by a newer version of Quire (archive format ${version}; this Quire reads up to ${LATEST_SCHEMA_VERSION}). Update Quire to open it.`,
        );
      }
      const appId = db.pragma('application_id', { simple: true }) as number;
      if (appId !== 0 && appId !== QUIRE_APPLICATION_ID) {
        throw new QuireError('archive-unreadable', `${archivePath} is an SQLite database of another application, not a Quire archive.`);
      }
      if (!options.readonly) {
        // Only a new, empty file takes it (an archive's page size is fixed once it holds a page).
        if (version === 0) db.pragma(`page_size = ${ARCHIVE_PAGE_SIZE}`);
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
      }
      db.pragma('foreign_keys = ON');
      // The writer's random B-tree inserts (index, near-duplicate bands) stay fast while they fit in cache.
      db.pragma(options.readonly ? 'cache_size = -65536' : 'cache_size = -262144');
      // Readers sort in memory. The writer keeps its statement and savepoint journals (and temporary
      // tables) in a temporary file: an insert into the search index that sets off a merge of its
      // segments rewrites pages already in the database, each kept in the statement's journal until
      // it ends, which in memory took a 2 GB file's import from 500 MB to 1.5 GB as its segments grew.
      // Set here, before any temporary object: changing it later drops them (history.ts's triggers).
      db.pragma(options.readonly ? 'temp_store = MEMORY' : 'temp_store = FILE');
      db.pragma('mmap_size = 268435456');
      registerSqlFunctions(db);
      if (!options.readonly && version > 0) quickCheck(db, archivePath);
      if (version < LATEST_SCHEMA_VERSION) {
        if (options.readonly) throw new QuireError('archive-readonly', `${archivePath} needs upgrading, which a read-only open cannot do.`);
        // A new archive is made, not upgraded: nothing to report.
        const pending = MIGRATIONS.filter((m) => m.version > version).length;
        const steps = new UpgradeSteps((version > 0 ? 1 : 0) + 2 * pending, version > 0 ? options.onUpgrade : undefined);
        // A whole copy first, so an upgrade that goes wrong (or a newer Quire given back) loses nothing.
        if (version > 0) {
          const started = Date.now();
          const dest = steps.run('backup', undefined, () => backupBeforeMigration(db, archivePath, version));
          (options.log ?? logMigration)(`Quire: backup before upgrading made in ${Date.now() - started} ms (${dest})`);
        }
        migrate(db, version, MIGRATIONS, options.log ?? logMigration, { steps, integrityCheckMaxBytes: options.integrityCheckMaxBytes });
        steps.done();
      }
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  });
}

/** Archives up to this size get SQLite's quick_check each time the writer opens them (about a second per 250 MB). */
export const QUICK_CHECK_MAX_BYTES = 256 * 1024 * 1024;

/** Refuses to write to a damaged archive (the host then opens it read-only). Larger archives skip it: seconds on every start. */
function quickCheck(db: Db, archivePath: string): void {
  const size = fs.statSync(archivePath, { throwIfNoEntry: false })?.size ?? 0;
  if (size > QUICK_CHECK_MAX_BYTES) return;
  const rows = (db.pragma('quick_check(3)') as { quick_check: string }[]).map((r) => r.quick_check).filter((r) => r !== 'ok');
  if (rows.length > 0) {
    throw new QuireError(
      'archive-corrupt',
      `The archive ${archivePath} is damaged (${rows[0]}). Quire will not write to it. Restore a backup (File › Backups…, or quire backups and quire restore), or copy out what you need first.`,
    );
  }
}

function assertLooksLikeSqlite(archivePath: string): void {
  let fd: number;
  try {
    fd = fs.openSync(archivePath, 'r');
  } catch {
    return; // does not exist yet: it will be created
  }
  try {
    const head = Buffer.alloc(16);
    const n = fs.readSync(fd, head, 0, 16, 0);
    if (n === 0) return; // an empty file becomes a new archive
    if (head.toString('latin1', 0, n) !== SQLITE_MAGIC) {
      throw new QuireError('archive-unreadable', `${archivePath} is not a Quire archive (it is not an SQLite database).`);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Says "this file is a Quire archive" in the SQLite header ('Quir'). */
export const QUIRE_APPLICATION_ID = 0x51756972;

export interface MigrateOptions {
  /** Where each migration and its checks are reported, as two steps (by default, nowhere). */
  steps?: UpgradeSteps;
  integrityCheckMaxBytes?: number | undefined;
}

/**
 * Runs each pending migration the way SQLite documents schema changes: foreign keys off (so a
 * table rebuild cannot cascade-delete child rows, such as highlights under a rebuilt `entries`),
 * one exclusive transaction per migration, and `foreign_key_check` plus an integrity check before
 * it commits (narrowed to what the migration touched: migration-checks.ts). Each applied
 * migration is logged (migration_log, from migration 4 on, and `log`).
 */
export function migrate(db: Db, from: number, migrations: readonly Migration[] = MIGRATIONS, log: (line: string) => void = logMigration, options: MigrateOptions = {}): void {
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return;
  const steps = options.steps ?? new UpgradeSteps(2 * pending.length);
  db.pragma('foreign_keys = OFF'); // a no-op inside a transaction, so set before each one begins
  try {
    for (const [i, migration] of pending.entries()) {
      const started = Date.now();
      const which = { index: i + 1, count: pending.length, version: migration.version, name: migration.name };
      db.transaction(() => {
        steps.run('migration', which, (fraction) => {
          if (typeof migration.up === 'string') db.exec(migration.up);
          else migration.up(db, fraction);
        });
        db.pragma(`user_version = ${migration.version}`);
        db.pragma(`application_id = ${QUIRE_APPLICATION_ID}`);
        steps.run('checks', which, () => checkMigratedArchive(db, { touches: migration.touches, integrityCheckMaxBytes: options.integrityCheckMaxBytes }));
        if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migration_log'").get()) {
          db.prepare('INSERT OR REPLACE INTO migration_log (version, name, applied_at, app_version) VALUES (?, ?, ?, ?)').run(
            migration.version,
            migration.name,
            new Date().toISOString(),
            APP_VERSION,
          );
        }
      }).exclusive();
      if (from > 0) log(`Quire: archive migrated to version ${migration.version} (${migration.name}) in ${Date.now() - started} ms`);
    }
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

function logMigration(line: string): void {
  if (process.env['QUIRE_QUIET_MIGRATIONS'] !== '1') console.error(line);
}
