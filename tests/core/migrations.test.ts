// Each migration upgrades a real older archive without losing its rows.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../../electron/core/archive.ts';
import { MIGRATIONS } from '../../electron/core/db/migrations/index.ts';
import { packContent, SourceContent } from '../../electron/core/repo/source-content.ts';
import { renderSchemaSnapshot } from '../../electron/core/db/schema-snapshot.ts';
import { registerSqlFunctions } from '../../electron/core/db/sql-functions.ts';
import { REPO_ROOT, tempDir } from '../helpers/temp-dir.ts';

function archiveAtVersion(file: string, version: number): void {
  const db = new Database(file);
  registerSqlFunctions(db);
  db.pragma('journal_mode = WAL');
  for (const m of MIGRATIONS.slice(0, version)) {
    if (typeof m.up === 'string') db.exec(m.up);
    else m.up(db);
  }
  db.pragma(`user_version = ${version}`);
  const now = '2024-01-01T00:00:00.000Z';
  if (version < 7) {
    db.prepare(
      "INSERT INTO sources (id, sha256, name, size, format, imported_at, bytes, text) VALUES (1, 'abc', 'old.txt', 5, 'text', ?, x'68656c6c6f', 'hello')",
    ).run(now);
  } else {
    // From version 7 on a source's content is in compressed chunks (repo/source-content.ts).
    const packed = packContent(Buffer.from('hello'), null, 'hello');
    const c = packed.columns;
    db.prepare(
      "INSERT INTO sources (id, sha256, name, size, format, imported_at, kept_bytes, content_codec, chunk_bytes, text_kind) VALUES (1, 'abc', 'old.txt', 5, 'text', ?, ?, ?, ?, ?)",
    ).run(now, c.keptBytes, c.contentCodec, c.chunkBytes, c.textKind);
    new SourceContent(db).store(1, packed);
  }
  db.prepare(
    "INSERT INTO entries (id, title, body, date, content_hash, created_at, direction) VALUES (1, 'Old title', 'hello world from an old archive', '2020-05-01', 'h1', ?, 'ltr')",
  ).run(now);
  db.prepare('INSERT INTO entry_sources (entry_id, source_id, start, end, ordinal) VALUES (1, 1, 0, 5, 0)').run();
  // As the app of that version wrote them: from version 3 on no migration rebuilds the search
  // index, so the entry is indexed here as EntriesRepo.insert does; from 4 on rows carry GUIDs.
  if (version >= 3) {
    db.prepare('INSERT INTO entry_index (rowid, title, body, author, outlet, dates) SELECT id, quire_fold(title), quire_fold(body), NULL, NULL, quire_date_tokens(date) FROM entries WHERE id = 1').run();
  }
  if (version >= 4) {
    db.prepare("UPDATE sources SET guid = quire_uuid_from(sha256)").run();
    db.prepare("UPDATE entries SET guid = quire_uuid_from(content_hash)").run();
    db.prepare("INSERT INTO codes (id, guid, name, created_at, updated_at) VALUES (1, 'code-guid', 'Theme', ?, ?)").run(now, now);
    db.prepare(
      "INSERT INTO highlights (guid, entry_id, entry_guid, exact, start, end, text_hash, created_at, updated_at) SELECT 'h-guid', 1, guid, 'Old t', 0, 5, '', ?, ? FROM entries WHERE id = 1",
    ).run(now, now);
  } else {
    db.prepare("INSERT INTO codes (id, name, created_at) VALUES (1, 'Theme', ?)").run(now);
    db.prepare("INSERT INTO highlights (entry_id, exact, start, end, created_at, updated_at) VALUES (1, 'hello', 0, 5, ?, ?)").run(now, now);
  }
  db.close();
}

describe('migrations', () => {
  const dir = tempDir();

  it('are numbered 1..N in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  for (let from = 1; from < MIGRATIONS.length; from++) {
    it(`upgrade an archive at version ${from} to ${MIGRATIONS.length}, keeping its rows`, () => {
      const file = path.join(dir, `v${from}.quire`);
      archiveAtVersion(file, from);
      const archive = new Archive(file);
      try {
        expect(archive.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
        expect(archive.call('stats', undefined)).toMatchObject({ sources: 1, entries: 1, highlights: 1, codes: 1 });
        expect(archive.db.prepare('SELECT title, body, date FROM entries WHERE id = 1').get()).toEqual({
          title: 'Old title',
          body: 'hello world from an old archive',
          date: '2020-05-01',
        });
        // The rebuilt search index holds it, date words included.
        expect(archive.call('search', { query: 'hello date:2020-05' })).toMatchObject({ total: 1, hits: [{ id: 1 }] });
        expect(archive.call('search', { query: 'hello date:2020-06' })).toMatchObject({ total: 0 });
      } finally {
        archive.close();
      }
    });
  }

  it('leave the generated schema snapshot up to date (node scripts/schema-snapshot.ts)', () => {
    const snapshot = fs.readFileSync(path.join(REPO_ROOT, 'electron/core/db/schema.snapshot.sql'), 'utf8');
    expect(snapshot).toBe(renderSchemaSnapshot());
  });
});
