// WCAG AA for every piece of text on screen, in both colour schemes: each element with its own
// text is measured in Chromium (its colour over the backgrounds behind it, blended) and must reach
// 4.5:1. Disabled controls are exempt (WCAG 1.4.3), as are placeholders the page cannot read.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, seedArchive, waitForCount, type AppSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { POSTS, writeCorpus } from './fixtures/news-corpus.ts';

/** Every visible element with its own text whose contrast is below min: "selector text ratio". */
async function lowContrast(page: Page, min: number): Promise<string[]> {
  return page.evaluate((minRatio) => {
    type Rgba = [number, number, number, number];
    const probe = document.createElement('canvas').getContext('2d')!;
    // Any CSS colour (rgb, color(srgb…), oklch…) through a canvas, read back as sRGB bytes.
    const parse = (c: string): Rgba => {
      const m = /^rgba?\(([^)]+)\)$/.exec(c);
      if (m) {
        const p = m[1]!.split(/[,\s/]+/).filter(Boolean).map(Number);
        return [p[0]!, p[1]!, p[2]!, p[3] ?? 1];
      }
      probe.clearRect(0, 0, 1, 1);
      probe.fillStyle = c;
      probe.fillRect(0, 0, 1, 1);
      const d = probe.getImageData(0, 0, 1, 1).data;
      return [d[0]!, d[1]!, d[2]!, d[3]! / 255];
    };
    const over = (top: Rgba, under: Rgba): Rgba => [0, 1, 2].map((i) => top[i]! * top[3] + under[i]! * (1 - top[3])).concat(1) as Rgba;
    const lum = (c: Rgba) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
    };
    const backdrop = (el: Element): Rgba => {
      const layers: Rgba[] = [];
      for (let e: Element | null = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c[3] > 0) layers.push(c);
        if (c[3] >= 1) break;
      }
      let bg: Rgba = parse(getComputedStyle(document.documentElement).backgroundColor);
      if (bg[3] < 1) bg = [255, 255, 255, 1];
      for (const l of layers.reverse()) bg = over(l, bg);
      return bg;
    };
    const bad: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const own = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
      if (!own || el.closest('.visually-hidden, svg')) continue;
      if (el.closest(':disabled, [aria-disabled="true"]')) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0 || rect.bottom < 0 || rect.top > innerHeight || rect.right < 0 || rect.left > innerWidth) continue;
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const bg = backdrop(el);
      const fg = over(parse(getComputedStyle(el).color), bg);
      const [a, b] = [lum(fg), lum(bg)];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (ratio < minRatio) bad.push(`${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} “${(el.textContent ?? '').trim().slice(0, 24)}” ${ratio.toFixed(2)}`);
    }
    return bad;
  }, min);
}

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
