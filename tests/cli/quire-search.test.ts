// `quire search` end to end (on the bundle `npm test` builds first): import real files, search with text and --json output.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../helpers/temp-dir.ts';

const BIN = path.join(REPO_ROOT, 'bin', 'quire.mjs');

function quire(args: string[]) {
  const res = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe('quire search', () => {
  const dir = tempDir();
  const archive = path.join(dir, 'cli-search.quire');
  beforeAll(() => {
    const docs = path.join(dir, 'docs');
    fs.mkdirSync(docs);
    fs.writeFileSync(path.join(docs, 'one.txt'), 'The lighthouse keeper wrote about the storm over the bay.\n');
    fs.writeFileSync(path.join(docs, 'two.txt'), 'Fishermen stayed ashore while the storm passed.\n');
    fs.writeFileSync(path.join(docs, 'three.txt'), 'گزارش درباره‌ی كتابخانه ملی\n');
    const imported = quire(['import', docs, '--archive', archive, '--json']);
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
  });

  it('prints matching entries with snippets as text', () => {
    const r = quire(['search', 'storm', '--archive', archive]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^2 entries match\./);
    expect(r.stdout).toContain('lighthouse keeper');
    expect(r.stdout).toContain('Fishermen stayed ashore');
  });

  it('gives the same results as JSON, with folding and operators', () => {
    const r = quire(['search', 'storm -lighthouse', '--json', '--archive', archive]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.total).toBe(1);
    expect(json.hits[0].snippet).toContain('Fishermen');
    const folded = JSON.parse(quire(['search', 'کتابخانه', '--json', '--archive', archive]).stdout);
    expect(folded.total).toBe(1);
  });

  it('explains a malformed query in one plain line', () => {
    const r = quire(['search', '"storm', '--archive', archive]);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/quote opened at character 1 is never closed/);
  });
});
