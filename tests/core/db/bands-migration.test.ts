// Migration 9 keeps the near-duplicate band rows once, by key (no index by entry, no cascade). An
// archive as version 8 kept it (an entry with the 256-byte signature of that time and its band rows)
// upgrades with every row; a version of that entry imported after the upgrade still joins its group,
// and deleting the old entry takes its band rows with it (and undo brings them back).
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../shared/contract.ts';
import { Archive } from '../../../electron/core/archive.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/core/db/migrations/index.ts';
import { registerSqlFunctions } from '../../../electron/core/db/sql-functions.ts';
import { bandHashes, minhash } from '../../../electron/core/import/near-duplicates.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const BODY =
  'The harbour board met on Tuesday evening and agreed to dredge the north channel before the autumn storms arrive, ' +
  'after the pilots reported that two grain ships had touched bottom near the old lighthouse at low water last month. ' +
  'Work starts in September and the ferry keeps to its timetable while the dredger is moored at the east quay.';
const EDITED = BODY.replace('Tuesday evening', 'Tuesday night');

describe('migration 9: near-duplicate bands by key', () => {
  const dir = tempDir('quire-bands-');
  const file = path.join(dir, 'v8.quire');
  const signature = minhash(BODY)!;
  const keys = bandHashes(signature).map((hash, band) => ({ band, hash, entry_id: 1 }));

  {
    const db = new Database(file);
    registerSqlFunctions(db);
    db.pragma('journal_mode = WAL');
    for (const m of MIGRATIONS.slice(0, 8)) {
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db);
    }
    db.pragma('user_version = 8');
    db.prepare(
      `INSERT INTO entries (id, title, body, date, content_hash, minhash, created_at, direction, guid)
       VALUES (1, 'Dredging agreed', ?, '2020-05-01', 'old-hash', ?, '2020-05-02T00:00:00.000Z', 'ltr', 'old-guid')`,
    ).run(BODY, Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength));
    db.prepare('INSERT INTO entry_index (rowid, title, body, author, outlet, dates) SELECT id, quire_fold(title), quire_fold(body), NULL, NULL, quire_date_tokens(date) FROM entries').run();
    const band = db.prepare('INSERT INTO entry_bands (band, hash, entry_id) VALUES (@band, @hash, @entry_id)');
    for (const k of keys) band.run(k);
    db.prepare("INSERT INTO meta (key, value) VALUES ('bands_upto', '1')").run();
    db.close();
  }
  const archive = new Archive(file);
  afterAll(() => archive.close());
  const bandsOf = (id: number) => archive.db.prepare('SELECT band, hash, entry_id FROM entry_bands WHERE entry_id = ? ORDER BY band').all(id);

  it('keeps every band row, without the foreign key and the index by entry', () => {
    expect(archive.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(bandsOf(1)).toEqual(keys);
    expect(archive.db.pragma('foreign_key_list(entry_bands)')).toEqual([]);
    expect(archive.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'entry_bands' AND sql IS NOT NULL").all()).toEqual([]);
  });

  it('groups a version imported after the upgrade with the entry stored before it', async () => {
    const edited = path.join(dir, 'dredging-again.txt');
    fs.writeFileSync(edited, `Dredging agreed again\nPosted on: June 2, 2020\n\n${EDITED}\n`);
    const report = (await archive.call('importFiles', { paths: [edited] })) as ImportReport;
    expect(report.files[0]).toMatchObject({ status: 'imported', counts: { versions: 1 } });
    const id = archive.db.prepare('SELECT entry_id FROM entry_sources WHERE source_id = ?').pluck().get(report.files[0]!.sourceId!) as number;
    expect(archive.db.prepare('SELECT near_group FROM entries WHERE id = ?').pluck().get(id)).toBe(1);
    expect(bandsOf(id)).toHaveLength(8);
  });

  it('deleting the old entry removes its band rows by key, and undo puts them back', () => {
    const before = archive.db.prepare('SELECT count(*) FROM entry_bands').pluck().get() as number;
    archive.call('deleteEntries', { entryIds: [1] });
    expect(bandsOf(1)).toEqual([]);
    expect(archive.db.prepare('SELECT count(*) FROM entry_bands').pluck().get()).toBe(before - 8);
    archive.call('undo', undefined);
    expect(bandsOf(1)).toEqual(keys);
  });
});
