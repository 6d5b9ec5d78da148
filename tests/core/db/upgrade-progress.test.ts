// Opening an archive an older Quire wrote is not silent: the listener hears the backup (with its
// time), each pending migration in turn as "step X of Y" with its checks as a step of their own,
// a fraction while migration 7 converts sources one by one, and an end at 100%.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../../../electron/core/archive.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/core/db/migrations/index.ts';
import type { UpgradeProgress } from '../../../shared/contract.ts';
import { archiveAtVersion6 } from '../../helpers/archive-at-version-6.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

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
