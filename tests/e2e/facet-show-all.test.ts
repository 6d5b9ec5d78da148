// A facet with more values than the facets answer holds (150 authors, 100 listed): "Show all"
// says 150, loads the whole list, and the 120th author can be found, selected and kept in view;
// the list can be searched and used from the keyboard, in light and dark mode, RTL names too.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshotDir, seedArchive, waitForCount, writeTextFiles, type AppSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const WORDS = 'amber basalt cedar dune ember fjord gravel heron inlet juniper kelp lichen marsh nettle otter pebble quarry reed sorrel thicket umber vale willow yarrow zephyr alder bramble cove delta estuary'.split(' ');
// Invented Persian names, to see right-to-left labels in the list.
const PERSIAN = ['آرمان دشتی', 'بهار نیک‌سرشت', 'پرهام کوهی', 'ترانه ماهرو', 'ژاله سپیدار', 'سامان رودبار', 'شیدا نارون', 'فرزین آبتاب', 'کیانا بیدگل', 'مهیار سروناز'];
const scribe = (k: number) => `Scribe ${String(k).padStart(3, '0')}`;
/** Scribes 001–140, then the Persian names: 150 authors, the first ten with three entries each, the rest with two. */
const AUTHORS = [...Array.from({ length: 140 }, (_, i) => scribe(i + 1)), ...PERSIAN];
const entriesOf = (i: number) => (i < 10 ? 3 : 2);
const TOTAL = AUTHORS.reduce((n, _, i) => n + entriesOf(i), 0);

function records(): string {
  let seed = 7;
  const word = () => WORDS[(seed = (seed * 1103515245 + 12345) % 2147483648) % WORDS.length]!;
  const lines: string[] = [];
  AUTHORS.forEach((author, i) => {
    for (let j = 0; j < entriesOf(i); j++) {
      const text = Array.from({ length: 30 }, word).join(' ');
      lines.push(JSON.stringify({ title: `Field diary ${i}-${j}`, text, author, date: `2022-0${1 + (j % 9)}-1${i % 10}` }));
    }
  });
  return lines.join('\n') + '\n';
}

describe('a facet’s whole list', () => {
  const dir = tempDir();
  let app: AppSession;
  const authors = () => app.page.locator('.facet-group[data-facet="author"]');
  const shot = (name: string) => authors().screenshot({ path: path.join(screenshotDir(), `facet-show-all-${name}.png`) });
  beforeAll(async () => {
    app = await openApp(path.join(dir, 'show-all.quire'), { viewport: { width: 1280, height: 900 } });
    await seedArchive(app, writeTextFiles(path.join(dir, 'in'), { 'diaries.jsonl': records() }));
    await waitForCount(app.page, TOTAL);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('says how many authors there are, lists them all, and selecting the 120th narrows the results', async () => {
    const showAll = authors().getByRole('button', { name: 'Show all 150' });
    await showAll.click();
    expect(await authors().getByRole('button', { name: 'Show fewer' }).getAttribute('aria-expanded')).toBe('true');
    const rows = authors().locator('.facet-all .facet-value');
    await expect.poll(() => rows.count()).toBe(150);
    // The find box has the focus, ready to type in.
    expect(await app.page.evaluate(() => document.activeElement?.className)).toBe('facet-find');
    // Most entries first, then by name: the ten with three entries, then the rest in order.
    expect(await rows.nth(0).locator('.facet-label').textContent()).toBe(scribe(1));
    expect(await rows.nth(0).locator('.facet-count').textContent()).toBe('3');
    const row120 = rows.nth(119);
    expect(await row120.locator('.facet-label').textContent()).toBe(scribe(120));
    await row120.click();
    await waitForCount(app.page, 2);
    expect(await row120.getAttribute('aria-pressed')).toBe('true');
    await app.page.getByRole('button', { name: `Remove Author: ${scribe(120)}` }).waitFor();
    await row120.scrollIntoViewIfNeeded();
    await shot('light');
    expect(app.consoleErrors).toEqual([]);
  });

  it('finds a value by typing, keeps the selected one in view, and works from the keyboard', async () => {
    const find = authors().getByRole('searchbox', { name: 'Find author' });
    await find.fill('ژاله');
    const rows = authors().locator('.facet-all .facet-value');
    // The one that matches, and the selected scribe, which stays whatever is typed.
    await expect.poll(() => rows.allTextContents()).toEqual([`${scribe(120)}2`, `${PERSIAN[4]}2`]);
    await find.press('Tab');
    await app.page.keyboard.press('Tab');
    expect(await app.page.evaluate(() => document.activeElement?.textContent)).toBe(`${PERSIAN[4]}2`);
    await app.page.keyboard.press('Enter');
    // Two authors of one facet: either one's entries.
    await waitForCount(app.page, 4);
    await find.fill('');
    await expect.poll(() => rows.count()).toBe(150);

    await app.page.emulateMedia({ colorScheme: 'dark' });
    await rows.filter({ hasText: PERSIAN[4]! }).scrollIntoViewIfNeeded();
    await shot('dark');
    await app.page.emulateMedia({ colorScheme: 'light' });

    // Collapsed, the two selected authors (past the first 100) are still there, with their counts.
    await authors().getByRole('button', { name: 'Show fewer' }).click();
    const shown = authors().locator('.facet-value');
    await expect.poll(() => shown.count()).toBe(10);
    expect(await shown.nth(8).textContent()).toBe(`${scribe(120)}2`);
    expect(await shown.nth(9).textContent()).toBe(`${PERSIAN[4]}2`);
    expect(await shown.nth(9).getAttribute('aria-pressed')).toBe('true');
    expect(app.consoleErrors).toEqual([]);
  });

  it('follows a new search while open, without taking the focus from the search box', async () => {
    await app.page.getByRole('button', { name: 'Clear all' }).click();
    await waitForCount(app.page, TOTAL);
    await authors().getByRole('button', { name: 'Show all 150' }).click();
    const box = app.page.getByRole('searchbox', { name: 'Search entries' });
    await box.click();
    await box.pressSequentially('author:scribe');
    await waitForCount(app.page, TOTAL - 2 * PERSIAN.length);
    // The open list now holds the 140 scribes, and the typing stayed in the search box.
    await authors().getByRole('searchbox', { name: 'Find author' }).and(app.page.getByPlaceholder('Find among 140')).waitFor();
    await expect.poll(() => authors().locator('.facet-all .facet-value').count()).toBe(140);
    expect(await app.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search entries');
    expect(app.consoleErrors).toEqual([]);
  });
});
