// Search as you type sends every keystroke's search; the reader answers one call at a time. A
// search replaced by a later one with the same `supersede` key must not delay it: it stops at its
// next statement (or never starts), answering 'cancelled', and the newest answer is the one that
// comes back with results. The real worker runs here, with its searches for "slowly …" made slow
// (every statement waits first), as a search over a million entries is.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SearchResult, WireResult } from '../../../shared/contract.ts';
import { ArchiveHost } from '../../../electron/core/worker/archive-host.ts';
import { writeSlowSearchWorker } from '../../helpers/slow-search-worker.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { openTestArchive, seedEntries } from '../search/helpers/seed-entries.ts';

const STATEMENT_MS = 150;

type Answer = WireResult<SearchResult>;

async function timed(p: Promise<WireResult<unknown>>): Promise<{ answer: Answer; ms: number }> {
  const t0 = performance.now();
  const answer = (await p) as Answer;
  return { answer, ms: performance.now() - t0 };
}

describe('a search replaced by a newer one', () => {
  const dir = tempDir();

  async function openHost(name: string): Promise<ArchiveHost> {
    const seeded = openTestArchive(dir, name);
    seedEntries(seeded, [
      { title: 'Tide tables', body: 'The spring tide reached the harbour wall.' },
      { title: 'River notes', body: 'The river rose over the quay, then the tide turned.' },
      { title: 'Lighthouse log', body: 'The keeper lit the lamp at dusk.' },
    ]);
    seeded.close();
    const workerFile = writeSlowSearchWorker(dir, STATEMENT_MS);
    return ArchiveHost.open(path.join(dir, `${name}.quire`), { workerFile });
  }

  it('stops, so the newest search is answered without waiting for it, and only the newest has results', async () => {
    const host = await openHost('running');
    try {
      // Alone, the slow search takes several statements' waits.
      const alone = await timed(host.invoke('search', { query: 'slowly OR tide', supersede: { key: 'window-1', seq: 1 } }));
      expect(alone.answer.ok).toBe(true);
      expect(alone.ms).toBeGreaterThan(2 * STATEMENT_MS);

      // Typed over while it runs: the older stops at its next statement.
      const older = timed(host.invoke('search', { query: 'slowly OR tide', supersede: { key: 'window-1', seq: 2 } }));
      await new Promise((resolve) => setTimeout(resolve, STATEMENT_MS / 2));
      const newest = await timed(host.invoke('search', { query: 'tide', supersede: { key: 'window-1', seq: 3 } }));
      const replaced = await older;
      expect(replaced.answer).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      expect(newest.answer.ok && newest.answer.value.hits.map((h) => h.title).sort()).toEqual(['River notes', 'Tide tables']);
      // At most one statement's wait (plus its own time) instead of the rest of the slow search.
      expect(newest.ms).toBeLessThan(alone.ms - STATEMENT_MS);
    } finally {
      await host.close();
    }
  });

  it('drops a queued search it replaces without running it, and leaves other keys and plain searches alone', async () => {
    const host = await openHost('queued');
    try {
      // Three keystrokes: the first runs, the second waits behind it, the third replaces both.
      const first = timed(host.invoke('search', { query: 'slowly OR tide', supersede: { key: 'window-1', seq: 4 } }));
      const second = timed(host.invoke('search', { query: 'slowly OR river', supersede: { key: 'window-1', seq: 5 } }));
      await new Promise((resolve) => setTimeout(resolve, STATEMENT_MS / 2));
      const third = await timed(host.invoke('search', { query: 'lamp', supersede: { key: 'window-1', seq: 6 } }));
      expect((await first).answer).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      const queued = await second;
      expect(queued.answer).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      expect(third.answer.ok && third.answer.value.hits.map((h) => h.title)).toEqual(['Lighthouse log']);
      expect(third.ms).toBeLessThan(4 * STATEMENT_MS);

      // Another window's search, and a search without a key, are never replaced.
      const otherWindow = host.invoke('search', { query: 'slowly OR tide', supersede: { key: 'window-2', seq: 7 } });
      const plain = host.invoke('search', { query: 'slowly OR river' });
      await host.invoke('search', { query: 'lamp', supersede: { key: 'window-1', seq: 8 } });
      const kept = (await otherWindow) as Answer;
      expect(kept.ok && kept.value.hits).toHaveLength(2);
      const plainAnswer = (await plain) as Answer;
      expect(plainAnswer.ok && plainAnswer.value.hits.map((h) => h.title)).toEqual(['River notes']);

      // A request overtaken on the way (an earlier keystroke's, arriving after a later one's) never
      // runs, and does not stop the later one.
      const later = host.invoke('search', { query: 'slowly OR tide', supersede: { key: 'window-1', seq: 10 } });
      const overtaken = await host.invoke('search', { query: 'lamp', supersede: { key: 'window-1', seq: 9 } });
      expect(overtaken).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      const laterAnswer = (await later) as Answer;
      expect(laterAnswer.ok && laterAnswer.value.hits).toHaveLength(2);
    } finally {
      await host.close();
    }
  });
});
