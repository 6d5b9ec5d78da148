// The annotations view: every highlight across the archive, filtered by a parent code (its
// sub-codes' highlights included), by words; an orphan of a deleted entry says so; opening one
// shows its entry in the reader scrolled to the passage. Screenshots in light and dark mode.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Code, EntryDetail, Highlight, SearchResult } from '../../shared/contract.ts';
import { codePointLength, entryText, toCodePoints } from '../../shared/entry-text.ts';
import { openApp, screenshotDir, seedArchive, waitForCount, writeTextFiles, type AppSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';

// Invented text. A long entry, so its last paragraph starts far below the reader's first screen.
const FILLER = 'The committee heard from residents about the state of the old mill road, the drains and the bus timetable. '.repeat(4);
const LONG = `Minutes of the river board\nPosted on: 2017/05/04\n\n${Array.from({ length: 14 }, () => FILLER).join('\n\n')}\n\nAt the end the chair said the weir must be rebuilt before the autumn floods.\n`;
const SHORT = `Letters from the valley\nPosted on: 2017/06/10\n\nA reader wrote that the orchard workers were paid late again this summer.\n`;
const PERSIAN = `گزارش بازار\nPosted on: 2017/07/01\n\nکتاب‌فروشی‌های قدیمی هنوز باز هستند اما مشتریان کمتری دارند.\n`;
const GONE = `A post deleted later\nPosted on: 2017/02/02\n\nThis entry is deleted after a passage of it was highlighted.\n`;

/** Code point offsets of a passage in the entry's text, as the archive stores it. */
async function span(app: AppSession, entryId: number, passage: string): Promise<{ entryId: number; start: number; end: number }> {
  const e = await invoke<EntryDetail>(app, 'getEntry', { id: entryId });
  const text = entryText(e.title, e.body);
  const at = text.indexOf(passage);
  if (at < 0) throw new Error(`passage not found: ${passage}`);
  const start = toCodePoints(text, at);
  return { entryId, start, end: start + codePointLength(passage) };
}

async function invoke<T>(app: AppSession, method: Parameters<AppSession['host']['invoke']>[0], arg: unknown): Promise<T> {
  const r = await app.host.invoke(method, arg as never);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

async function quotes(page: Page): Promise<string[]> {
  return page.locator('.annotation-quote mark').allTextContents();
}

describe('annotations view', () => {
  const dir = tempDir();
  let app: AppSession;
  let page: Page;
  const view = () => page.getByRole('region', { name: 'Annotations' });
  const count = () => view().getByTestId('highlight-count');
  const WEIR = 'the weir must be rebuilt before the autumn floods';
  const ORCHARD = 'the orchard workers were paid late';
  const SHOPS = 'کتاب‌فروشی‌های قدیمی';

  beforeAll(async () => {
    app = await openApp(path.join(dir, 'annotations.quire'));
    page = app.page;
    await seedArchive(app, writeTextFiles(path.join(dir, 'texts'), { 'long.txt': LONG, 'short.txt': SHORT, 'fa.txt': PERSIAN, 'gone.txt': GONE }));
    await waitForCount(page, 4);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('explains how to make a highlight while there is none', async () => {
    await page.getByRole('button', { name: /^Annotations/ }).click();
    await view().getByRole('heading', { name: 'No highlights yet' }).waitFor();
    expect(await view().textContent()).toContain('press 1–9');
    // `a` goes back to the entries, and again to the annotations.
    await page.keyboard.press('a');
    await view().waitFor({ state: 'detached' });
    await page.keyboard.press('a');
    await view().waitFor();
  });

  it('lists highlights from the API, filters by a parent code with its sub-codes, and by words', async () => {
    const save = (req: object) => invoke<Code>(app, 'saveCode', req);
    const place = await save({ name: 'Place', parentId: null, color: '#3f7fd1' });
    const water = await save({ name: 'Water', parentId: place.id, color: '#2a9d8f' });
    const labour = await save({ name: 'Labour', parentId: null, color: '#d1495b' });
    const hits = await invoke<SearchResult>(app, 'search', { query: '', limit: 10 });
    const id = (title: string) => hits.hits.find((h) => h.title === title)!.id;
    const weir = await invoke<Highlight>(app, 'createHighlight', {
      ...(await span(app, id('Minutes of the river board'), WEIR)),
      codeIds: [water.id],
      note: 'The board commits to the weir.',
    });
    await invoke(app, 'createHighlight', { ...(await span(app, id('Letters from the valley'), ORCHARD)), codeIds: [labour.id] });
    await invoke(app, 'createHighlight', { ...(await span(app, id('گزارش بازار'), SHOPS)), codeIds: [place.id] });
    const gone = id('A post deleted later');
    await invoke(app, 'createHighlight', { ...(await span(app, gone, 'a passage of it')), codeIds: [labour.id] });
    await invoke(app, 'deleteEntries', { entryIds: [gone] });
    expect(weir.exact).toBe(WEIR);

    await page.reload();
    await page.getByRole('button', { name: /^Annotations/ }).click();
    await count().filter({ hasText: '4 highlights' }).waitFor();
    expect((await quotes(page)).sort()).toEqual([ORCHARD, SHOPS, WEIR, 'a passage of it'].sort());
    // The Persian passage keeps its direction; the orphan says its entry was deleted.
    expect(await view().locator('.annotation-quote', { hasText: SHOPS }).getAttribute('dir')).toBe('rtl');
    const orphan = view().locator('.annotation', { hasText: 'a passage of it' });
    expect(await orphan.locator('.badge').textContent()).toBe('Entry deleted');
    const weirItem = view().locator('.annotation', { hasText: WEIR });
    expect(await weirItem.locator('.code-chip').textContent()).toBe('Water');
    expect(await weirItem.locator('.annotation-note').textContent()).toBe('The board commits to the weir.');
    expect(await weirItem.locator('.annotation-entry-title').textContent()).toBe('Minutes of the river board');

    // The parent code brings its sub-code's highlight along: chosen in the filters…
    await view().getByLabel('Code').selectOption({ label: 'Labour' });
    await count().filter({ hasText: '2 highlights' }).waitFor();
    expect((await quotes(page)).sort()).toEqual([ORCHARD, 'a passage of it'].sort());
    // …or by clicking it in the codebook, which in this view filters the highlights.
    const codebook = page.getByRole('region', { name: 'Codebook' });
    await codebook.getByRole('button', { name: /^Place,/ }).click();
    await count().filter({ hasText: '2 highlights' }).waitFor();
    await page.waitForFunction(() => (document.querySelector('.annotation-filters select[aria-label="Code"]') as HTMLSelectElement).selectedOptions[0]?.textContent === 'Place');
    expect((await quotes(page)).sort()).toEqual([SHOPS, WEIR].sort());
    expect(await codebook.getByRole('button', { name: /^Place,/ }).getAttribute('aria-pressed')).toBe('true');
    await view().getByRole('searchbox', { name: 'Words in the passage or note' }).fill('weir');
    await count().filter({ hasText: '1 highlight' }).waitFor();
    expect(await quotes(page)).toEqual([WEIR]);

    await page.screenshot({ path: path.join(screenshotDir(), 'annotations-view-light.png') });
  });

  it('opens a highlight in the reader, scrolled so the passage is in view', async () => {
    await view().locator('.annotation-item', { hasText: WEIR }).click();
    const reader = page.locator('.reader-pane');
    await reader.getByRole('heading', { level: 2, name: 'Minutes of the river board' }).waitFor();
    const mark = reader.locator('.reader [data-hl]').filter({ hasText: 'weir' }).first();
    await mark.waitFor();
    // The passage sits in the last paragraph, far below the first screen: it is scrolled into the reader's viewport.
    await page.waitForFunction(() => {
      const pane = document.querySelector('.reader-pane')!.getBoundingClientRect();
      const hl = Array.from(document.querySelectorAll<HTMLElement>('.reader [data-hl]')).find((e) => (e.textContent ?? '').includes('weir'));
      if (!hl) return false;
      const r = hl.getBoundingClientRect();
      return r.top >= pane.top && r.bottom <= pane.bottom && (document.querySelector('.reader-pane') as HTMLElement).scrollTop > 200;
    });
    expect(await view().locator('.annotation-item[aria-current="true"]').textContent()).toContain(WEIR);
    await page.screenshot({ path: path.join(screenshotDir(), 'annotations-view-open-light.png') });
  });

  it('looks right in dark mode too', async () => {
    await view().getByRole('button', { name: 'Clear filters' }).first().click();
    await count().filter({ hasText: '4 highlights' }).waitFor();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: path.join(screenshotDir(), 'annotations-view-dark.png') });
    await page.getByRole('button', { name: /^All entries/ }).click();
    await view().waitFor({ state: 'detached' });
    await page.screenshot({ path: path.join(screenshotDir(), 'codebook-dark.png') });
    await page.setViewportSize({ width: 1000, height: 760 });
    await page.keyboard.press('a');
    await count().filter({ hasText: '4 highlights' }).waitFor();
    // Nothing spills sideways at 1000 px.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await page.screenshot({ path: path.join(screenshotDir(), 'annotations-view-dark-1000.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    expect(app.consoleErrors).toEqual([]);
  });
});
