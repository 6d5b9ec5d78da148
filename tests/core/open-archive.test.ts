import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../../electron/core/archive.ts';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrations/index.ts';
import { ARCHIVE_PAGE_SIZE, openArchive } from '../../electron/core/db/open-archive.ts';
import { QuireError } from '../../shared/errors.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('opening an archive', () => {
  const dir = tempDir();

  it('creates a new archive in WAL mode at the latest schema version, with zero counts', () => {
    const file = path.join(dir, 'new.quire');
    const archive = new Archive(file);
    expect(archive.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(archive.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(archive.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(archive.call('stats', undefined)).toEqual({ sources: 0, entries: 0, highlights: 0, codes: 0, collections: 0 });
    archive.close();
    expect(fs.existsSync(file)).toBe(true);
  });

  it('gives a new archive 16 KB pages, and leaves an older archive its own page size', () => {
    const file = path.join(dir, 'pages.quire');
    new Archive(file).close();
    const fresh = new Database(file);
    expect(fresh.pragma('page_size', { simple: true })).toBe(ARCHIVE_PAGE_SIZE);
    expect(ARCHIVE_PAGE_SIZE).toBe(16384);
    // As an archive made before it was: 4 KB pages.
    fresh.pragma('journal_mode = DELETE');
    fresh.pragma('page_size = 4096');
    fresh.exec('VACUUM');
    expect(fresh.pragma('page_size', { simple: true })).toBe(4096);
    fresh.close();
    const older = new Archive(file);
    expect(older.db.pragma('page_size', { simple: true })).toBe(4096);
    older.db.prepare("INSERT INTO tags (guid, name, created_at) VALUES ('tag-page', 'paged', '2024-01-01T00:00:00.000Z')").run();
    expect(older.db.prepare('SELECT name FROM tags').pluck().all()).toEqual(['paged']);
    older.close();
  });

  it('reopens an existing archive without migrating it again', () => {
    const file = path.join(dir, 'reopen.quire');
    new Archive(file).close();
    const db = new Database(file);
    db.prepare("INSERT INTO tags (guid, name, created_at) VALUES ('tag-guid', 'kept', '2024-01-01T00:00:00.000Z')").run();
    db.close();
    const archive = new Archive(file);
    expect(archive.db.prepare('SELECT name FROM tags').all()).toEqual([{ name: 'kept' }]);
    archive.close();
  });

  it('refuses an archive written by a newer Quire, and leaves it untouched', () => {
    const file = path.join(dir, 'newer.quire');
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    db.exec('CREATE TABLE future (x)');
    db.close();
    const before = fs.readFileSync(file);
    let caught: unknown;
    try {
      openArchive(file);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(QuireError);
    expect((caught as QuireError).code).toBe('archive-newer');
    expect((caught as QuireError).message).toMatch(/newer version of Quire/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file that is not an SQLite database with a plain message', () => {
    const file = path.join(dir, 'notes.quire');
    fs.writeFileSync(file, 'these are my notes, not an archive');
    expect(() => openArchive(file)).toThrow(/is not a Quire archive/);
    expect(fs.readFileSync(file, 'utf8')).toBe('these are my notes, not an archive');
  });

  it('enforces foreign keys between entries and their sources', () => {
    const archive = new Archive(path.join(dir, 'fk.quire'));
    expect(() => archive.db.prepare('INSERT INTO entry_sources (entry_id, source_id, start, end, ordinal) VALUES (99, 98, 0, 1, 0)').run()).toThrow(
      /FOREIGN KEY/,
    );
    archive.close();
  });
});
