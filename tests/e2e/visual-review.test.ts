// Screenshots for review in light and dark mode (a long right-to-left entry, a CJK entry, a sparse
// timeline, a dialog and the undo toast), with the checks a reviewer would make by eye turned into
// assertions: text contrast, no sideways overflow, RTL paragraphs hugging the right edge, and
// timeline bars that stay narrow when there are only a few months.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshotDir, seedArchive, waitForCount, writeTextFiles, type AppSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';

// Invented text. A long Persian entry of several paragraphs.
const PARAGRAPH_FA =
  'در این گزارش از وضعیت بازار کتاب در شهرهای کوچک سخن می‌گوییم. کتاب‌فروشی‌های قدیمی هنوز باز هستند، اما مشتریان کمتری دارند و ناشران از هزینه‌های بالای چاپ و کاغذ شکایت می‌کنند.';
const PERSIAN = `گزارشی بلند دربارهٔ بازار کتاب و کتاب‌فروشی‌های شهرهای کوچک در سال‌های اخیر\nPosted on: 2019/07/14\n\n${Array.from({ length: 6 }, () => PARAGRAPH_FA).join('\n\n')}\n`;
const CHINESE = `河畔小镇的图书市场\nPosted on: 2019/07/02\n\n周末的图书市场非常热闹，许多旧书店把书摆到了河边。店主们说，今年的客人比去年多，但纸张和印刷的价格也在上涨。\n\n一位年轻的读者说，她每个月都会来这里买两三本旧小说。\n`;
const JAPANESE = `港町の古本市\nPosted on: 2019/06/20\n\n日曜日の古本市には朝から多くの人が集まった。店主たちは、紙と印刷の値段が上がっていると話していた。\n`;
const ENGLISH = `Notes from the book market\nPosted on: 2019/06/05\n\nThe book market by the river was crowded today and prices rose again.\n`;

type Rgb = [number, number, number, number];

/** Reads the text colour and the first opaque background behind each element matching selector. */
async function contrastOf(page: Page, selector: string): Promise<{ text: string; ratio: number }[]> {
  return page.$$eval(selector, (els) => {
    const parse = (c: string): Rgb => {
      const rgb = /rgba?\(([^)]+)\)/.exec(c);
      if (rgb) {
        const p = rgb[1]!.split(/[,\s/]+/).filter(Boolean).map(Number);
        return [p[0]! / 255, p[1]! / 255, p[2]! / 255, p[3] ?? 1];
      }
      const srgb = /color\(srgb ([^)]+)\)/.exec(c);
      if (srgb) {
        const p = srgb[1]!.split(/[\s/]+/).filter(Boolean).map(Number);
        return [p[0]!, p[1]!, p[2]!, p[3] ?? 1];
      }
      return [0, 0, 0, 0];
    };
    const lum = ([r, g, b]: Rgb) => {
      const f = (v: number) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el: Element): Rgb => {
      for (let e: Element | null = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c[3] > 0.5) return c;
      }
      return parse(getComputedStyle(document.body).backgroundColor);
    };
    return els.map((el) => {
      const fg = lum(parse(getComputedStyle(el).color));
      const bg = lum(background(el));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      return { text: `${el.className}: ${(el.textContent ?? '').slice(0, 30)}`, ratio: Math.round(ratio * 100) / 100 };
    });
  }) as Promise<{ text: string; ratio: number }[]>;
}

