// An import holds less of the archive in memory than the writer's connection otherwise may
// (import-memory.ts: 16 MB of page cache and no memory map, not 256 MB of each), and gives the
// connection its own settings back after, whether the import succeeds or is cancelled.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { Archive } from '../../../electron/core/archive.ts';
import { DocumentPreparer } from '../../../electron/core/import/document-preparer.ts';
import { importPaths } from '../../../electron/core/import/import-files.ts';
import { IMPORT_CACHE_KIB, IMPORT_MMAP_BYTES } from '../../../electron/core/import/import-memory.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { topicPost } from './fixtures/topic-posts.ts';

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

// Files read ahead wait in memory (bytes in both threads, text, entries) until they are written,
// so the import stops reading ahead once those waiting hold JobContext.lookaheadBytes.
describe('the files an import reads ahead', () => {
  const dir = tempDir();
  const archive = new Archive(path.join(dir, 'lookahead.quire'));
  afterAll(() => archive.close());
  afterEach(() => vi.restoreAllMocks());
  /** Dump `i` of run `run`: all of the same size, so a bound of one or two files' bytes can be given exactly. */
  const dump = (run: number, i: number) => JSON.stringify([{ title: `Mill ledger ${i}`, body: `The miller counted sacks of rye on day ${i} of week ${String(run).padStart(3, '0')}.` }]);
  const size = Buffer.byteLength(dump(0, 0));
  let run = 0;
  const prepare = DocumentPreparer.prototype.prepare;

  /** What happened in order: `read N` when file N went to the prepare thread, `write N` when the writer began it. */
  async function importLogged(lookaheadBytes?: number) {
    const runDir = path.join(dir, `run-${++run}`);
    fs.mkdirSync(runDir);
    // New text each run, so no file is one the archive already holds.
    const files = [0, 1, 2, 3].map((i) => {
      const file = path.join(runDir, `mill-${i}.json`);
      fs.writeFileSync(file, dump(run, i));
      return file;
    });
    const log: string[] = [];
    vi.spyOn(DocumentPreparer.prototype, 'prepare').mockImplementation(function (this: DocumentPreparer, name, ...rest) {
      log.push(`read ${name.replace(/\D/gu, '')}`);
      return prepare.call(this, name, ...rest);
    });
    let current: string | null = null;
    const report = await importPaths(archive.db, files, {
      jobId: `lookahead-${run}`,
      isCancelled: () => false,
      onProgress: (p) => {
        if (p.currentFile && p.currentFile !== current) log.push(`write ${path.basename(p.currentFile).replace(/\D/gu, '')}`);
        current = p.currentFile;
      },
      ...(lookaheadBytes !== undefined ? { lookaheadBytes } : {}),
    });
    expect(report.files.map((f) => f.error ?? f.status)).toEqual(['imported', 'imported', 'imported', 'imported']);
    return log;
  }

  it('reads the next file while one is written when they are small', async () => {
    expect(await importLogged()).toEqual(['read 0', 'read 1', 'write 0', 'read 2', 'write 1', 'read 3', 'write 2', 'write 3']);
  });

  it('reads one file at a time when one file fills the bound, and still imports files larger than it', async () => {
    expect(await importLogged(size)).toEqual(['read 0', 'write 0', 'read 1', 'write 1', 'read 2', 'write 2', 'read 3', 'write 3']);
    expect(await importLogged(1)).toEqual(['read 0', 'write 0', 'read 1', 'write 1', 'read 2', 'write 2', 'read 3', 'write 3']);
  });

  it('counts bytes: a bound just over one file lets the next one be read ahead', async () => {
    expect(await importLogged(size + 1)).toEqual(['read 0', 'read 1', 'write 0', 'read 2', 'write 1', 'read 3', 'write 2', 'write 3']);
  });
});

// The new entries' near-duplicate keys wait in the writer's memory until they are indexed
// (band-index.ts): once JobContext.bandMemory of them wait, they are indexed between two files.
describe('the near-duplicate keys an import keeps in memory', () => {
  const dir = tempDir();
  const archive = new Archive(path.join(dir, 'band-memory.quire'));
  afterAll(() => archive.close());
  const topics = ['kiln', 'smithy', 'granary', 'tannery', 'cooperage', 'ropewalk'];
  // Six files of two posts each, on topics of their own (no post is a version of another).
  const files = topics.map((t, i) => {
    const file = path.join(dir, `yard-${i}.json`);
    fs.writeFileSync(file, JSON.stringify([topicPost(t), topicPost(`${t} yard`)]));
    return file;
  });
  const waiting = archive.db.prepare("SELECT count(*) FROM entries WHERE minhash IS NOT NULL AND id > (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'bands_upto')").pluck();

  it('holds at most the bound and one file more, and indexes them all by the end', async () => {
    let most = 0;
    const report = await importPaths(archive.db, files, {
      jobId: 'band-memory',
      isCancelled: () => false,
      bandMemory: 3,
      // Each file's start is reported: the files before it are written by then.
      onProgress: (p) => (most = Math.max(most, p.currentFile ? (waiting.get() as number) : 0)),
    });
    expect(report.counts).toEqual({ newEntries: 12, versions: 0, duplicates: 0 });
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(3 + 2 - 1);
    expect(waiting.get()).toBe(0);
  });
});
