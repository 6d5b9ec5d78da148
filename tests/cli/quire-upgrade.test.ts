// A command on an archive an older Quire wrote upgrades it first and says so on stderr, a line
// per step when stderr is not a terminal, then how long each step took; the output is unchanged.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrations/index.ts';
import { archiveAtVersion6 } from '../helpers/archive-at-version-6.ts';
import { REPO_ROOT, tempDir } from '../helpers/temp-dir.ts';

const CLI = path.join(REPO_ROOT, 'electron', 'cli', 'cli-entry.ts');
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
});
