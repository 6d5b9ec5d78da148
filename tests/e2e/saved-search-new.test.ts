// A saved search's "2 new": opening it shows which entries are the new ones, each marked until it is
// opened, and the marks that are left survive a reload.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, seedArchive, waitForCount, writeTextFiles, type AppSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { POSTS, writeCorpus } from './fixtures/news-corpus.ts';

describe('new entries of a saved search', () => {
  const dir = tempDir();
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp(path.join(dir, 'new-marks.quire'));
    await seedArchive(app, writeCorpus(path.join(dir, 'corpus')));
    await waitForCount(app.page, POSTS.length);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('marks the new entries until each is read, across a reload', async () => {
    const page = app.page;
    const saved = await app.host.invoke('saveSearch', { name: 'Harbour news', query: 'harbour' });
    if (!saved.ok) throw new Error(saved.error.message);
    await seedArchive(
      app,
      writeTextFiles(path.join(dir, 'more'), {
        'harbour-wall.txt': 'Harbour wall repaired\nPosted on: 2022/01/10\n\nThe harbour wall was repaired before the storms.\n',
        'harbour-fees.txt': 'Harbour fees rise\nPosted on: 2022/02/03\n\nThe harbour board raised mooring fees.\n',
      }),
    );
    const item = page.getByRole('button', { name: /^Harbour news/ });
    await item.getByText('2 new').waitFor();
    await item.click();
    await waitForCount(page, 5);
    const marked = () => page.locator('.entry-row.is-new .entry-title').allTextContents();
    await expect.poll(marked).toEqual(['NewHarbour fees rise', 'NewHarbour wall repaired']);
    await item.getByText('2 new').waitFor({ state: 'detached' });

    await page.locator('.entry-row', { hasText: 'Harbour fees rise' }).click();
    await page.locator('article.reader').getByRole('heading', { level: 2, name: 'Harbour fees rise' }).waitFor();
    await expect.poll(marked).toEqual(['NewHarbour wall repaired']);

    await page.waitForTimeout(300);
    await page.reload();
    await waitForCount(page, 5);
    await expect.poll(marked).toEqual(['NewHarbour wall repaired']);
    // Another search: no marks there.
    await page.getByRole('searchbox', { name: 'Search entries' }).fill('harbour wall');
    await waitForCount(page, 1);
    expect(await marked()).toEqual([]);
  });
});
