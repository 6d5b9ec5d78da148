// A migration's closing checks, narrowed to what it touched (migration-checks.ts), still refuse a
// migration that leaves a row pointing at a missing row, in a table it declared or in a table
// pointing into one, and the archive is then exactly as it was. A migration that declares nothing
// is checked whole, as before; above the size threshold the structure check is quick_check.
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../../../electron/core/archive.ts';
import type { Migration } from '../../../electron/core/db/migration-types.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/core/db/migrations/index.ts';
import { migrate } from '../../../electron/core/db/open-archive.ts';
import { registerSqlFunctions } from '../../../electron/core/db/sql-functions.ts';
import type { Code } from '../../../shared/contract.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { seedEntries } from '../search/helpers/seed-entries.ts';

const NEXT = LATEST_SCHEMA_VERSION + 1;

/** A current archive with two entries from one source, a highlight on the first, and a code. */
function makeArchive(file: string): void {
  const archive = new Archive(file);
  const [first] = seedEntries(archive, [
    { title: 'Quay wall', body: 'The quay wall was repaired after the storm.' },
    { title: 'Lock gates', body: 'The lock gates open twice a day.' },
  ]);
  const code = archive.call('saveCode', { name: 'Works' }) as Code;
  archive.call('createHighlight', { entryId: first!, start: 0, end: 4, codeIds: [code.id] });
  archive.close();
}

function openRaw(file: string): Database.Database {
  const db = new Database(file);
  registerSqlFunctions(db);
  db.pragma('foreign_keys = ON');
  return db;
}

const state = (db: Database.Database) => ({
  version: db.pragma('user_version', { simple: true }),
  entries: db.prepare('SELECT id, title FROM entries ORDER BY id').all(),
  links: db.prepare('SELECT count(*) FROM entry_sources').pluck().get(),
  highlights: db.prepare('SELECT count(*) FROM highlights').pluck().get(),
  log: db.prepare('SELECT max(version) FROM migration_log').pluck().get(),
});

describe("a migration's closing checks", () => {
  const dir = tempDir('quire-migration-checks-');

  const cases: [string, Migration][] = [
    [
      'a touched parent leaves children pointing at nothing',
      { version: NEXT, name: 'test: drop the first entry', touches: ['entries'], up: 'DELETE FROM entries WHERE id = (SELECT min(id) FROM entries)' },
    ],
    [
      'a touched table gains a row pointing at nothing',
      { version: NEXT, name: 'test: link a missing source', touches: ['entry_sources'], up: 'INSERT INTO entry_sources (entry_id, source_id, start, end, ordinal) SELECT min(id), 999, 0, 4, 1 FROM entries' },
    ],
  ];
  for (const [what, broken] of cases) {
    it(`abort the migration and leave the archive as it was when ${what}`, () => {
      const file = path.join(dir, `${broken.name.replace(/\W+/g, '-')}.quire`);
      makeArchive(file);
      const db = openRaw(file);
      const before = state(db);
      expect(() => migrate(db, LATEST_SCHEMA_VERSION, [...MIGRATIONS, broken], () => {})).toThrow(/failed its integrity check \(1 rows point at missing rows\)/);
      expect(state(db)).toEqual(before);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      db.close();
    });
  }

  it('look only at the touched tables and those pointing into them; a migration declaring nothing is checked whole', () => {
    const file = path.join(dir, 'narrow.quire');
    makeArchive(file);
    const db = openRaw(file);
    // An orphan an older bug left in a table the next migration does not touch.
    db.pragma('foreign_keys = OFF');
    db.prepare('INSERT INTO highlight_codes (highlight_id, code_id) SELECT id, 999 FROM highlights').run();
    db.pragma('foreign_keys = ON');
    const addTable = (touches?: string[]): Migration => ({ version: NEXT, name: 'test: a new table', up: 'CREATE TABLE harbour_notes (id INTEGER PRIMARY KEY, text TEXT)', ...(touches ? { touches } : {}) });
    expect(() => migrate(db, LATEST_SCHEMA_VERSION, [...MIGRATIONS, addTable()], () => {})).toThrow(/\(1 rows point at missing rows\)/);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    // Codes are touched: highlight_codes points into codes, so its orphan is found.
    expect(() => migrate(db, LATEST_SCHEMA_VERSION, [...MIGRATIONS, addTable(['harbour_notes', 'codes'])], () => {})).toThrow(/\(1 rows point at missing rows\)/);
    migrate(db, LATEST_SCHEMA_VERSION, [...MIGRATIONS, addTable(['harbour_notes'])], () => {});
    expect(db.pragma('user_version', { simple: true })).toBe(NEXT);
    db.close();
  });

  it('use integrity_check up to the size threshold and quick_check above it (which does not compare indexes with their rows)', () => {
    // An index whose entries no longer match its rows: the expression's function changed meaning.
    const staleIndex: Migration = {
      version: NEXT,
      name: 'test: a stale expression index',
      touches: ['tide_marks'],
      up: (db) => {
        db.function('quire_test_level', { deterministic: true }, (x) => x);
        db.exec('CREATE TABLE tide_marks (level INTEGER); CREATE INDEX tide_marks_level ON tide_marks(quire_test_level(level)); INSERT INTO tide_marks VALUES (3), (5);');
        db.function('quire_test_level', { deterministic: true }, (x) => Number(x) + 10);
      },
    };
    const run = (name: string, integrityCheckMaxBytes: number) => {
      const file = path.join(dir, name);
      makeArchive(file);
      const db = openRaw(file);
      try {
        migrate(db, LATEST_SCHEMA_VERSION, [...MIGRATIONS, staleIndex], () => {}, { integrityCheckMaxBytes });
        return db.pragma('user_version', { simple: true });
      } finally {
        db.close();
      }
    };
    expect(() => run('small.quire', Number.MAX_SAFE_INTEGER)).toThrow(/missing from index tide_marks_level/);
    expect(run('big.quire', 0)).toBe(NEXT);
  });
});
