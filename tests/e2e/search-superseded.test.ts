// Typing over a slow search: the archive answers one search at a time, so a keystroke's search
// still running would hold up the next one. The app sends every keystroke's search at once and
// the newer one stops the older, so the newest query's results come as soon as its own search is
// done. Here searches for "slowly" are made slow (helpers/slow-search-worker.ts).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listedTitles, openApp, seedArchive, waitForCount, type AppSession } from '../helpers/browser.ts';
import { writeSlowSearchWorker } from '../helpers/slow-search-worker.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { POSTS, writeCorpus } from './fixtures/news-corpus.ts';

const STATEMENT_MS = 1000;

describe('a search typed over', () => {
  const dir = tempDir();
  let app: AppSession;
  const search = () => app.page.getByRole('searchbox', { name: 'Search entries' });
  beforeAll(async () => {
    app = await openApp(path.join(dir, 'typed-over.quire'), { host: { workerFile: writeSlowSearchWorker(dir, STATEMENT_MS) } });
    await seedArchive(app, writeCorpus(path.join(dir, 'corpus')));
    await waitForCount(app.page, POSTS.length);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('does not hold up the newest query, whose results are the ones shown', async () => {
    const page = app.page;
    // How long the slow search takes when nothing replaces it.
    const t0 = performance.now();
    const alone = await app.host.invoke('search', { query: 'slowly' });
    const aloneMs = performance.now() - t0;
    expect(alone.ok).toBe(true);
    expect(aloneMs).toBeGreaterThan(2 * STATEMENT_MS);

    const answers: { query: string; code: string | null }[] = [];
    page.on('response', (res) => {
      if (!res.url().endsWith('/api/invoke/search')) return;
      const query = (JSON.parse(res.request().postData() ?? '{}') as { query?: string }).query ?? '';
      void res.json().then((body: { ok: boolean; error?: { code: string } }) => answers.push({ query, code: body.ok ? null : (body.error?.code ?? null) }));
    });
    // "slowly" starts its search; "orchard" is typed over it at once.
    // The request is awaited from before the keystroke: every keystroke sends its search at once.
    const sent = page.waitForRequest((r) => r.url().endsWith('/api/invoke/search') && (r.postData() ?? '').includes('"slowly"'));
    await search().fill('slowly');
    await sent;
    const typed = performance.now();
    await search().fill('orchard');
    await page.locator('.explanation').filter({ hasText: /^searching for orchard(;|$)/ }).waitFor();
    const shownMs = performance.now() - typed;

    expect(await listedTitles(page)).toEqual(['Orchard cooperative opens a cannery']);
    // The slow search stopped at its next statement instead of running to its end first.
    expect(shownMs).toBeLessThan(aloneMs - STATEMENT_MS);
    await expect.poll(() => answers.find((a) => a.query === 'slowly')?.code).toBe('cancelled');
    expect(await page.locator('.explanation').textContent()).toMatch(/^searching for orchard/);
  });
});
