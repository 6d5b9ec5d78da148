// The bench's breakdown of an import (JobContext.stageTimes): each thread reports the stages the
// bench prints, the nesting adds up, and an import that does not ask measures nothing.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Archive } from '../../../electron/core/archive.ts';
import { importPaths } from '../../../electron/core/import/import-files.ts';
import type { ImportStageTimes } from '../../../electron/core/import/stage-times.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const WORDS = 'kelp ferry orchard lantern quarry meadow signal harbour tinsmith ledger bramble cistern'.split(' ');

/** A digest of `posts` dated posts, bodies long enough for a MinHash signature. */
function digest(seed: number, posts: number): string {
  let s = seed;
  const word = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return WORDS[(s >>> 8) % WORDS.length]!;
  };
  return Array.from({ length: posts }, (_, i) => {
    const body = Array.from({ length: 60 }, word).join(' ');
    return `Notes on the ${word()} ${i}\n\n2021-03-${String(1 + (i % 28)).padStart(2, '0')}\n\nOda Brenner, Fjord Weekly, March ${1 + (i % 28)} 2021: ${body}.\n\n----\n`;
  }).join('\n\n');
}

describe('import stage times', () => {
  const dir = tempDir();
  const files = path.join(dir, 'dumps');
  fs.mkdirSync(files);
  fs.writeFileSync(path.join(files, 'a.txt'), digest(1, 12));
  fs.writeFileSync(path.join(files, 'b.txt'), digest(2, 12));
  const timed = new Archive(path.join(dir, 'timed.quire'));
  const plain = new Archive(path.join(dir, 'plain.quire'));
  afterAll(() => {
    timed.close();
    plain.close();
  });
  const job = (jobId: string, stageTimes?: ImportStageTimes) => ({ jobId, isCancelled: () => false, onProgress: () => {}, ...(stageTimes ? { stageTimes } : {}) });
  const entries = (a: Archive) => a.db.prepare('SELECT title, body, date FROM entries ORDER BY id').all();

  it('reports every stage of both threads, and the import stores the same entries as without', async () => {
    const times: ImportStageTimes = { prepare: {}, writer: {}, prepareThreadCpuMs: 0 };
    const report = await importPaths(timed.db, [files], job('timed', times));
    await importPaths(plain.db, [files], job('plain'));
    expect(report.entriesAdded).toBe(24);
    expect(entries(timed)).toEqual(entries(plain));

    expect(Object.keys(times.prepare).sort()).toEqual(['content packing', 'decode', 'entry hash, script, spans', 'fold', 'minhash', 'parse']);
    for (const stage of ['read + hash', 'waiting for the prepare thread', 'file writes', 'source rows (packed content)', 'index insert (FTS5)', 'commit', 'near-duplicate bands', 'search statistics']) {
      expect(times.writer[stage], stage).toBeDefined();
      expect(times.writer[stage]!.wallMs, stage).toBeGreaterThan(0);
    }
    // The helper thread's own CPU clock, at least what its stages took.
    const stagesCpu = Object.entries(times.prepare).filter(([k]) => k !== 'decode').reduce((n, [, t]) => n + t.cpuMs, 0);
    expect(times.prepareThreadCpuMs).toBeGreaterThan(0);
    expect(times.prepareThreadCpuMs).toBeGreaterThanOrEqual(stagesCpu);
    // And its heap's size, for the bench's memory breakdown.
    expect(times.prepareHeapMb).toBeGreaterThan(0);
    // Nested stages fit inside the ones that hold them.
    expect(times.prepare['decode']!.wallMs).toBeLessThanOrEqual(times.prepare['parse']!.wallMs);
    const w = times.writer;
    expect(w['index insert (FTS5)']!.wallMs + w['source rows (packed content)']!.wallMs).toBeLessThanOrEqual(w['file writes']!.wallMs);
  });

  it('measures nothing when the import does not ask', async () => {
    const times: ImportStageTimes = { prepare: {}, writer: {}, prepareThreadCpuMs: 0 };
    await importPaths(timed.db, [files], job('first', times));
    const before = JSON.stringify(times);
    fs.writeFileSync(path.join(files, 'c.txt'), digest(3, 12));
    const report = await importPaths(timed.db, [files], job('untimed'));
    expect(report.entriesAdded).toBe(12);
    expect(JSON.stringify(times)).toBe(before);
  });
});
