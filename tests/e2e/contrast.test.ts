// WCAG AA for every piece of text on screen, in both colour schemes: each element with its own
// text is measured in Chromium (its colour over the backgrounds behind it, blended) and must reach
// 4.5:1. Disabled controls are exempt (WCAG 1.4.3), as are placeholders the page cannot read.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, seedArchive, waitForCount, type AppSession } from '../helpers/browser.ts';
import { lowContrast } from '../helpers/contrast.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { POSTS, writeCorpus } from './fixtures/news-corpus.ts';

describe('text contrast in both schemes', () => {
  const dir = tempDir();
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp(path.join(dir, 'contrast.quire'), { viewport: { width: 1400, height: 900 } });
    await seedArchive(app, writeCorpus(path.join(dir, 'corpus')));
    await waitForCount(app.page, POSTS.length);
    const code = await app.host.invoke('saveCode', { name: 'Weather', color: '#d9a400' });
    if (!code.ok) throw new Error(code.error.message);
    await app.host.invoke('saveSearch', { name: 'Harbour news', query: 'harbour' });
    await app.page.reload();
    await waitForCount(app.page, POSTS.length);
  });
  afterAll(async () => {
    await app?.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`reaches 4.5:1 for all text in ${scheme}: list, facets, timeline, reader, hint, help, annotations`, async () => {
      const page = app.page;
      await page.emulateMedia({ colorScheme: scheme });
      const low: string[] = [];
      const search = page.getByRole('searchbox', { name: 'Search entries' });
      await search.fill('harbour');
      await waitForCount(page, 3);
      await page.locator('.entry-row').first().click();
      await page.locator('article.reader').waitFor();
      await page.locator('.timeline-axis span').first().waitFor();
      low.push(...(await lowContrast(page, 4.5)));

      await search.fill('harbour "ferry');
      await page.locator('#query-hint').waitFor();
      low.push(...(await lowContrast(page, 4.5)));
      await search.fill('');

      await page.locator('body').click({ position: { x: 700, y: 880 } });
      await page.keyboard.press('?');
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
      low.push(...(await lowContrast(page, 4.5)));
      await page.keyboard.press('Escape');

      await page.keyboard.press('a');
      await page.locator('.panes.is-annotations').waitFor();
      low.push(...(await lowContrast(page, 4.5)));
      await page.keyboard.press('a');
      expect([...new Set(low)]).toEqual([]);
    });
  }

  it('the measure itself notices grey on grey', async () => {
    await app.page.evaluate(() => document.body.append(Object.assign(document.createElement('p'), { id: 'probe', textContent: 'faint words', style: 'position:fixed;top:0;left:0;z-index:99;color:#999;background:#aaa' })));
    expect(await lowContrast(app.page, 4.5)).toContainEqual(expect.stringMatching(/faint words/));
    await app.page.evaluate(() => document.getElementById('probe')?.remove());
  });
});
