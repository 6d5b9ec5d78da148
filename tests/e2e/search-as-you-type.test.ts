// Search as you type: every keystroke may search, so answers can come back late and out of order.
// Whatever arrives late, only the newest query's results reach the screen: a stale answer never
// replaces them, not even for a moment.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listedTitles, openApp, seedArchive, waitForCount, type AppSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { POSTS, writeCorpus } from './fixtures/news-corpus.ts';

interface Seen {
  count: string;
  explanation: string;
  titles: string[];
}

describe('search as you type', () => {
  const dir = tempDir();
  let app: AppSession;
  const search = () => app.page.getByRole('searchbox', { name: 'Search entries' });
  beforeAll(async () => {
    app = await openApp(path.join(dir, 'as-you-type.quire'));
    await seedArchive(app, writeCorpus(path.join(dir, 'corpus')));
    await waitForCount(app.page, POSTS.length);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('keeps the newest query on screen when an older query answers after it was typed', async () => {
    const page = app.page;
    await search().fill('lighthouse');
    await waitForCount(page, 1);

    // The answer for "harbour" is held back a second, so it arrives after "orchard" is typed.
    const isHarbour = (body: string | null) => (JSON.parse(body ?? '{}') as { query?: string }).query === 'harbour';
    await page.route('**/api/invoke/search', async (route) => {
      if (isHarbour(route.request().postData())) await new Promise((resolve) => setTimeout(resolve, 1000));
      await route.continue();
    });
    const harbourAnswered = page.waitForEvent('requestfinished', { predicate: (r) => r.url().endsWith('/api/invoke/search') && isHarbour(r.postData()), timeout: 10_000 });

    // Everything the result list, its count and the explanation line show from now on, frame by frame.
    await page.evaluate(() => {
      const seen: Seen[] = [];
      (window as unknown as { seen: Seen[] }).seen = seen;
      const record = () => {
        seen.push({
          count: document.querySelector('[data-testid="result-count"]')?.textContent ?? '',
          explanation: document.querySelector('.explanation')?.textContent ?? '',
          titles: [...document.querySelectorAll('.entry-row .entry-title')].map((e) => e.textContent ?? ''),
        });
      };
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true });
      const frame = () => {
        record();
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });

    await search().fill('harbour');
    await search().press('Control+a');
    await search().pressSequentially('orchard', { delay: 30 });
    await harbourAnswered;
    await waitForCount(page, 1);
    await page.locator('.explanation').filter({ hasText: /^searching for orchard(;|$)/ }).waitFor();
    // A few more frames after the late answer, in case it were drawn after all.
    await page.waitForTimeout(300);

    expect(await listedTitles(page)).toEqual(['Orchard cooperative opens a cannery']);
    const seen = await page.evaluate(() => (window as unknown as { seen: Seen[] }).seen);
    expect(seen.length).toBeGreaterThan(10);
    const harbourShown = seen.filter((s) => s.titles.includes('Harbour lights return to Valmere') || /searching for harbour/.test(s.explanation) || s.count.startsWith('3 entries'));
    expect(harbourShown, 'the stale answer for "harbour" was drawn').toEqual([]);
    await page.unroute('**/api/invoke/search');
  });
});
