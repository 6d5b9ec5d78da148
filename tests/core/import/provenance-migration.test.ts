// Migration 5 on a real version-4 archive: links and trashed links keep their rows (with no
// locator), Show original still shows their span, and new imports get locators.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EntryDetail, ImportReport } from '../../../shared/contract.ts';
import { Archive } from '../../../electron/core/archive.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/core/db/migrations/index.ts';
import { registerSqlFunctions } from '../../../electron/core/db/sql-functions.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const TEXT = 'Old post\n\nThe old post body, imported before locators.\n';

function archiveAtVersion4(file: string): void {
  const db = new Database(file);
  registerSqlFunctions(db);
  for (const m of MIGRATIONS.slice(0, 4)) {
    if (typeof m.up === 'string') db.exec(m.up);
    else m.up(db);
  }
  db.pragma('user_version = 4');
  const now = '2024-01-01T00:00:00.000Z';
  db.prepare("INSERT INTO sources (id, sha256, name, size, format, imported_at, bytes, text, guid) VALUES (1, 'abc', 'old.txt', ?, 'text', ?, ?, ?, quire_uuid_from('abc'))").run(
    Buffer.byteLength(TEXT),
    now,
    Buffer.from(TEXT),
    TEXT,
  );
  db.prepare(
    "INSERT INTO entries (id, title, body, content_hash, created_at, direction, guid) VALUES (1, 'Old post', 'The old post body, imported before locators.', 'h1', ?, 'ltr', quire_uuid_from('h1'))",
  ).run(now);
  db.prepare('INSERT INTO entry_sources (entry_id, source_id, start, end, ordinal) VALUES (1, 1, 0, ?, 0)').run(TEXT.trimEnd().length);
  db.prepare('INSERT INTO entry_index (rowid, title, body, author, outlet, dates) SELECT id, quire_fold(title), quire_fold(body), NULL, NULL, NULL FROM entries').run();
  db.prepare('INSERT INTO trash_entry_sources (entry_id, source_id, start, end, ordinal, history_id) VALUES (7, 1, 3, 9, 0, 42)').run();
  db.close();
}

describe('migration 5 (provenance locators)', () => {
  const dir = tempDir();
  const file = path.join(dir, 'v4.quire');
  archiveAtVersion4(file);
  const archive = new Archive(file);
  afterAll(() => archive.close());

  it('keeps every link and trashed link, with empty locator columns', () => {
    expect(archive.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(archive.db.prepare('SELECT entry_id, start, end, locator, body_start, body_end FROM entry_sources').all()).toEqual([
      { entry_id: 1, start: 0, end: TEXT.trimEnd().length, locator: null, body_start: null, body_end: null },
    ]);
    expect(archive.db.prepare('SELECT entry_id, start, end, history_id, locator FROM trash_entry_sources').all()).toEqual([
      { entry_id: 7, start: 3, end: 9, history_id: 42, locator: null },
    ]);
  });

  it('shows an old entry\'s original as its span of the stored text, and gives new imports locators', async () => {
    const entry = (await archive.call('getEntry', { id: 1 })) as EntryDetail;
    expect(entry.provenance).toEqual([expect.objectContaining({ sourceId: 1, locator: null, bodyStart: null, bodyEnd: null })]);
    const original = await archive.call('getEntryOriginal', { id: 1, sourceId: 1 });
    expect(original).toMatchObject({ text: TEXT.trimEnd(), locator: null, unit: 'chars' });
    expect(original.marks.map((m) => original.text.slice(m.start, m.end))).toEqual(['Old post', 'The old post body, imported before locators.']);

    const next = path.join(dir, 'new.txt');
    fs.writeFileSync(next, 'New post\n\nA new post body, imported after the upgrade.\n');
    const report = (await archive.call('importFiles', { paths: [next] })) as ImportReport;
    const row = archive.db.prepare('SELECT locator FROM entry_sources WHERE source_id = ?').get(report.files[0]!.sourceId!) as { locator: string };
    expect(JSON.parse(row.locator)).toMatchObject({ kind: 'text', extractor: 'quire-text/1' });
  });
});
