// The import's group commit: finished files are committed together, except while someone edits,
// when each file is committed on its own so that the next edit waits for one file's write only.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GroupCommit } from '../../../electron/core/import/archive-writer.ts';
import { commitOpenBatch } from '../../../electron/core/import/edit-turns.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

describe('the group commit of an import', () => {
  const dir = tempDir('quire-group-commit-');
  let db: Database.Database;
  afterEach(() => db?.close());

  function open(name: string) {
    db = new Database(path.join(dir, name));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE files (n INTEGER)');
    return db;
  }

  /** One finished file of `entries` entries in the batch, then the writer's check after it. */
  function file(batch: GroupCommit, n: number, entries = 200) {
    batch.begin();
    db.prepare('INSERT INTO files VALUES (?)').run(n);
    batch.holds(entries);
    batch.maybeCommit();
  }

  it('keeps small finished files in one open batch while nobody edits', () => {
    open('quiet.db');
    const batch = new GroupCommit(db, 60_000);
    file(batch, 1);
    file(batch, 2);
    expect(db.inTransaction).toBe(true);
    // A full batch is committed.
    for (let n = 3; n <= 10; n++) file(batch, n);
    expect(db.inTransaction).toBe(false);
  });

  it('commits each file on its own after an edit, and batches again once edits stop', async () => {
    open('editing.db');
    const batch = new GroupCommit(db, 150);
    file(batch, 1);
    expect(db.inTransaction).toBe(true);
    // An edit arrives between two files: it commits the batch, and the files after it are committed one by one.
    commitOpenBatch(db);
    expect(db.inTransaction).toBe(false);
    file(batch, 2);
    expect(db.inTransaction).toBe(false);
    file(batch, 3);
    expect(db.inTransaction).toBe(false);
    // Another connection sees each file at once: nothing of them waits in an open batch.
    const reader = new Database(path.join(dir, 'editing.db'), { readonly: true });
    expect((reader.prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n).toBe(3);
    reader.close();
    await new Promise((r) => setTimeout(r, 200));
    file(batch, 4);
    expect(db.inTransaction).toBe(true);
  });
});
