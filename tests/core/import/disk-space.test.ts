// A file the disk cannot hold is refused at once, in plain words, before anything of it is
// written (a full disk used to be found by SQLite only after the whole file was parsed and
// written, and reported late); the files that fit are imported, and the archive is untouched.
// The free space comes from the OS; here the test gives it (JobContext.freeBytes).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../../electron/core/archive.ts';
import { importPaths, spaceNeeded } from '../../../electron/core/import/import-files.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

describe('a disk without room for a file', () => {
  const dir = tempDir();
  let archive: Archive;
  let small: string;
  let big: string;
  beforeAll(async () => {
    archive = new Archive(path.join(dir, 'space.quire'));
    small = path.join(dir, 'small.txt');
    fs.writeFileSync(small, 'Harbour notes\n\nThe ferry left at dawn.\n');
    big = path.join(dir, 'big.txt');
    fs.writeFileSync(big, Array.from({ length: 4000 }, (_, i) => `Notice ${i}\n\nThe tide table for pier ${i} changed again this week, the office says.\n\nRead more\n`).join('\n'));
    await importPaths(archive.db, [small], { jobId: 'first', isCancelled: () => false, onProgress: () => {} });
  });
  afterAll(() => archive.close());

  const entries = () => (archive.db.prepare('SELECT count(*) AS n FROM entries').get() as { n: number }).n;

  it('refuses the file that does not fit, naming the space free and needed, and keeps the one that does', async () => {
    const before = entries();
    const bigBytes = fs.statSync(big).size;
    // Room for a small file, not for the big one (its bytes and text together are twice its size).
    const free = spaceNeeded(bigBytes);
    const third = path.join(dir, 'third.txt');
    fs.writeFileSync(third, 'Market day\n\nThe stalls opened late because of the rain.\n');
    const dirs: string[] = [];
    const report = await importPaths(archive.db, [big, third], {
      jobId: 'space',
      isCancelled: () => false,
      onProgress: () => {},
      freeBytes: (d) => {
        dirs.push(d);
        return free;
      },
    });
    expect(report.files.map((f) => [path.basename(f.path), f.status])).toEqual([
      ['big.txt', 'rejected'],
      ['third.txt', 'imported'],
    ]);
    expect(report.files[0]!.error).toMatch(/^The disk holding the archive has [\d.]+ [KMG]B free; storing this file takes about [\d.]+ [KMG]B\. Nothing of it was kept/);
    // Asked about the archive's own folder.
    expect(new Set(dirs)).toEqual(new Set([path.resolve(dir)]));
    expect(entries()).toBe(before + 1);
    expect(archive.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('imports it when the room is there, and when the system cannot say how much there is', async () => {
    const report = await importPaths(archive.db, [big], { jobId: 'unknown', isCancelled: () => false, onProgress: () => {}, freeBytes: () => null });
    expect(report.files.map((f) => f.status)).toEqual(['imported']);
    expect(report.files[0]!.entries).toBeGreaterThan(3000);
  });
});
