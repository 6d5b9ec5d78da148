// quire backup, backups and restore: the app's backups from the command line. Runs the bundle
// `npm test` builds, as the other command tests do (from the TypeScript source each of its ten
// runs compiled the CLI, and each import its workers, again); QUIRE_CLI points at another build.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../helpers/temp-dir.ts';

const CLI = process.env['QUIRE_CLI'] ?? path.join(REPO_ROOT, 'bin', 'quire.mjs');
const quire = (args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, QUIRE_QUIET_MIGRATIONS: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('quire backup / backups / restore', () => {
  const dir = tempDir('quire-cli-backup-');
  const archive = path.join(dir, 'notes.quire');

  it('backs up, lists, and restores an earlier state, keeping the replaced one', () => {
    const first = path.join(dir, 'first.txt');
    fs.writeFileSync(first, 'Ferry notes\n\nThe early ferry leaves at six.');
    expect(quire(['import', first, '--archive', archive]).code).toBe(0);
    const made = quire(['backup', '--archive', archive, '--json']);
    expect(made.code).toBe(0);
    const backup = JSON.parse(made.stdout) as { path: string; reason: string };
    expect(backup.reason).toBe('manual');
    expect(path.dirname(backup.path)).toBe(`${archive}.backups`);

    const out = path.join(dir, 'copy.quire');
    expect(quire(['backup', '--archive', archive, '--out', out]).stdout).toContain(`to ${out}`);
    expect(fs.existsSync(out)).toBe(true);

    const later = path.join(dir, 'later.txt');
    fs.writeFileSync(later, 'Lighthouse notes\n\nThe lighthouse keeper logs the fog.');
    expect(quire(['import', later, '--archive', archive]).code).toBe(0);
    expect(JSON.parse(quire(['search', 'lighthouse', '--archive', archive, '--json']).stdout).total).toBe(1);

    const listed = JSON.parse(quire(['backups', '--archive', archive, '--json']).stdout) as { path: string }[];
    expect(listed.map((b) => b.path)).toContain(backup.path);

    const restored = quire(['restore', backup.path, '--archive', archive]);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('What it replaced is kept as');
    expect(JSON.parse(quire(['search', 'lighthouse', '--archive', archive, '--json']).stdout).total).toBe(0);
    expect(JSON.parse(quire(['search', 'ferry', '--archive', archive, '--json']).stdout).total).toBe(1);
    // Ten CLI processes in a row: 49 s of a 60 s limit on a machine loaded 12 deep.
  }, 120_000);

  it('refuses to restore a file that is not a backup, saying so', () => {
    const junk = path.join(dir, 'junk.quire');
    fs.writeFileSync(junk, 'plain text, not an archive');
    const r = quire(['restore', junk, '--archive', archive]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is not a Quire archive backup');
    expect(quire(['restore', '--archive', archive]).code).toBe(2);
  });
});
