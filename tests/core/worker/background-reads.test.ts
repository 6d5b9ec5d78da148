// Facets, the timeline, exact counts and the codebook's counts fill in after a search's first page;
// a keystroke's next search (or the list on opening) must not wait behind them. SQLite cannot interrupt a running query, so the host gives them
// a reader thread of their own. A stand-in worker (the real protocol, a facets call that holds its
// thread for a second) shows which thread each call reaches.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArchiveHost } from '../../../electron/core/worker/archive-host.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const SLOW_MS = 1000;

// Answers 'ready', then every call with the method's name; facets, facetValues, timeline,
// countMatches and listCodes first block the thread, as a long SQLite statement does.
const STAND_IN_WORKER = `
import { parentPort } from 'node:worker_threads';
parentPort.postMessage({ kind: 'ready' });
parentPort.on('message', (msg) => {
  if (msg.kind === 'close') return parentPort.close();
  if (['facets', 'facetValues', 'timeline', 'countMatches', 'listCodes'].includes(msg.method)) {
    const until = Date.now() + ${SLOW_MS};
    while (Date.now() < until);
  }
  parentPort.postMessage({ kind: 'result', id: msg.id, result: { ok: true, value: msg.method } });
});
`;

describe('reads that fill in later', () => {
  const dir = tempDir();

  it('a search is answered while a slow facets, timeline, count or codebook call still runs', async () => {
    const workerFile = path.join(dir, 'stand-in-worker.mjs');
    fs.writeFileSync(workerFile, STAND_IN_WORKER);
    const host = await ArchiveHost.open(path.join(dir, 'unused.quire'), { readOnly: true, workerFile });
    try {
      for (const [method, arg] of [
        ['facets', { query: 'tide' }],
        ['facetValues', { query: 'tide', facet: 'author' }],
        ['timeline', { query: 'tide' }],
        ['countMatches', { query: 'tide', after: 0 }],
        ['listCodes', undefined],
      ] as const) {
        let slowDone = false;
        const slow = host.invoke(method, arg).then(() => (slowDone = true));
        const search = await host.invoke('search', { query: 'tides', limit: 50 });
        expect(search).toEqual({ ok: true, value: 'search' });
        expect(slowDone, `the search waited for ${method}`).toBe(false);
        await slow;
      }
    } finally {
      await host.close();
    }
  });
});
