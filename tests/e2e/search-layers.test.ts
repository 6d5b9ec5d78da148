// Esc takes one layer off at a time (the typed words, then the open entry, then one filter) and
// Ctrl+Z puts each back; a deletion made after an Esc owns Ctrl+Z; Alt+←/→ and the mouse's back
// and forward buttons move through the searches a user stayed on.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, seedArchive, waitForCount, type AppSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { POSTS, writeCorpus } from './fixtures/news-corpus.ts';

describe('search layers, undo and back/forward', () => {
  const dir = tempDir();
  let app: AppSession;
  const search = () => app.page.getByRole('searchbox', { name: 'Search entries' });
  const chip = () => app.page.getByRole('button', { name: 'Remove Outlet: Coastal Ledger' });
  const reader = () => app.page.locator('article.reader');
  const ledger = POSTS.filter((p) => p.outlet === 'Coastal Ledger').length;
  const blur = () => app.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  beforeAll(async () => {
    app = await openApp(path.join(dir, 'layers.quire'));
    await seedArchive(app, writeCorpus(path.join(dir, 'corpus')));
    await waitForCount(app.page, POSTS.length);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('Esc clears the query, then the entry, then one filter; Ctrl+Z brings each back in turn', async () => {
    const page = app.page;
    await page.locator('.facet-group[data-facet="outlet"]').getByRole('button', { name: /Coastal Ledger/ }).click();
    await waitForCount(page, ledger);
    await search().fill('ferry');
    await waitForCount(page, 1);
    await page.locator('.entry-row').first().click();
    await reader().waitFor();
    const id = await reader().getAttribute('data-entry-id');

    await search().focus();
    await page.keyboard.press('Escape');
    await waitForCount(page, ledger);
    expect(await search().inputValue()).toBe('');
    expect(await reader().getAttribute('data-entry-id')).toBe(id);
    expect(await chip().count()).toBe(1);

    await page.keyboard.press('Escape');
    await reader().waitFor({ state: 'detached' });
    expect(await chip().count()).toBe(1);
    await waitForCount(page, ledger);

    await page.keyboard.press('Escape');
    await waitForCount(page, POSTS.length);
    expect(await chip().count()).toBe(0);

    await page.keyboard.press('Control+z');
    await waitForCount(page, ledger);
    await chip().waitFor();
    await page.keyboard.press('Control+z');
    await page.locator(`article.reader[data-entry-id="${id}"]`).waitFor();
    await page.keyboard.press('Control+z');
    await waitForCount(page, 1);
    expect(await search().inputValue()).toBe('ferry');
    // Nothing more to take back from Esc: the archive's own undo answers.
    await blur();
    await page.keyboard.press('Control+z');
    expect(await page.getByTestId('history-status').textContent()).toMatch(/Nothing to undo/);
    expect(await search().inputValue()).toBe('ferry');
  });

  it('a deletion after an Esc takes Ctrl+Z: the saved search comes back, the Esc stays', async () => {
    const page = app.page;
    await page.getByRole('button', { name: 'Save search' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save search' });
    await dialog.getByRole('textbox').fill('Ferries');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    const saved = page.getByRole('button', { name: 'Delete saved search Ferries' });
    await saved.waitFor();

    await search().focus();
    await page.keyboard.press('Escape');
    await waitForCount(page, ledger);
    await saved.click();
    await saved.waitFor({ state: 'detached' });
    await blur();
    await page.keyboard.press('Control+z');
    await saved.waitFor();
    expect(await search().inputValue()).toBe('');
    await waitForCount(page, ledger);
  });

  it('Alt+←/→ and the mouse buttons move through the searches stayed on', async () => {
    const page = app.page;
    await chip().click();
    await waitForCount(page, POSTS.length);
    // A search stayed on for 700 ms (SETTLE_MS) joins the history; 1.5 s leaves a loaded page's timer room.
    await search().fill('harbour');
    await waitForCount(page, 3);
    await page.waitForTimeout(1500);
    await search().fill('lighthouse');
    await waitForCount(page, 1);
    await page.waitForTimeout(1500);
    await blur();

    await page.keyboard.press('Alt+ArrowLeft');
    await waitForCount(page, 3);
    expect(await search().inputValue()).toBe('harbour');
    await page.keyboard.press('Alt+ArrowRight');
    await waitForCount(page, 1);
    expect(await search().inputValue()).toBe('lighthouse');

    // Buttons 3 and 4: back and forward, and the page itself stays.
    const url = page.url();
    await page.evaluate(() => window.dispatchEvent(new MouseEvent('mouseup', { button: 3 })));
    await waitForCount(page, 3);
    await page.evaluate(() => window.dispatchEvent(new MouseEvent('mouseup', { button: 4 })));
    await waitForCount(page, 1);
    expect(page.url()).toBe(url);
    expect(app.consoleErrors, app.consoleErrors.join('\n')).toEqual([]);
  });
});
