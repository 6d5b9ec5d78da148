// An import holds less of the archive in memory than the writer's connection otherwise may
// (import-memory.ts: 64 MB of page cache and no memory map, not 256 MB of each), and gives the
// connection its own settings back after, whether the import succeeds or is cancelled.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Archive } from '../../../electron/core/archive.ts';
import { importPaths } from '../../../electron/core/import/import-files.ts';
import { IMPORT_CACHE_KIB, IMPORT_MMAP_BYTES } from '../../../electron/core/import/import-memory.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

describe('the memory an import holds', () => {
  const dir = tempDir();
  const archive = new Archive(path.join(dir, 'memory.quire'));
  afterAll(() => archive.close());
  const settings = () => ({ cache: archive.db.pragma('cache_size', { simple: true }), mmap: archive.db.pragma('mmap_size', { simple: true }) });
  const dumps = Array.from({ length: 3 }, (_, i) => {
    const file = path.join(dir, `dump-${i}.json`);
    fs.writeFileSync(file, JSON.stringify([{ title: `Weir report ${i}`, body: `The weir at the mill was mended in spring ${i}.` }]));
    return file;
  });

  it('is limited while the files are written, and the connection has its own settings back after', async () => {
    const own = settings();
    expect(own.cache).toBeLessThan(-IMPORT_CACHE_KIB); // the writer opens with more than an import uses
    const seen: ReturnType<typeof settings>[] = [];
    await importPaths(archive.db, dumps.slice(0, 2), { jobId: 'memory', isCancelled: () => false, onProgress: (p) => p.entriesDone > 0 && seen.push(settings()) });
    expect(seen.length).toBeGreaterThan(0);
    for (const s of seen) expect(s).toEqual({ cache: -IMPORT_CACHE_KIB, mmap: Math.min(Number(own.mmap), IMPORT_MMAP_BYTES) });
    expect(settings()).toEqual(own);
  });

  it('gives them back when the import is cancelled', async () => {
    const own = settings();
    const report = await importPaths(archive.db, dumps.slice(2), { jobId: 'memory-cancelled', isCancelled: () => true, onProgress: () => {} });
    expect(report.cancelled).toBe(true);
    expect(settings()).toEqual(own);
  });
});
