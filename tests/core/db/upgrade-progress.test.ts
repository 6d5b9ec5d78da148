// Opening an archive an older Quire wrote is not silent: the listener hears the backup (with its
// time), each pending migration in turn as "step X of Y" with its checks as a step of their own,
// a fraction while migration 7 converts sources one by one, and an end at 100%.
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../../../electron/core/archive.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/core/db/migrations/index.ts';
import { registerSqlFunctions } from '../../../electron/core/db/sql-functions.ts';
import type { UpgradeProgress } from '../../../shared/contract.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

/** An archive as Quire kept it at version 6: four sources with their bytes and text in the row. */
function archiveAtVersion6(file: string): void {
  const db = new Database(file);
  registerSqlFunctions(db);
  for (const m of MIGRATIONS.slice(0, 6)) {
    if (typeof m.up === 'string') db.exec(m.up);
    else m.up(db);
  }
  db.pragma('user_version = 6');
  const insert = db.prepare("INSERT INTO sources (sha256, guid, name, size, format, imported_at, bytes, text) VALUES (?, quire_uuid_from(?), ?, ?, 'text', '2025-03-01T00:00:00.000Z', ?, ?)");
  for (const name of ['pier.txt', 'lighthouse.txt', 'ferry.txt', 'harbour-master.txt']) {
    const text = `Notes on the ${name.replace('.txt', '')}\n\nThe board met on Tuesday.\n`;
    insert.run(name, name, name, Buffer.byteLength(text), Buffer.from(text), text);
  }
  db.close();
}

describe('upgrading an older archive', () => {
  const dir = tempDir('quire-upgrade-progress-');

  it('reports the backup, each migration and its checks as steps, fractions as sources are converted, and ends at 100%', () => {
    const file = path.join(dir, 'v6.quire');
    archiveAtVersion6(file);
    const seen: UpgradeProgress[] = [];
    const archive = new Archive(file, { onUpgrade: (p) => seen.push(p), log: () => {} });
    try {
      expect(archive.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    } finally {
      archive.close();
    }
    const pending = MIGRATIONS.filter((m) => m.version > 6);
    const steps = 1 + 2 * pending.length;
    expect(new Set(seen.map((p) => p.steps))).toEqual(new Set([steps]));
    // Each step starts at 0 and ends at 1 with its time, in order: the backup, then each migration and its checks.
    const starts = seen.filter((p) => p.fraction === 0).map((p) => [p.step, p.phase, p.migration && `${p.migration.index}/${p.migration.count} v${p.migration.version}`]);
    expect(starts).toEqual([
      [1, 'backup', undefined],
      ...pending.flatMap((m, i) => [
        [2 + 2 * i, 'migration', `${i + 1}/${pending.length} v${m.version}`],
        [3 + 2 * i, 'checks', `${i + 1}/${pending.length} v${m.version}`],
      ]),
    ]);
    const ends = seen.filter((p) => p.tookMs !== undefined);
    expect(ends.map((p) => [p.step, p.fraction])).toEqual(Array.from({ length: steps }, (_, i) => [i + 1, 1]));
    expect(ends[0]!.phase).toBe('backup');
    expect(ends[0]!.tookMs).toBeGreaterThanOrEqual(0);
    // Migration 7 converts the four sources one at a time and says so.
    const chunking = seen.filter((p) => p.phase === 'migration' && p.migration?.version === 7).map((p) => p.fraction);
    expect(chunking).toEqual([0, 0.25, 0.5, 0.75, 1]);
    // Never backwards, and the last word is "done" at 100%.
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1]!, seen[i]!];
      expect(b.step > a.step || (b.step === a.step && b.fraction >= a.fraction)).toBe(true);
    }
    expect(seen.at(-1)).toEqual({ phase: 'done', step: steps, steps, fraction: 1 });
  });

  it('reports nothing when a new archive is made, or a current one opened', () => {
    const seen: UpgradeProgress[] = [];
    const file = path.join(dir, 'new.quire');
    new Archive(file, { onUpgrade: (p) => seen.push(p) }).close();
    new Archive(file, { onUpgrade: (p) => seen.push(p) }).close();
    expect(seen).toEqual([]);
  });
});
