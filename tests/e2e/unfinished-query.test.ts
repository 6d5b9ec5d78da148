// A phrase whose closing quote is not typed yet: the list, the reader and the sidebar keep the last
// good search, the parser's message shows under the search box, and Save search waits, saying why.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listedTitles, openApp, seedArchive, waitForCount, type AppSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { POSTS, writeCorpus } from './fixtures/news-corpus.ts';

describe('an unfinished query', () => {
  const dir = tempDir();
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp(path.join(dir, 'unfinished.quire'));
    await seedArchive(app, writeCorpus(path.join(dir, 'corpus')));
    await waitForCount(app.page, POSTS.length);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('keeps the last good results while a phrase is being typed, with the hint and Save disabled', async () => {
    const page = app.page;
    const search = page.getByRole('searchbox', { name: 'Search entries' });
    const save = page.getByRole('button', { name: 'Save search' });
    await search.fill('harbour');
    await waitForCount(page, 3);
    const titles = await listedTitles(page);
    await page.locator('.entry-row').first().click();
    const reader = page.locator('article.reader');
    await reader.waitFor();
    const id = await reader.getAttribute('data-entry-id');
    // The facets come after the list: wait until the outlets count the 3 "harbour" entries.
    const outlets = page.locator('.facet-group[data-facet="outlet"]');
    await expect
      .poll(async () => (await outlets.locator('.facet-count').allTextContents()).reduce((sum, t) => sum + Number(t.replace(/\D/g, '')), 0))
      .toBe(3);
    const outletsBefore = await outlets.textContent();

    await search.fill('harbour "ferry cr');
    const hint = page.locator('#query-hint');
    await hint.waitFor();
    expect(await hint.textContent()).toMatch(/quote opened at character 9 is never closed/);
    expect(await search.getAttribute('aria-describedby')).toBe('query-hint');
    await waitForCount(page, 3);
    expect(await listedTitles(page)).toEqual(titles);
    expect(await reader.getAttribute('data-entry-id')).toBe(id);
    expect(await page.locator('.facet-group[data-facet="outlet"]').textContent()).toBe(outletsBefore);
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    expect(await save.isDisabled()).toBe(true);
    expect(await save.getAttribute('title')).toMatch(/^Finish the query first: .*never closed/);

    await search.fill('harbour "ferry crews"');
    await waitForCount(page, 1);
    await hint.waitFor({ state: 'detached' });
    expect(await save.isDisabled()).toBe(false);
    expect(app.consoleErrors.filter((e) => !/400|Bad Request/.test(e))).toEqual([]);
  });
});
