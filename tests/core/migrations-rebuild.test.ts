// A later migration that rebuilds `entries` the way SQLite documents (create the new table, copy,
// drop the old, rename) keeps every row that points at entries: provenance links, highlights,
// their codes, tags and collection members. The runner turns foreign keys off for it (with them
// on, dropping `entries` would cascade into entry_sources), checks the result and stamps the file.
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../../electron/core/archive.ts';
import type { Migration } from '../../electron/core/db/migration-types.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../electron/core/db/migrations/index.ts';
import { migrate, QUIRE_APPLICATION_ID } from '../../electron/core/db/open-archive.ts';
import { registerSqlFunctions } from '../../electron/core/db/sql-functions.ts';
import type { Code, Highlight } from '../../shared/contract.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { seedEntries } from './search/helpers/seed-entries.ts';

/** Rebuilds `entries` with one more column, re-making its indexes and triggers from the schema. */
const rebuildEntries: Migration = {
  version: LATEST_SCHEMA_VERSION + 1,
  name: 'test: rebuild entries with a new column',
  up: (db) => {
    const table = (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'entries'").get() as { sql: string }).sql;
    const dependants = (db.prepare("SELECT sql FROM sqlite_master WHERE tbl_name = 'entries' AND type IN ('index', 'trigger') AND sql IS NOT NULL").all() as { sql: string }[]).map((r) => r.sql);
    const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').all('entries') as { name: string }[]).map((c) => c.name).join(', ');
    db.exec(table.replace(/CREATE TABLE "?entries"?/, 'CREATE TABLE new_entries').replace(/\)([^)]*)$/, ', reading_time INTEGER)$1'));
    db.exec(`INSERT INTO new_entries (${columns}) SELECT ${columns} FROM entries`);
    db.exec('DROP TABLE entries');
    db.exec('ALTER TABLE new_entries RENAME TO entries');
    for (const sql of dependants) db.exec(sql);
  },
};

describe('a migration that rebuilds entries', () => {
  const dir = tempDir();

  it('keeps provenance, highlights, their codes, tags and collection members, and stamps the file as Quire', () => {
    const file = path.join(dir, 'rebuild.quire');
    const archive = new Archive(file);
    const [a, b] = seedEntries(archive, [
      { title: 'One', body: 'The first entry, highlighted and collected.' },
      { title: 'Two', body: 'The second entry, tagged.' },
    ]);
    const code = archive.call('saveCode', { name: 'Theme' }) as Code;
    const h = archive.call('createHighlight', { entryId: a!, start: 0, end: 3, codeIds: [code.id], note: 'keep me' }) as Highlight;
    const now = new Date().toISOString();
    const db0 = archive.db;
    const collection = db0.prepare("INSERT INTO collections (guid, name, created_at, updated_at) VALUES ('c', 'Chapter', ?, ?)").run(now, now).lastInsertRowid;
    db0.prepare('INSERT INTO collection_entries (collection_id, entry_id, position, added_at) VALUES (?, ?, 0, ?)').run(collection, b, now);
    db0.prepare('INSERT INTO collection_highlights (collection_id, highlight_id, position, added_at) VALUES (?, ?, 0, ?)').run(collection, h.id, now);
    const tag = db0.prepare("INSERT INTO tags (guid, name, created_at) VALUES ('t', 'later', ?)").run(now).lastInsertRowid;
    db0.prepare('INSERT INTO entry_tags (entry_id, tag_id, created_at) VALUES (?, ?, ?)').run(b, tag, now);
    const counts = (db: Database.Database) =>
      Object.fromEntries(
        ['entries', 'entry_sources', 'highlights', 'highlight_codes', 'entry_tags', 'collection_entries', 'collection_highlights'].map((t) => [
          t,
          (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
        ]),
      );
    const before = counts(db0);
    const dependants = (db: Database.Database) => db.prepare("SELECT type, name FROM sqlite_master WHERE tbl_name = 'entries' AND type IN ('index', 'trigger') ORDER BY name").all();
    const dependantsBefore = dependants(db0);
    expect(dependantsBefore.length).toBeGreaterThan(0);
    expect(before).toEqual({ entries: 2, entry_sources: 2, highlights: 1, highlight_codes: 1, entry_tags: 1, collection_entries: 1, collection_highlights: 1 });
    archive.close();

    const db = new Database(file);
    registerSqlFunctions(db);
    db.pragma('foreign_keys = ON');
    migrate(db, LATEST_SCHEMA_VERSION, [...MIGRATIONS, rebuildEntries], () => {});
    expect(counts(db)).toEqual(before);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 1);
    expect(db.pragma('application_id', { simple: true })).toBe(QUIRE_APPLICATION_ID);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1); // back on after the migration
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare('SELECT reading_time FROM entries WHERE id = ?').get(a)).toEqual({ reading_time: null });
    // The rebuilt table's indexes and triggers were re-made, and search still finds its text.
    expect(dependants(db)).toEqual(dependantsBefore);
    expect((db.prepare("SELECT count(*) AS n FROM entry_index WHERE entry_index MATCH 'second'").get() as { n: number }).n).toBe(1);
    db.close();
  });

  it('gives a new archive the Quire application id', () => {
    const archive = new Archive(path.join(dir, 'new.quire'));
    expect(archive.db.pragma('application_id', { simple: true })).toBe(QUIRE_APPLICATION_ID);
    archive.close();
  });
});
