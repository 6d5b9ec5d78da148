// `quire search` end to end (on the bundle `npm test` builds first): import real files, search with text and --json output.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../helpers/temp-dir.ts';

const BIN = process.env['QUIRE_CLI'] ?? path.join(REPO_ROOT, 'bin', 'quire.mjs'); // QUIRE_CLI: another build to try

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

  it('counts every match even when there are too many to count within the search', () => {
    // 40,000 posts in one dump: a phrase over all of them is more than the search counts at once.
    const big = path.join(dir, 'big');
    fs.mkdirSync(big);
    fs.writeFileSync(path.join(big, 'digest.txt'), Array.from({ length: 40_000 }, (_, i) => `Notice ${i + 1}\n\nThe tide table for harbour ${i + 1} changed.\n\nRead more\n`).join('\n'));
    const bigArchive = path.join(dir, 'cli-big.quire');
    expect(quire(['import', big, '--archive', bigArchive, '--json']).code).toBe(0);
    // --exact-count waits for the count: the one JSON document holds it.
    const r = JSON.parse(quire(['search', '"tide table"', '--json', '--exact-count', '--limit', '5', '--archive', bigArchive]).stdout);
    expect(r.total).toBe(40_000);
    expect(r.totalExact).toBe(true);
    expect(r.hits).toHaveLength(5);
    // Without it the first page comes at once with a lower bound...
    const quick = JSON.parse(quire(['search', '"tide table"', '--json', '--limit', '5', '--archive', bigArchive]).stdout);
    expect(quick.totalExact).toBe(false);
    expect(quick.total).toBeLessThan(40_000);
    expect(quick.hits).toHaveLength(5);
    // ...and as text, the exact count follows the page.
    const text = quire(['search', '"tide table"', '--limit', '3', '--archive', bigArchive]);
    expect(text.code).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^At least [\d,]+ entries match \(counting the rest…\)\.$/);
    expect(lines.filter((l) => l.startsWith('#'))).toHaveLength(3);
    expect(lines.at(-1)).toBe('40,000 entries match in all.');
  });

  it('explains a malformed query in one plain line', () => {
    const r = quire(['search', '"storm', '--archive', archive]);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/quote opened at character 1 is never closed/);
  });
});
