// The writer's ranking helper thread: its top lists are the writer's own, to the entry and score,
// since the statistics it feeds must equal a refresh made on one connection.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../../electron/core/archive.ts';
import { rankTopList } from '../../../electron/core/search/search-stats.ts';
import { TopListRanker } from '../../../electron/core/worker/top-list-ranker.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { openTestArchive, seedEntries } from '../search/helpers/seed-entries.ts';

const WORKER = new URL('../../../electron/core/worker/archive-worker.ts', import.meta.url);

describe('the ranking helper thread', () => {
  const dir = tempDir();
  let archive: Archive;
  beforeAll(() => {
    archive = openTestArchive(dir, 'ranker');
    seedEntries(
      archive,
      Array.from({ length: 400 }, (_, i) => ({ title: i % 30 === 0 ? `Harbour ${i}` : `Note ${i}`, body: `The harbour ${'tide '.repeat(i % 5)}report ${i}` })),
    );
  });
  afterAll(() => archive.close());

  it('ranks a word exactly as the writer would, over all its matches or a range of ids, and starts again after close', async () => {
    const ranker = new TopListRanker(WORKER, path.join(dir, 'ranker.quire'));
    try {
      for (const request of [{ term: 'harbour', topK: 25 }, { term: 'tide', topK: 400 }, { term: 'harbour', topK: 10, range: { after: 100, upTo: 250 } }, { term: 'absent', topK: 5 }]) {
        const local = rankTopList(archive.db, request);
        expect(await ranker.rank(request), request.term).toEqual(local);
      }
      expect(rankTopList(archive.db, { term: 'harbour', topK: 25 })[0]?.id).toBe(1);
      await ranker.close();
      expect(await ranker.rank({ term: 'tide', topK: 3 })).toEqual(rankTopList(archive.db, { term: 'tide', topK: 3 }));
    } finally {
      await ranker.close();
    }
  });

  it('fails a list plainly when it cannot open the archive, so the writer ranks it itself', async () => {
    const ranker = new TopListRanker(WORKER, path.join(dir, 'missing', 'none.quire'));
    try {
      await expect(ranker.rank({ term: 'harbour', topK: 5 })).rejects.toThrow();
    } finally {
      await ranker.close();
    }
  });
});
