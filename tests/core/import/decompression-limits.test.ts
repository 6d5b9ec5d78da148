// Decompression bombs and oversized files: refused with a message that names the limit, before
// they take the memory, and without losing the good files imported with them.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../shared/contract.ts';
import { Archive } from '../../../electron/core/archive.ts';
import { importPaths } from '../../../electron/core/import/import-files.ts';
import type { ImportLimits } from '../../../electron/core/import/import-limits.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { utf8 } from './fixtures/encode-legacy.ts';
import { deflated, makeZip } from './fixtures/make-zip.ts';

const MB = 1024 * 1024;
const GOOD = utf8('Ferry timetable\n\nThe morning ferry leaves at seven from May onwards.\n');

describe('decompression and size limits', () => {
  const dir = tempDir();
  const archive = new Archive(path.join(dir, 'limits.quire'));
  afterAll(() => archive.close());
  const write = (name: string, bytes: Uint8Array) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    return file;
  };
  const run = (paths: string[], limits?: Partial<ImportLimits>) =>
    importPaths(archive.db, paths, { jobId: `limits-${Math.random()}`, isCancelled: () => false, onProgress: () => {}, ...(limits ? { limits } : {}) });
  const sourceCount = () => (archive.db.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n;

  /** Peak RSS growth while `work` runs, sampled every 20 ms. */
  async function peakGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
    const start = process.memoryUsage().rss;
    let peak = start;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      const result = await work();
      peak = Math.max(peak, process.memoryUsage().rss);
      return { result, growth: peak - start };
    } finally {
      clearInterval(timer);
    }
  }

  it('refuses a tiny zip whose table of contents declares a huge member, without inflating it', async () => {
    const zip = makeZip([
      { name: 'note.txt', data: utf8('Harbour note\n\nThe pier lights were fixed on Monday.\n') },
      { name: 'bomb.txt', data: new Uint8Array(64 * 1024), declaredSize: 4_000_000_000 },
    ]);
    expect(zip.byteLength).toBeLessThan(2000);
    const started = performance.now();
    const report = await run([write('declared.zip', zip)]);
    // Refused from its table of contents: seconds at most even on a loaded machine (3 s was
    // exceeded at load 14), where unpacking 4 GB would take far longer.
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(report.files.map((f) => [path.basename(f.path), f.status])).toEqual([
      ['bomb.txt', 'rejected'],
      ['note.txt', 'imported'],
    ]);
    expect(report.files[0]!.error).toMatch(/would unpack to more than 200 times its compressed size \(past 100 MB\).*decompression bomb/u);
  });

  it('refuses a zip whose members together declare more than the container limit, naming it', async () => {
    const zip = makeZip([
      { name: 'a.txt', data: GOOD, declaredSize: 3 * 1024 * MB },
      { name: 'b.txt', data: GOOD, declaredSize: 3 * 1024 * MB },
    ]);
    const report = await run([write('two-huge.zip', zip)]);
    expect(report.files).toEqual([expect.objectContaining({ status: 'rejected', error: expect.stringMatching(/would unpack to 6 GB, more than 4 GB, Quire's limit for one container/u) })]);
  });

  it('stops inflating a member that unpacks past the cap although it declares a small size, and keeps its good neighbour', async () => {
    const before = sourceCount();
    const zip = makeZip([
      { name: 'liar.txt', data: new Uint8Array(20 * MB).fill(0x61), declaredSize: 100 },
      { name: 'ok.txt', data: GOOD },
    ]);
    const report = await run([write('liar.zip', zip)], { maxFileBytes: 2 * MB, maxUnpackedMember: 2 * MB });
    expect(report.files.map((f) => [path.basename(f.path), f.status])).toEqual([
      ['liar.txt', 'rejected'],
      ['ok.txt', 'imported'],
    ]);
    expect(report.files[0]!.error).toMatch(/would unpack to more than 2 MB; Quire imports files of up to 2 MB/u);
    expect(sourceCount()).toBe(before + 1);
  });

  it('refuses a gzip bomb (and a .warc.gz one) at the default limits, quickly and without the memory', async () => {
    // 300 MB of zeros in 30 gzip members: about 300 KB on disk.
    const member = zlib.gzipSync(Buffer.alloc(10 * MB), { level: 9 });
    const bomb = new Uint8Array(Buffer.concat(Array.from({ length: 30 }, () => member)));
    expect(bomb.byteLength).toBeLessThan(1 * MB);
    const files = [write('dump.txt.gz', bomb), write('crawl.warc.gz', bomb), write('good.txt', utf8('Market note\n\nThe square market moves to Fridays.\n'))];
    const { result: report, growth } = await peakGrowth(() => run(files));
    expect(report.files.map((f) => [path.basename(f.path), f.status])).toEqual([
      ['dump.txt.gz', 'rejected'],
      ['crawl.warc.gz', 'rejected'],
      ['good.txt', 'imported'],
    ]);
    for (const f of report.files.slice(0, 2)) expect(f.error).toMatch(/would unpack to more than 200 times its compressed size \(past 100 MB\)/u);
    expect(growth).toBeLessThan(400 * MB);
  });

  it('refuses 3,000 members of 1 MB past the container limit: up front when declared, as it unpacks when not, with memory bounded', async () => {
    const body = deflated(new Uint8Array(MB));
    const honest = makeZip(Array.from({ length: 3000 }, (_, i) => ({ name: `m/${String(i).padStart(4, '0')}.bin`, deflated: body })));
    const limits = { maxUnpackedContainer: 32 * MB };
    const declared = await run([write('honest.zip', honest)], limits);
    expect(declared.files).toEqual([expect.objectContaining({ status: 'rejected', error: expect.stringMatching(/would unpack to 2\.9 GB, more than 32 MB, Quire's limit for one container/u) })]);

    const lying = makeZip(Array.from({ length: 3000 }, (_, i) => ({ name: `m/${String(i).padStart(4, '0')}.bin`, deflated: body, declaredSize: 1 })));
    const { result: report, growth } = await peakGrowth(() => run([write('lying.zip', lying)], limits));
    expect(report.files).toHaveLength(3000);
    const refusedForSize = report.files.filter((f) => /Quire's limit for one container/u.test(f.error ?? ''));
    // 32 members fit (each then refused as binary, not text); every one after them is refused for the limit.
    expect(refusedForSize.length).toBeGreaterThanOrEqual(3000 - 32);
    expect(refusedForSize.length).toBeLessThan(3000);
    expect(growth).toBeLessThan(200 * MB);
  }, 60_000);

  it('refuses a file over the size limit before reading it, saying what to do, and imports the rest', async () => {
    const big = write('big.txt', new Uint8Array(3 * MB).fill(0x62));
    const good = write('small.txt', utf8('Library hours\n\nThe library opens on Sundays from June.\n'));
    const report = await run([big, good], { maxFileBytes: 2 * MB });
    expect(report.files.map((f) => [path.basename(f.path), f.status])).toEqual([
      ['big.txt', 'rejected'],
      ['small.txt', 'imported'],
    ]);
    expect(report.files[0]!.error).toMatch(/This file is 3 MB; Quire reads files of up to 2 MB whole, and larger ones in parts only when they are .*Split it into smaller files/u);
  });
});

describe('one file failing to store', () => {
  const dir = tempDir();
  const archive = new Archive(path.join(dir, 'write-failure.quire'));
  afterAll(() => archive.close());

  it('rolls back that file only; the files before and after it are kept and the import goes on', async () => {
    // A failure inside the write itself, as SQLITE_TOOBIG or a constraint would be.
    archive.db.exec("CREATE TEMP TRIGGER poison BEFORE INSERT ON entries WHEN NEW.title = 'Poisoned' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
    const files = ['a.txt', 'b.txt', 'c.txt'].map((name, i) => {
      const file = path.join(dir, name);
      const title = i === 1 ? 'Poisoned' : `Note ${i}`;
      fs.writeFileSync(file, `${title}\n\nBody of note ${i} about the harbour.\n\n${title} again\n\nA second entry of note ${i}.\n`);
      return file;
    });
    const report = (await archive.call('importFiles', { paths: files })) as ImportReport;
    expect(report.files.map((f) => [path.basename(f.path), f.status])).toEqual([
      ['a.txt', 'imported'],
      ['b.txt', 'rejected'],
      ['c.txt', 'imported'],
    ]);
    expect(report.files[1]!.error).toMatch(/could not store this file, so nothing of it was kept/u);
    const names = archive.db.prepare('SELECT name FROM sources ORDER BY name').all();
    expect(names).toEqual([{ name: 'a.txt' }, { name: 'c.txt' }]);
    // Nothing of b.txt: no entry of its own, no link.
    expect(archive.db.prepare("SELECT count(*) AS n FROM entries WHERE title LIKE 'Poisoned%' OR body LIKE '%note 1%'").get()).toEqual({ n: 0 });
  });
});