for (const scheme of ['light', 'dark'] as const) {
  describe(`visual review, ${scheme} mode`, () => {
    const dir = tempDir();
    let app: AppSession;
    const shot = (name: string) => app.page.screenshot({ path: path.join(screenshotDir(), `review-${scheme}-${name}.png`) });
    const open = async (title: string) => {
      await app.page.locator('.entry-row', { hasText: title }).click();
      await app.page.getByRole('article').getByRole('heading', { level: 2, name: title }).waitFor();
    };
    beforeAll(async () => {
      app = await openApp(path.join(dir, `review-${scheme}.quire`), { colorScheme: scheme });
      await seedArchive(app, writeTextFiles(path.join(dir, 'texts'), { 'books-fa.txt': PERSIAN, 'books-zh.txt': CHINESE, 'books-ja.txt': JAPANESE, 'books-en.txt': ENGLISH }));
      await waitForCount(app.page, 4);
    });
    afterAll(async () => {
      await app?.close();
    });

    it('a long Persian entry lies right to left, hugging the right edge, with no sideways overflow', async () => {
      await open('گزارشی بلند دربارهٔ بازار کتاب و کتاب‌فروشی‌های شهرهای کوچک در سال‌های اخیر');
      const body = app.page.locator('.reader-body');
      expect(await body.locator('p').count()).toBe(6);
      const edges = await body.evaluate((b) => {
        const p = b.querySelector('p')!;
        const range = document.createRange();
        range.selectNodeContents(p);
        const lines = Array.from(range.getClientRects());
        return { lineRight: Math.max(...lines.map((r) => r.right)), boxRight: p.getBoundingClientRect().right, boxLeft: p.getBoundingClientRect().left, firstLineLeft: lines[0]!.left };
      });
      expect(Math.abs(edges.lineRight - edges.boxRight)).toBeLessThan(4);
      const pane = app.page.locator('.reader-pane');
      expect(await pane.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      const title = app.page.getByRole('article').getByRole('heading', { level: 2 });
      expect(await title.evaluate((h) => getComputedStyle(h).direction)).toBe('rtl');
      // In the right-to-left row the date still reads "14 Jul 2019", day first from the left.
      const row = app.page.locator('.entry-row', { hasText: 'گزارشی بلند' });
      const order = await row.locator('.entry-meta').evaluate((meta) => {
        const walker = document.createTreeWalker(meta, NodeFilter.SHOW_TEXT);
        let node: Node | null;
        while ((node = walker.nextNode())) if (node.textContent === '14 Jul 2019') break;
        const at = (from: number, to: number) => {
          const r = document.createRange();
          r.setStart(node!, from);
          r.setEnd(node!, to);
          return r.getBoundingClientRect().left;
        };
        return { day: at(0, 2), year: at(7, 11) };
      });
      expect(order.day).toBeLessThan(order.year);
      expect(await row.locator('.entry-meta').evaluate((m) => getComputedStyle(m).direction)).toBe('rtl');
      await shot('rtl-long');
      await pane.evaluate((el) => (el.scrollTop = el.scrollHeight));
      await shot('rtl-long-end');
    });

    it('Chinese and Japanese entries render in the list and the reader without overflow', async () => {
      await open('河畔小镇的图书市场');
      expect(await app.page.locator('.reader-body').textContent()).toContain('周末的图书市场非常热闹');
      expect(await app.page.locator('.reader-pane').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      // A CJK font is in use: the glyphs are not all the same width as a fallback box would be.
      const widths = await app.page.locator('.reader-body p').first().evaluate((p) => {
        const range = document.createRange();
        const t = p.firstChild!.firstChild ?? p.firstChild!;
        range.setStart(t, 0);
        range.setEnd(t, 1);
        const one = range.getBoundingClientRect().width;
        range.setEnd(t, 2);
        return { one, two: range.getBoundingClientRect().width };
      });
      expect(widths.one).toBeGreaterThan(8);
      await shot('cjk-zh');
      await open('港町の古本市');
      await shot('cjk-ja');
    });

    it('text is readable: contrast of titles, meta, snippets, reader text, facets and counts', async () => {
      await app.page.getByRole('searchbox', { name: 'Search entries' }).fill('market');
      await app.page.locator('.entry-row mark').first().waitFor();
      await open('Notes from the book market');
      const checks: [string, number][] = [
        ['.entry-title', 4.5],
        ['.entry-meta', 4.5],
        ['.entry-snippet', 4.5],
        ['.entry-snippet mark', 4.5],
        ['.reader-body p', 4.5],
        ['.reader-body mark', 4.5],
        ['.reader-meta dt', 3],
        ['.facet-label', 4.5],
        ['.facet-count', 3],
        ['.result-count', 4.5],
        ['.sidebar-heading > button', 4.5],
        ['.text-button:not(:disabled)', 4.5],
        ['.timeline-axis span', 3],
      ];
      // The reader's hit marks, the facets and the timeline each answer on their own after the
      // list: wait for every one (and for the timeline to have the current search) before reading.
      for (const [selector] of checks) await app.page.locator(selector).first().waitFor();
      await app.page.locator('.timeline[aria-busy="false"]').waitFor();
      const low: string[] = [];
      for (const [selector, min] of checks) {
        const found = await contrastOf(app.page, selector);
        expect(found.length, selector).toBeGreaterThan(0);
        for (const f of found) if (f.ratio < min) low.push(`${selector} ${f.text} ${f.ratio} < ${min}`);
      }
      expect(low).toEqual([]);
      await shot('search');
    });

    it('a timeline with few months keeps its bars narrow', async () => {
      await app.page.getByRole('searchbox', { name: 'Search entries' }).fill('');
      await waitForCount(app.page, 4);
      const bars = app.page.locator('.timeline-bar');
      await bars.nth(1).waitFor();
      expect(await bars.count()).toBe(2);
      for (const box of await bars.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width))) expect(box).toBeLessThanOrEqual(30);
      await shot('timeline-sparse');
    });

    it('dialogs and the undo toast', async () => {
      await app.page.locator('.reader-pane').click({ position: { x: 5, y: 5 } });
      await app.page.keyboard.press('?');
      await app.page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
      await shot('shortcuts');
      await app.page.keyboard.press('Escape');
      await app.host.invoke('saveAliasGroup', { name: 'Book market', variants: ['book market', 'بازار کتاب'] });
      await app.page.reload();
      const groups = app.page.getByRole('region', { name: 'Alias groups' });
      await groups.getByRole('button', { name: 'Delete alias group Book market' }).click();
      await app.page.getByTestId('undo-toast').waitFor();
      const contrast = await contrastOf(app.page, '.toast-message, .toast-action');
      for (const c of contrast) expect(c.ratio, c.text).toBeGreaterThanOrEqual(4.5);
      await shot('toast');
      expect(app.consoleErrors).toEqual([]);
    });
  });
}
