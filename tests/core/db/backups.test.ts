// Backups: made while the archive is in use, before every upgrade, once a day; restored in place
// (keeping what was there as a backup too), with the archive working again right after.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupInfo, WireResult } from '../../../shared/contract.ts';
import { Archive } from '../../../electron/core/archive.ts';
import { backupPath, backupsDir, listBackups } from '../../../electron/core/db/backups.ts';
import { MIGRATIONS } from '../../../electron/core/db/migrations/index.ts';
import { registerSqlFunctions } from '../../../electron/core/db/sql-functions.ts';
import { ArchiveHost } from '../../../electron/core/worker/archive-host.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

function value<T>(r: WireResult<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

const entriesIn = (file: string) => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM entries').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('backups', () => {
  const dir = tempDir('quire-backups-');
  const archivePath = path.join(dir, 'study.quire');
  let host: ArchiveHost;
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  beforeAll(async () => {
    host = await ArchiveHost.open(archivePath);
  });
  afterAll(async () => {
    await host.close();
  });

  it('copies the archive while it is in use, even during an import, and lists the copy', async () => {
    value(await host.invoke('importFiles', { paths: [write('first.txt', 'First note\n\nThe ferry runs at six.')] }));
    const big = Array.from({ length: 6 }, (_, i) => write(`big-${i}.txt`, `Big ${i}\n\n` + Array.from({ length: 3000 }, (_, k) => `Post ${i}-${k}\n\nWords about tides ${k}.\n\nRead more\n`).join('\n')));
    const importing = host.invoke('importFiles', { paths: big });
    const made = value<BackupInfo>(await host.invoke('backupArchive', {}));
    value(await importing);
    expect(made.reason).toBe('manual');
    expect(path.dirname(made.path)).toBe(backupsDir(archivePath));
    // A consistent copy: it opens, passes its integrity check, and holds at least the first file.
    const copy = new Database(made.path, { readonly: true, fileMustExist: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    const sources = (copy.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n;
    const perSource = copy.prepare('SELECT (SELECT count(*) FROM entry_sources es WHERE es.source_id = s.id) AS n, s.name FROM sources s').all() as { n: number; name: string }[];
    copy.close();
    expect(sources).toBeGreaterThanOrEqual(1);
    for (const s of perSource.filter((p) => p.name.startsWith('big-'))) expect(s.n).toBe(3000);
    expect(value<BackupInfo[]>(await host.invoke('listBackups', undefined)).map((b) => b.path)).toContain(made.path);
  });

  it('restores a backup in place, keeps the state it replaced as a backup, and keeps working', async () => {
    const before = value<BackupInfo>(await host.invoke('backupArchive', { path: path.join(dir, 'elsewhere', 'snapshot.quire') }));
    const entriesAtBackup = entriesIn(before.path);
    value(await host.invoke('importFiles', { paths: [write('later.txt', 'Later note\n\nAdded after the backup: lighthouse.')] }));
    expect(value<{ total: number }>(await host.invoke('search', { query: 'lighthouse' })).total).toBe(1);

    const restored = value<{ previous: string | null }>(await host.invoke('restoreBackup', { path: before.path }));
    expect(value<{ total: number }>(await host.invoke('search', { query: 'lighthouse' })).total).toBe(0);
    expect(value<{ entries: number }>(await host.invoke('stats', undefined)).entries).toBe(entriesAtBackup);
    // What was replaced is itself a backup, so the restore can be undone by restoring that.
    expect(restored.previous).not.toBeNull();
    expect(entriesIn(restored.previous!)).toBe(entriesAtBackup + 1);
    expect(value<BackupInfo[]>(await host.invoke('listBackups', undefined)).some((b) => b.reason === 'before-restore')).toBe(true);
    // Writes go on after the restore.
    value(await host.invoke('importFiles', { paths: [write('after.txt', 'After restore\n\nThe archive still takes files: beacon.')] }));
    expect(value<{ total: number }>(await host.invoke('search', { query: 'beacon' })).total).toBe(1);
  });

  it('refuses to restore something that is not a backup, leaving the archive as it was', async () => {
    const stats = value<{ entries: number }>(await host.invoke('stats', undefined));
    const junk = write('junk.quire', 'not a database at all');
    const r = await host.invoke('restoreBackup', { path: junk });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(/not a Quire archive backup/);
    expect(value<{ entries: number }>(await host.invoke('stats', undefined))).toEqual(stats);
  });

  it('makes a daily backup only when the last is a day old, and keeps the newest five', async () => {
    {
      const old = Date.now() - 3 * 86_400_000;
      for (const days of [3, 4, 5, 6, 7, 8]) {
        const file = backupPath(archivePath, 'daily', undefined, new Date(old - days * 86_400_000));
        fs.copyFileSync(listBackups(archivePath)[0]!.path, file);
      }
      // Manual backups made above count as recent: move them out of the way for this check.
      for (const b of listBackups(archivePath).filter((x) => x.reason === 'manual')) fs.rmSync(b.path);
      const made = value<BackupInfo | null>(await host.invoke('backupArchive', { daily: true }));
      expect(made?.reason).toBe('daily');
      expect(value<BackupInfo | null>(await host.invoke('backupArchive', { daily: true }))).toBeNull();
      const dailies = listBackups(archivePath).filter((b) => b.reason === 'daily');
      expect(dailies).toHaveLength(5);
      expect(dailies[0]!.path).toBe(made!.path);
    }
  });

  it('backs up an archive before upgrading it, and the backup opens at the old version', () => {
    const file = path.join(dir, 'old.quire');
    const db = new Database(file);
    registerSqlFunctions(db);
    for (const m of MIGRATIONS.slice(0, 3)) {
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db);
    }
    db.pragma('user_version = 3');
    db.prepare("INSERT INTO entries (id, title, body, content_hash, created_at) VALUES (1, 'Old', 'kept in the backup', 'h1', '2020-01-01')").run();
    db.close();
    new Archive(file).close();
    const backups = listBackups(file).filter((b) => b.reason === 'before-migration');
    expect(backups).toHaveLength(1);
    expect(backups[0]!.schemaVersion).toBe(3);
    const copy = new Database(backups[0]!.path, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(3);
    expect(copy.prepare('SELECT body FROM entries').pluck().get()).toBe('kept in the backup');
    copy.close();
  });
});
