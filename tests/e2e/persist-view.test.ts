// A reload comes back to the same place: the words, the filter, the sort, the open entry and how far
// the list was scrolled, per archive; Show original is a look at one entry and does not carry over.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, seedArchive, waitForCount, type AppSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { POSTS, writeCorpus } from './fixtures/news-corpus.ts';

describe('the view persists per archive', () => {
  const dir = tempDir();
  let app: AppSession;
  const search = () => app.page.getByRole('searchbox', { name: 'Search entries' });
  const courier = POSTS.filter((p) => p.outlet === 'Valley Courier');
  beforeAll(async () => {
    app = await openApp(path.join(dir, 'persist.quire'), { viewport: { width: 1280, height: 520 } });
    await seedArchive(app, writeCorpus(path.join(dir, 'corpus')));
    await waitForCount(app.page, POSTS.length);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('keeps the query, filter, sort and open entry across a reload', async () => {
    const page = app.page;
    await page.locator('.facet-group[data-facet="outlet"]').getByRole('button', { name: /Valley Courier/ }).click();
    await waitForCount(page, courier.length);
    await search().fill('the');
    await page.getByRole('combobox', { name: 'Sort by' }).selectOption('date-asc');
    const oldest = [...courier].sort((a, b) => a.date.localeCompare(b.date))[0]!;
    await page.locator('.entry-row').first().getByText(oldest.title).waitFor();
    await page.locator('.entry-row').first().click();
    const reader = page.locator('article.reader');
    await reader.getByRole('heading', { level: 2, name: oldest.title }).waitFor();
    await page.waitForTimeout(400);

    await page.reload();
    await page.getByRole('button', { name: 'Remove Outlet: Valley Courier' }).waitFor();
    expect(await search().inputValue()).toBe('the');
    expect(await page.getByRole('combobox', { name: 'Sort by' }).inputValue()).toBe('date-asc');
    await reader.getByRole('heading', { level: 2, name: oldest.title }).waitFor();
    await page.locator('.entry-row').first().getByText(oldest.title).waitFor();
  });

  it('keeps how far the list was scrolled', async () => {
    const page = app.page;
    await page.getByRole('button', { name: 'Remove Outlet: Valley Courier' }).click();
    await search().fill('');
    await waitForCount(page, POSTS.length);
    // (The emptied box is searched a moment after typing; a new search starts the list at the top.)
    await page.waitForTimeout(500);
    const list = page.locator('.entry-list');
    const max = await list.evaluate((el) => el.scrollHeight - el.clientHeight);
    expect(max).toBeGreaterThan(150);
    await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.waitForTimeout(400);
    const scrolled = await list.evaluate((el) => el.scrollTop);
    expect(scrolled).toBeGreaterThan(150);

    await page.reload();
    await waitForCount(page, POSTS.length);
    await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBe(scrolled);
  });

  it('keeps an entry opened before the kept view arrives (a slow first answer)', async () => {
    const page = app.page;
    const reader = page.locator('article.reader');
    const rows = page.locator('.entry-row');
    const first = (await rows.nth(0).locator('.entry-title').textContent())!;
    await rows.nth(0).click();
    await reader.getByRole('heading', { level: 2, name: first }).waitFor();
    await page.waitForTimeout(400);
    // The archive's path (which names the kept view) comes late; meanwhile the user opens another entry.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let infoAsked = false;
    await page.route('**/api/invoke/info', async (route) => {
      infoAsked = true;
      await held;
      await route.continue();
    });
    try {
      await page.reload();
      await waitForCount(page, POSTS.length);
      const second = (await rows.nth(1).locator('.entry-title').textContent())!;
      expect(second).not.toBe(first);
      await rows.nth(1).click();
      await reader.getByRole('heading', { level: 2, name: second }).waitFor();
      expect(infoAsked).toBe(true);
      const answered = page.waitForResponse('**/api/invoke/info');
      release();
      await answered;
      await page.unroute('**/api/invoke/info');
      // The kept view, were it applied, would open in the next render after the answer.
      await page.waitForTimeout(600);
      expect(await reader.getByRole('heading', { level: 2 }).textContent()).toBe(second);
    } finally {
      release();
    }
  });

  it('opens the next entry as text even when the last one showed its original', async () => {
    const page = app.page;
    const reader = page.locator('article.reader');
    await page.locator('.entry-row').nth(0).click();
    await reader.getByRole('button', { name: 'Show original' }).click();
    await reader.getByLabel('Original text').waitFor();
    await page.locator('.entry-row').nth(1).click();
    await reader.getByRole('button', { name: 'Show original' }).waitFor();
    expect(await reader.getByLabel('Original text').count()).toBe(0);
  });
});
