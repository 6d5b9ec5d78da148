import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveEvent, ImportReport } from '../../shared/contract.ts';
import { ArchiveHost } from '../../electron/core/worker/archive-host.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('the archive host (worker threads behind the contract)', () => {
  const dir = tempDir();
  let host: ArchiveHost;
  beforeAll(async () => {
    host = await ArchiveHost.open(path.join(dir, 'host.quire'));
  });
  afterAll(async () => {
    await host.close();
  });

  it('answers contract calls as data', async () => {
    const result = await host.invoke('stats', undefined);
    expect(result).toEqual({ ok: true, value: { sources: 0, entries: 0, highlights: 0, codes: 0, collections: 0 } });
  });

  it('rejects invalid input at the boundary with a message naming the field', async () => {
    const result = await host.invoke('getEntry', { id: 'seven' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-input');
      expect(result.error.message).toMatch(/getEntry \(id\)/);
    }
    const unknown = await host.invoke('dropAllTables', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('reports not-found as data, not as a crash', async () => {
    const result = await host.invoke('getEntry', { id: 12345 });
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('streams progress while importing and the reader sees the new entries', async () => {
    const files = Array.from({ length: 5 }, (_, i) => {
      const file = path.join(dir, `note-${i}.txt`);
      fs.writeFileSync(file, `Note number ${i}\n\nA short body for note ${i} with a few words in it.`);
      return file;
    });
    const events: ArchiveEvent[] = [];
    const off = host.onEvent((e) => events.push(e));
    const result = await host.invoke('importFiles', { paths: files, jobId: 'job-progress' });
    off();
    expect(result.ok).toBe(true);
    const report = (result as { value: ImportReport }).value;
    expect(report.files.map((f) => f.status)).toEqual(Array(5).fill('imported'));
    const progress = events.filter((e) => e.type === 'import-progress');
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toMatchObject({ progress: { jobId: 'job-progress', filesDone: 5, filesTotal: 5 } });
    expect(events.some((e) => e.type === 'import-finished')).toBe(true);
    const stats = await host.invoke('stats', undefined);
    expect(stats).toMatchObject({ ok: true, value: { sources: 5, entries: 5 } });
  });

  it('cancels a running import, keeping finished files and nothing half-imported', async () => {
    const big = Array.from({ length: 40 }, (_, i) => {
      const file = path.join(dir, `big-${i}.txt`);
      fs.writeFileSync(file, `Big file ${i}\n\n` + `word${i} `.repeat(200_000));
      return file;
    });
    const before = await host.invoke('stats', undefined);
    const running = host.invoke('importFiles', { paths: big, jobId: 'job-cancel' });
    await new Promise<void>((resolve) => {
      const off = host.onEvent((e) => {
        if (e.type === 'import-progress' && e.progress.jobId === 'job-cancel' && e.progress.filesDone >= 1) {
          off();
          resolve();
        }
      });
    });
    expect(host.cancel('job-cancel')).toEqual({ cancelled: true });
    const result = await running;
    expect(result.ok).toBe(true);
    const report = (result as { value: ImportReport }).value;
    expect(report.cancelled).toBe(true);
    const imported = report.files.filter((f) => f.status === 'imported').length;
    expect(imported).toBeGreaterThanOrEqual(1);
    expect(imported).toBeLessThan(40);
    const after = (await host.invoke('stats', undefined)) as { value: { sources: number } };
    expect(after.value.sources - (before as { value: { sources: number } }).value.sources).toBe(imported);
  });
});
