// Re-importing overlapping dumps: the report counts new entries, exact duplicates and
// near-duplicate versions apart, and each number is what really changed in the archive.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { Archive } from '../../../electron/core/archive.ts';
import { importPaths } from '../../../electron/core/import/import-files.ts';
import { REPO_ROOT, tempDir } from '../../helpers/temp-dir.ts';
import { fileEntriesPhrase } from '../../../shared/entry-counts.ts';
import { topicPost } from './fixtures/topic-posts.ts';

const CLI = path.join(REPO_ROOT, 'electron', 'cli', 'cli-entry.ts');

/** A 40-word post on its topic; `variant` makes a near-duplicate version. */
const post = (topic: string, variant = '') => topicPost(topic, variant);

describe('import report counts', () => {
  const dir = tempDir();
  const archive = new Archive(path.join(dir, 'counts.quire'));
  afterAll(() => archive.close());
  const write = (name: string, posts: unknown[]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(posts));
    return file;
  };
  const run = (paths: string[]) => importPaths(archive.db, paths, { jobId: `counts-${paths.length}-${Math.random()}`, isCancelled: () => false, onProgress: () => {} });
  const table = () => {
    const rows = archive.db.prepare('SELECT id, near_group AS nearGroup FROM entries').all() as { id: number; nearGroup: number | null }[];
    return { total: rows.length, versions: rows.filter((r) => r.nearGroup !== null && r.nearGroup !== r.id).length };
  };

  it('counts new entries, exact duplicates and versions apart, per file and in total', async () => {
    const first = write('first.json', [post('harbour'), post('library'), post('bridge'), post('school')]);
    const one = await run([first]);
    expect(one.counts).toEqual({ newEntries: 4, versions: 0, duplicates: 0 });
    expect(one.entriesAdded).toBe(4);
    expect(table()).toEqual({ total: 4, versions: 0 });

    // Two identical to the first dump, two near-duplicate versions, three new (one of them twice in the file).
    const second = write('second.json', [
      post('harbour'),
      post('library'),
      post('bridge', 'morning'),
      post('school', 'weekend'),
      post('market'),
      post('orchard'),
      post('museum'),
      post('museum'),
    ]);
    const before = table();
    const two = await run([second]);
    const after = table();
    expect(two.counts).toEqual({ newEntries: 3, versions: 2, duplicates: 3 });
    expect(two.entriesAdded).toBe(after.total - before.total);
    expect(two.counts.newEntries + two.counts.versions).toBe(after.total - before.total);
    expect(two.counts.versions).toBe(after.versions - before.versions);
    const file = two.files.find((f) => f.path.endsWith('second.json'))!;
    expect(file).toMatchObject({ status: 'imported', entries: 8, counts: { newEntries: 3, versions: 2, duplicates: 3 } });
  });

  it('sums the counts of several files, and a duplicate within the same import counts once', async () => {
    const a = write('a.json', [post('ferry'), post('quarry')]);
    const b = write('b.json', [post('ferry'), post('quarry', 'dawn'), post('lighthouse')]);
    const before = table();
    const report = await run([a, b]);
    const after = table();
    expect(report.counts).toEqual({ newEntries: 3, versions: 1, duplicates: 1 });
    expect(report.files.map((f) => f.counts)).toEqual([
      { newEntries: 2, versions: 0, duplicates: 0 },
      { newEntries: 1, versions: 1, duplicates: 1 },
    ]);
    expect(report.entriesAdded).toBe(after.total - before.total);
  });

  it('quire import prints the three numbers', () => {
    const cliArchive = path.join(dir, 'cli.quire');
    const first = write('cli-first.json', [post('harbour'), post('library')]);
    const second = write('cli-second.json', [post('harbour'), post('library', 'night'), post('garden')]);
    const quire = (file: string) => spawnSync(process.execPath, [CLI, 'import', file, '--archive', cliArchive], { encoding: 'utf8', timeout: 60_000 });
    expect(quire(first).stdout).toMatch(/^2 entries added\.$/mu);
    const out = quire(second).stdout;
    expect(out).toContain('cli-second.json (3 entries: 1 new, 1 version of an earlier entry, 1 exact duplicate)');
    expect(out).toMatch(/^1 new entry and 1 version of an earlier entry added; 1 exact duplicate skipped\.$/mu);
  });

  it('says only the kinds a file had: no "0 new" for a file that only brought a version', () => {
    expect(fileEntriesPhrase(1, { newEntries: 0, versions: 1, duplicates: 0 })).toBe('1 entry: 1 version of an earlier entry');
    expect(fileEntriesPhrase(3, { newEntries: 0, versions: 1, duplicates: 2 })).toBe('3 entries: 1 version of an earlier entry, 2 exact duplicates');
    expect(fileEntriesPhrase(2, { newEntries: 2, versions: 0, duplicates: 0 })).toBe('2 entries');
  });
});
