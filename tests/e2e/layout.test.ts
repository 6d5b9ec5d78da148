// The frame fits the window: splitters resize the sidebar and the list (remembered across a
// reload), the sidebar hides with a button, Ctrl+\ or `[`, below 1000 px it opens over the panes and
// below 800 px the list sits above the reader. Screenshots at three sizes in both schemes.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshotDir, seedArchive, waitForCount, type AppSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { POSTS, writeCorpus } from './fixtures/news-corpus.ts';

const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;
const visible = (page: Page, selector: string) => page.locator(selector).first().isVisible();

describe('layout', () => {
  const dir = tempDir();
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp(path.join(dir, 'layout.quire'), { viewport: { width: 1400, height: 900 } });
    await seedArchive(app, writeCorpus(path.join(dir, 'corpus')));
    await waitForCount(app.page, POSTS.length);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('splitters resize the list and the sidebar, and the widths survive a reload', async () => {
    const page = app.page;
    const listBefore = (await box(page, '.list-pane')).width;
    const split = await box(page, '[role="separator"][aria-label="List width"]');
    await page.mouse.move(split.x + split.width / 2, split.y + 200);
    await page.mouse.down();
    await page.mouse.move(split.x + split.width / 2 + 120, split.y + 200, { steps: 4 });
    await page.mouse.up();
    const listAfter = (await box(page, '.list-pane')).width;
    expect(Math.abs(listAfter - listBefore - 120)).toBeLessThan(4);

    const sidebarBefore = (await box(page, '.sidebar')).width;
    await page.getByRole('separator', { name: 'Library width' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect((await box(page, '.sidebar')).width).toBe(sidebarBefore + 32);

    await page.reload();
    await waitForCount(page, POSTS.length);
    expect((await box(page, '.list-pane')).width).toBeCloseTo(listAfter, 0);
    expect((await box(page, '.sidebar')).width).toBe(sidebarBefore + 32);
  });

  it('hides and shows the sidebar with the button, Ctrl+\\ and [', async () => {
    const page = app.page;
    const toggle = page.locator('.sidebar-toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const listX = (await box(page, '.list-pane')).x;
    await toggle.click();
    expect(await visible(page, '.sidebar')).toBe(false);
    expect((await box(page, '.list-pane')).x).toBe(0);
    await page.keyboard.press('Control+\\');
    expect(await visible(page, '.sidebar')).toBe(true);
    expect((await box(page, '.list-pane')).x).toBe(listX);
    await page.locator('body').click({ position: { x: 900, y: 880 } });
    await page.keyboard.press('[');
    expect(await visible(page, '.sidebar')).toBe(false);
    await page.keyboard.press('[');
    expect(await visible(page, '.sidebar')).toBe(true);
  });

  it('at 900 px the sidebar opens over the panes; at 720 px the list sits above a full-width reader', async () => {
    const page = app.page;
    await page.setViewportSize({ width: 900, height: 700 });
    await expect.poll(() => visible(page, '.sidebar')).toBe(false);
    expect((await box(page, '.list-pane')).x).toBe(0);
    await page.getByRole('button', { name: 'Show library' }).click();
    expect(await visible(page, '.sidebar')).toBe(true);
    expect((await box(page, '.list-pane')).x).toBe(0);
    expect(await page.locator('.sidebar').evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
    await page.locator('.sidebar-scrim').click({ position: { x: 850, y: 400 } });
    expect(await visible(page, '.sidebar')).toBe(false);
    expect((await box(page, '.reader-pane')).width).toBeGreaterThanOrEqual(320);

    await page.setViewportSize({ width: 720, height: 480 });
    await page.locator('.app.layout-narrow').waitFor();
    await page.locator('.entry-row').first().click();
    await page.locator('article.reader').waitFor();
    const list = await box(page, '.list-pane');
    const reader = await box(page, '.reader-pane');
    expect(reader.y).toBeGreaterThanOrEqual(list.y + list.height - 1);
    expect(reader.width).toBeGreaterThan(700);
    expect(list.width).toBeGreaterThan(700);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    // A title is set on one line or two, not a letter column.
    const title = await box(page, 'article.reader h2');
    expect(title.width).toBeGreaterThan(500);
  });

  it('screenshots at 1400×900, 1000×700 and 720×480 in light and dark', async () => {
    const page = app.page;
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const [w, h] of [
        [1400, 900],
        [1000, 700],
        [720, 480],
      ] as const) {
        await page.setViewportSize({ width: w, height: h });
        await page.waitForTimeout(150);
        await page.screenshot({ path: path.join(screenshotDir(), `layout-${w}x${h}-${scheme}.png`) });
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    expect(app.consoleErrors).toEqual([]);
  });
});
