// A command on an archive an older Quire wrote upgrades it first and says so on stderr, a line
// per step when stderr is not a terminal, then how long each step took; the output is unchanged.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { upgradeReporter } from '../../electron/cli/cli-upgrade.ts';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrations/index.ts';
import { archiveAtVersion6 } from '../helpers/archive-at-version-6.ts';
import { REPO_ROOT, tempDir } from '../helpers/temp-dir.ts';

// The bundle `npm test` builds, as the other command tests run (from the TypeScript source each run
// compiled the CLI, and the restore its workers, again); QUIRE_CLI points at another build.
const CLI = process.env['QUIRE_CLI'] ?? path.join(REPO_ROOT, 'bin', 'quire.mjs');
const quire = (args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, QUIRE_QUIET_MIGRATIONS: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('quire on an older archive', () => {
  const dir = tempDir('quire-cli-upgrade-');

  it('prints each upgrade step on stderr, then the time of each, before the command runs', () => {
    const archive = path.join(dir, 'old.quire');
    archiveAtVersion6(archive);
    const r = quire(['stats', '--archive', archive, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ sources: 4 });
    const pending = LATEST_SCHEMA_VERSION - 6;
    const steps = 1 + 2 * pending;
    const lines = r.stderr.trim().split('\n');
    expect(lines.slice(0, steps)).toEqual([
      `Upgrading the archive: step 1 of ${steps}, backing up the archive first…`,
      ...Array.from({ length: pending }, (_, i) => [
        expect.stringMatching(new RegExp(`^Upgrading the archive: step ${2 + 2 * i} of ${steps}, migration ${i + 1} of ${pending} \\(to format ${7 + i}: .+\\)…$`)),
        expect.stringMatching(new RegExp(`^Upgrading the archive: step ${3 + 2 * i} of ${steps}, checking the archive after migration ${i + 1} of ${pending}…$`)),
      ]).flat(),
    ]);
    expect(lines[steps]).toMatch(/^Archive upgraded in \d+\.\d s \(backup \d+\.\d s, migration 7 \d+\.\d s, checks after migration 7 \d+\.\d s, .*\)\.$/);
    expect(lines).toHaveLength(steps + 1);
    // Once upgraded, nothing more to say.
    const again = quire(['stats', '--archive', archive, '--json']);
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('');
  });

  it('says so when a backup an older Quire made is restored and upgraded', () => {
    const archive = path.join(dir, 'current.quire');
    const old = path.join(dir, 'old-backup.quire');
    archiveAtVersion6(old, ['quay.txt']);
    expect(quire(['stats', '--archive', archive]).code).toBe(0);
    const r = quire(['restore', old, '--archive', archive]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Restored ${archive} from ${old}.`);
    expect(r.stderr).toMatch(/^Upgrading the archive: step 1 of \d+, backing up the archive first…\n/);
    expect(r.stderr).toMatch(/\nArchive upgraded in \d+\.\d s \(backup \d+\.\d s, migration 7 .*\)\.\n$/);
    expect(JSON.parse(quire(['stats', '--archive', archive, '--json']).stdout)).toMatchObject({ sources: 1 });
  });

  it('keeps to one updating line on a terminal, with the percentage, and ends it with the times', () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
    const lines: string[] = [];
    try {
      const report = upgradeReporter({ out: () => {}, err: (t) => lines.push(t), rendererDir: '', isTTY: true });
      const m7 = { index: 1, count: 1, version: 7, name: 'chunks' };
      report({ phase: 'backup', step: 1, steps: 3, fraction: 0 });
      report({ phase: 'backup', step: 1, steps: 3, fraction: 1, tookMs: 1500 });
      report({ phase: 'migration', step: 2, steps: 3, migration: m7, fraction: 0 });
      report({ phase: 'migration', step: 2, steps: 3, migration: m7, fraction: 0.42 });
      report({ phase: 'migration', step: 2, steps: 3, migration: m7, fraction: 1, tookMs: 61_000 });
      report({ phase: 'checks', step: 3, steps: 3, migration: m7, fraction: 0 });
      report({ phase: 'checks', step: 3, steps: 3, migration: m7, fraction: 1, tookMs: 200 });
      report({ phase: 'done', step: 3, steps: 3, fraction: 1 });
    } finally {
      spy.mockRestore();
    }
    expect(written).toEqual([
      '\r\x1b[KUpgrading the archive: step 1 of 3, backing up the archive first… 0%',
      '\r\x1b[KUpgrading the archive: step 2 of 3, migration 1 of 1 (to format 7: chunks)… 0%',
      '\r\x1b[KUpgrading the archive: step 2 of 3, migration 1 of 1 (to format 7: chunks)… 42%',
      '\r\x1b[KUpgrading the archive: step 3 of 3, checking the archive after migration 1 of 1… 0%',
      '\r\x1b[K',
    ]);
    expect(lines).toEqual([expect.stringMatching(/^Archive upgraded in \d+\.\d s \(backup 1\.5 s, migration 7 61\.0 s, checks after migration 7 0\.2 s\)\.$/)]);
  });
});
