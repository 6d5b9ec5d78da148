// Searching: words, "phrases" and field filters change the count and the list; a result opens in
// the reader with its title, date, source and the hits highlighted; the keyboard drives it all.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listedTitles, openApp, screenshotDir, seedArchive, waitForCount, type AppSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { POSTS, writeCorpus } from './fixtures/news-corpus.ts';

describe('search in the app', () => {
  const dir = tempDir();
  let app: AppSession;
  const search = () => app.page.getByRole('searchbox', { name: 'Search entries' });
  beforeAll(async () => {
    app = await openApp(path.join(dir, 'search.quire'));
    await seedArchive(app, writeCorpus(path.join(dir, 'corpus')));
    await waitForCount(app.page, POSTS.length);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('narrows the list as a word, a "phrase" and a field filter are typed', async () => {
    await search().fill('harbour');
    await waitForCount(app.page, 3);
    const titles = await listedTitles(app.page);
    expect(titles).toHaveLength(3);
    await app.page.locator('.entry-row mark').first().waitFor();
    expect((await app.page.locator('.entry-row mark').first().textContent())?.toLowerCase()).toBe('harbour');

    await search().fill('"grain prices"');
    await waitForCount(app.page, 1);
    await search().fill('"prices grain"');
    await app.page.getByText('No entries match “"prices grain"”').waitFor();

    await search().fill('source:bridge-vote.txt');
    await waitForCount(app.page, 1);
    await search().fill('harbour -ferry');
    await waitForCount(app.page, 2);
  });

  it('opens a result in the reader with its title, date, source and highlighted hits', async () => {
    await search().fill('lighthouse');
    await waitForCount(app.page, 1);
    await app.page.locator('.entry-row').first().click();
    const reader = app.page.getByRole('article');
    await reader.waitFor();
    const post = POSTS.find((p) => p.file === 'lighthouse-keeper.txt')!;
    expect(await reader.getByRole('heading', { level: 2 }).textContent()).toBe(post.title);
    expect(await reader.locator('time').getAttribute('datetime')).toBe(post.date);
    expect(await reader.locator('.reader-source').textContent()).toContain('lighthouse-keeper.txt');
    await reader.locator('.reader-body mark').first().waitFor();
    const marks = await reader.locator('.reader-body mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks) expect(m.toLowerCase()).toBe('lighthouse');

    await reader.getByRole('button', { name: 'Show original' }).click();
    expect(await reader.getByLabel('Original text').textContent()).toContain('Posted on:');
    await reader.getByRole('button', { name: 'Hide original' }).click();
  });

  it('is driven by the keyboard: / focuses, arrows and j/k move, Enter opens, Esc clears', async () => {
    await search().fill('');
    await waitForCount(app.page, POSTS.length);
    await app.page.locator('body').click({ position: { x: 600, y: 5 } });
    await app.page.keyboard.press('/');
    expect(await app.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search entries');
    await app.page.keyboard.type('harbour');
    await waitForCount(app.page, 3);
    // The whole word's results, not those of a prefix typed on the way (a newer result resets the
    // list's cursor, which would swallow the arrow key).
    await app.page.locator('.explanation').filter({ hasText: /^searching for harbour(;|$)/ }).waitFor();

    const selected = () => app.page.locator('.entry-row.is-selected').getAttribute('data-entry-id');
    await app.page.keyboard.press('ArrowDown');
    const first = await selected();
    expect(first).not.toBeNull();
    await app.page.locator('.entry-list').focus();
    await app.page.keyboard.press('j');
    const second = await selected();
    expect(second).not.toBe(first);
    await app.page.keyboard.press('j');
    await app.page.keyboard.press('k');
    expect(await selected()).toBe(second);
    await app.page.keyboard.press('Enter');
    await app.page.locator(`article[data-entry-id="${second}"]`).waitFor();

    await app.page.keyboard.press('Escape');
    expect(await search().inputValue()).toBe('');
    await waitForCount(app.page, POSTS.length);
    await app.page.screenshot({ path: path.join(screenshotDir(), 'search-keyboard.png') });
    expect(app.consoleErrors).toEqual([]);
  });
});
