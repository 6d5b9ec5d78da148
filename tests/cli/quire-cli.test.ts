import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../helpers/temp-dir.ts';

const BIN = process.env['QUIRE_CLI'] ?? path.join(REPO_ROOT, 'bin', 'quire.mjs'); // QUIRE_CLI: another build to try

function quire(args: string[], env: Record<string, string> = {}) {
  const res = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe('the quire command', () => {
  const dir = tempDir();

  it('prints zero counts for a new archive as JSON', () => {
    const r = quire(['stats', '--json', '--archive', path.join(dir, 'fresh.quire')]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ sources: 0, entries: 0, highlights: 0, codes: 0, collections: 0 });
  });

  it('takes the archive from QUIRE_ARCHIVE', () => {
    const file = path.join(dir, 'from-env.quire');
    const r = quire(['stats', '--json'], { QUIRE_ARCHIVE: file });
    expect(r.code).toBe(0);
    expect(fs.existsSync(file)).toBe(true);
  });

  it('imports files and reports each as JSON, then reports a re-import as duplicate', () => {
    const archive = path.join(dir, 'import.quire');
    const file = path.join(dir, 'page.txt');
    fs.writeFileSync(file, 'A page title\n\nSome body text of the page.\n');
    const first = quire(['import', file, '--archive', archive, '--json']);
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report.files).toHaveLength(1);
    expect(report.files[0]).toMatchObject({ path: file, status: 'imported' });
    expect(report.files[0].entries).toBeGreaterThan(0);
    const again = JSON.parse(quire(['import', file, '--archive', archive, '--json']).stdout);
    expect(again.files[0]).toMatchObject({ status: 'duplicate', entries: 0 });
  });

  it('fails with one plain line, never a stack trace, for user mistakes', () => {
    const notArchive = path.join(dir, 'notes.txt');
    fs.writeFileSync(notArchive, 'not a database');
    for (const args of [['stats', '--archive', notArchive], ['frobnicate'], ['search'], ['stats', '--bogus']]) {
      const r = quire(args);
      expect(r.code).not.toBe(0);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^quire: /);
      expect(r.stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
    }
  });
});
