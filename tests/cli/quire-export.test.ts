// `quire export`, `quire verify` and `quire import-project` end to end on an archive built from
// real imports. Runs the bundle `npm test` builds; QUIRE_CLI points at another build of cli.mjs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../helpers/temp-dir.ts';
import { buildCollection } from '../core/export/build-collection.ts';

const BIN = process.env['QUIRE_CLI'] ?? path.join(REPO_ROOT, 'bin', 'quire.mjs');

describe('quire export / verify / import-project', () => {
  const dir = tempDir('quire-cli-export-');
  const archive = path.join(dir, 'study.quire');
  const run = (args: string[], archivePath = archive) => {
    const res = spawnSync(process.execPath, [BIN, ...args, '--archive', archivePath], { encoding: 'utf8' });
    return { code: res.status, stdout: res.stdout, stderr: res.stderr };
  };
  const out = (name: string) => path.join(dir, name);

  beforeAll(async () => {
    const built = await buildCollection(dir);
    built.archive.close();
  });

  it('exports a collection and says what it wrote', () => {
    // The formats verify reads; every format's content is tested in tests/core/export.
    for (const format of ['csv', 'json', 'qdpx', 'w3c']) {
      const file = out(`harbour.${format}`);
      const r = run(['export', '--collection', 'Harbour study', '--format', format, '--out', file]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(`Wrote ${file}: 4 entries, 8 highlights (${format}).\n`);
      expect(fs.statSync(file).size).toBeGreaterThan(500);
      expect(fs.existsSync(`${file}.part`)).toBe(false);
    }
  });

  it('exports a search, chosen entries or everything; highlights only with context', () => {
    const r = run(['export', '--query', 'ferry', '--format', 'json', '--out', out('ferry.json'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ entries: 1, highlights: 3, format: 'json' });
    expect(JSON.parse(fs.readFileSync(out('ferry.json'), 'utf8')).entries[0].title).toBe('Ferry service returns');
    const all = run(['export', '--all', '--highlights-only', '--context', '4', '--format', 'csv', '--out', out('all.csv'), '--json']);
    expect(JSON.parse(all.stdout)).toMatchObject({ entries: 4, highlights: 8 });
    expect(fs.readFileSync(out('all.csv'), 'utf8')).toContain('Fares stay the same,Topics/Economy/Prices,,rs. ,.');
    const one = run(['export', '--entry', '1', '--format', 'md', '--out', out('one.md'), '--json']);
    expect(JSON.parse(one.stdout).entries).toBe(1);
  });

  it('verify: an untouched export holds; a tampered passage fails with its reason and exit code 1', () => {
    const good = run(['verify', out('harbour.csv')]);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toBe('8 passages checked (csv): 8 hold, 0 fail.\n');
    for (const f of ['harbour.json', 'harbour.w3c', 'harbour.qdpx']) expect(run(['verify', out(f)]).code).toBe(0);

    fs.writeFileSync(out('tampered.csv'), fs.readFileSync(out('harbour.csv'), 'utf8').replace('渡轮恢复运营', '渡轮停止运营'));
    const bad = run(['verify', out('tampered.csv')]);
    expect(bad.code).toBe(1);
    const lines = bad.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^FAIL {2}row \d+: The entry's text at \d+–\d+ reads “渡轮恢复运营”, not the quoted “渡轮停止运营”\.$/);
    expect(lines[1]).toBe('8 passages checked (csv): 7 hold, 1 fails.');
  });

  it('import-project brings a JSON export into an empty archive, and a second time changes nothing', () => {
    const copy = out('copy.quire');
    const first = run(['import-project', out('harbour.json'), '--json'], copy);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout).created).toMatchObject({ entries: 4, highlights: 8, codes: 5, collections: 1 });
    const second = run(['import-project', out('harbour.json')], copy);
    expect(second.stdout).toBe('Imported the export: new 0 entries, 0 codes, 0 highlights, 0 notes, 0 collections, 0 sources; updated 0.\n');
    // The copy holds the passages the export cites (its sources are records without bytes, which verify says).
    const v = run(['verify', out('harbour.json'), '--json'], copy);
    expect(JSON.parse(v.stdout).failures[0].reason).toMatch(/does not hold its bytes/);
  });

  it('refuses plainly what it cannot do', () => {
    const usage = (args: string[]) => {
      const r = run(args);
      expect(r.code, r.stdout).toBe(2);
      return r.stderr.trim();
    };
    expect(usage(['export', '--all', '--out', out('x.md')])).toMatch(/--format must be one of/);
    expect(usage(['export', '--all', '--query', 'x', '--format', 'md', '--out', out('x.md')])).toMatch(/one of them/);
    expect(usage(['export', '--all', '--context', '3', '--format', 'md', '--out', out('x.md')])).toMatch(/--context goes with --highlights-only/);
    const missing = run(['export', '--collection', 'Nope', '--format', 'md', '--out', out('x.md')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/There is no collection "Nope"/);
    const noSource = run(['export', '--all', '--format', 'md', '--out', out('x.md')], out('missing.quire'));
    expect(noSource.code).toBe(1);
    expect(noSource.stderr).toMatch(/no archive at .*missing\.quire to export from/);
    const noArchive = run(['verify', out('harbour.csv')], out('missing.quire'));
    expect(noArchive.code).toBe(1);
    expect(noArchive.stderr).toMatch(/There is no archive at .*missing\.quire/);
    expect(fs.existsSync(out('missing.quire'))).toBe(false);
    const notExport = run(['verify', path.join(dir, 'posts.json')]);
    expect(notExport.code).toBe(1);
    expect(notExport.stderr).toMatch(/neither a Quire export nor W3C annotations|not an export/);
  });
});
