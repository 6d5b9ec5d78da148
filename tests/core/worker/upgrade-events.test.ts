// The app's window learns of an older archive's upgrade while the host opens it: the writer
// worker sends each step as an upgrade-progress event, heard by a listener given to open(), and a
// long step's percentages as it goes.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArchiveEvent, UpgradeProgress } from '../../../shared/contract.ts';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/db/migrations/index.ts';
import { ArchiveHost } from '../../../electron/core/worker/archive-host.ts';
import { archiveAtVersion6 } from '../../helpers/archive-at-version-6.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

describe('opening an older archive in the worker host', () => {
  const dir = tempDir('quire-upgrade-events-');

  it('sends each upgrade step as an event before the archive answers', async () => {
    const file = path.join(dir, 'v6.quire');
    archiveAtVersion6(file);
    const events: ArchiveEvent[] = [];
    const host = await ArchiveHost.open(file, { onEvent: (e) => events.push(e) });
    try {
      const upgrade = events.filter((e): e is { type: 'upgrade-progress'; progress: UpgradeProgress } => e.type === 'upgrade-progress').map((e) => e.progress);
      const steps = 1 + 2 * (LATEST_SCHEMA_VERSION - 6);
      expect(upgrade[0]).toEqual({ phase: 'backup', step: 1, steps, fraction: 0 });
      expect(upgrade.filter((p) => p.phase === 'migration' && p.fraction === 0).map((p) => p.migration?.version)).toEqual(Array.from({ length: LATEST_SCHEMA_VERSION - 6 }, (_, i) => 7 + i));
      expect(upgrade.at(-1)).toEqual({ phase: 'done', step: steps, steps, fraction: 1 });
      expect(await host.invoke('listSources', undefined)).toMatchObject({ ok: true, value: { length: 4 } });
    } finally {
      await host.close();
    }
  });

  it('reports a long migration\'s percentages as it goes, rising', async () => {
    const file = path.join(dir, 'v6-many.quire');
    archiveAtVersion6(file, Array.from({ length: 300 }, (_, i) => `harbour-log-${i}.txt`));
    const events: ArchiveEvent[] = [];
    const host = await ArchiveHost.open(file, { onEvent: (e) => events.push(e) });
    try {
      const parts = events
        .filter((e): e is { type: 'upgrade-progress'; progress: UpgradeProgress } => e.type === 'upgrade-progress')
        .map((e) => e.progress)
        .filter((p) => p.phase === 'migration' && p.migration?.version === 7 && p.fraction > 0 && p.fraction < 1)
        .map((p) => p.fraction);
      // 300 sources converted one by one: a step at least every few percent, each above the last.
      expect(parts.length).toBeGreaterThanOrEqual(30);
      expect(parts.every((f, i) => i === 0 || f > parts[i - 1]!)).toBe(true);
    } finally {
      await host.close();
    }
  });
});
