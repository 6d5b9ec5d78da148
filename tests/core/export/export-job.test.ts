// An export is a job of the archive host: progress events while it runs, the window's other calls
// answered meanwhile, cancel stops it and leaves no file (not even a partial one); a destination
// that cannot be written is refused plainly.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveEvent, ExportReport } from '../../../shared/contract.ts';
import { ArchiveHost } from '../../../electron/core/worker/archive-host.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

describe('export as a job', () => {
  const dir = tempDir('quire-export-job-');
  let host: ArchiveHost;
  const N = 3000;

  beforeAll(async () => {
    const records = Array.from({ length: N }, (_, i) => ({ title: `Dispatch ${i}`, text: `Harbour dispatch number ${i}: the tide, the boats and the weather on day ${i}.`, date: `2020-01-${String((i % 28) + 1).padStart(2, '0')}` }));
    fs.writeFileSync(path.join(dir, 'dispatches.json'), JSON.stringify(records));
    host = await ArchiveHost.open(path.join(dir, 'job.quire'));
    const r = await host.invoke('importFiles', { paths: [path.join(dir, 'dispatches.json')] });
    expect(r.ok).toBe(true);
  }, 120_000);
  afterAll(async () => {
    await host.close();
  });

  it('reports progress page by page and finishes with the whole file', async () => {
    const events: ArchiveEvent[] = [];
    const off = host.onEvent((e) => events.push(e));
    const out = path.join(dir, 'all.md');
    const r = await host.invoke('exportArchive', { scope: { kind: 'all' }, format: 'md', path: out, jobId: 'export-all' });
    off();
    expect(r).toMatchObject({ ok: true, value: { path: out, entries: N, cancelled: false } });
    const progress = events.filter((e): e is Extract<ArchiveEvent, { type: 'export-progress' }> => e.type === 'export-progress');
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.at(-1)!.progress).toMatchObject({ jobId: 'export-all', entriesDone: N, entriesTotal: N });
    // An export changes nothing: no import-finished or archive-changed for it.
    expect(events.some((e) => e.type === 'import-finished' || e.type === 'archive-changed')).toBe(false);
    expect(fs.readFileSync(out, 'utf8')).toContain(`Dispatch ${N - 1}`);
  });

  it('cancel stops it and leaves no file behind', async () => {
    const out = path.join(dir, 'cancelled.csv');
    let cancelled = false;
    const off = host.onEvent((e) => {
      if (e.type === 'export-progress' && e.progress.jobId === 'export-cancel' && !cancelled) {
        cancelled = true;
        host.cancel('export-cancel');
      }
    });
    const r = await host.invoke('exportArchive', { scope: { kind: 'all' }, format: 'json', path: out, jobId: 'export-cancel' });
    off();
    expect(r).toMatchObject({ ok: true, value: { cancelled: true, path: null } });
    expect((r as { value: ExportReport }).value.entries).toBeLessThan(N);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('cancelled'))).toEqual([]);
  });

  it('a destination that cannot be written is refused in plain words', async () => {
    const r = await host.invoke('exportArchive', { scope: { kind: 'all' }, format: 'csv', path: path.join(dir, 'all.md', 'inside-a-file.csv') });
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.error.message).toMatch(/could not write|not writable|ENOTDIR/);
  });

  it('a collection that is not there is not-found', async () => {
    const r = await host.invoke('exportArchive', { scope: { kind: 'collection', collectionId: 999 }, format: 'csv', path: path.join(dir, 'x.csv') });
    expect(r).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
