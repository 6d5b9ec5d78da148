// Annotating in the reader with the mouse and the keyboard: a selection dragged over the text
// (English with an emoji and a combining accent, Persian with a zero-width non-joiner, and a
// title) becomes a coded highlight whose code point offsets and quote are exact; it survives a
// reload; Ctrl+Z and Ctrl+Shift+Z / Ctrl+Y undo and redo it; overlapping highlights are both drawn
// and each can be opened.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveArg, ArchiveMethod, ArchiveReturn, EntryAnnotations, Highlight } from '../../shared/contract.ts';
import { entryText } from '../../shared/entry-text.ts';
import { openApp, seedArchive, waitForCount, writeTextFiles, type AppSession } from '../helpers/browser.ts';
import { dragSelect } from '../helpers/drag-select.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const EN_TITLE = 'Harbour report';
const EN_BODY = 'The harbour reopened 🚢 on Monday after the storm. The Yg\u0303ua sign on the quay was lit again by noon.\n\nNets were mended on the beach while the gulls watched.';
const FA_TITLE = 'گزارش بندر';
const FA_BODY = 'بندر پس از توفان دوباره باز شد و ماهی‌گیرها به اسکله برگشتند.\n\nبازار ماهی تا ظهر شلوغ بود.';

const LONG_TITLE = 'Tide tables';
const LONG_BODY = Array.from({ length: 40 }, (_, i) => `Paragraph ${i + 1}: the tide came in at the usual hour and went out again.`).join('\n\n');

const TEXTS = {
  'tides-en.txt': `${LONG_TITLE}\n\n${LONG_BODY}\n`,
  'harbour-en.txt': `${EN_TITLE}\n\n${EN_BODY}\n`,
  'bandar-fa.txt': `${FA_TITLE}\n\n${FA_BODY}\n`,
};

async function call<M extends ArchiveMethod>(app: AppSession, method: M, arg: ArchiveArg<M>): Promise<ArchiveReturn<M>> {
  const r = await app.host.invoke(method, arg);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as ArchiveReturn<M>;
}

/** Code point offsets of the nth occurrence of `phrase` in `text`, the way the archive counts. */
function codePointRange(text: string, phrase: string): { start: number; end: number } {
  const at = text.indexOf(phrase);
  if (at < 0) throw new Error(`"${phrase}" is not in the text`);
  const start = Array.from(text.slice(0, at)).length;
  return { start, end: start + Array.from(phrase).length };
}

/** The text of every segment drawn for one highlight, joined. */
async function drawnText(page: Page, id: number): Promise<string> {
  return page.$$eval(`article [data-hl~="${id}"]`, (els) => els.map((e) => e.textContent ?? '').join(''));
}

async function annotations(app: AppSession, entryId: number): Promise<EntryAnnotations> {
  return call(app, 'getEntryAnnotations', { entryId });
}

async function openEntry(page: Page, title: string): Promise<number> {
  await page.locator('.entry-row', { hasText: title }).first().click();
  const article = page.locator('article.reader');
  await article.locator('#reader-title', { hasText: title }).waitFor();
  // The annotations are loaded once the tag input shows.
  await page.getByRole('textbox', { name: 'Add a tag' }).waitFor();
  return Number(await article.getAttribute('data-entry-id'));
}

async function waitForHighlights(app: AppSession, entryId: number, count: number): Promise<Highlight[]> {
  for (let i = 0; i < 100; i++) {
    const hs = (await annotations(app, entryId)).highlights;
    if (hs.length === count) return hs;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`expected ${count} highlights`);
}

describe('annotating in the reader', () => {
  const dir = tempDir();
  let app: AppSession;
  let weather: number;
  let work: number;
  beforeAll(async () => {
    app = await openApp(path.join(dir, 'annotate.quire'));
    weather = (await call(app, 'saveCode', { name: 'Weather', color: '#d9480f' })).id;
    work = (await call(app, 'saveCode', { name: 'Work', color: '#1c7ed6' })).id;
    await seedArchive(app, writeTextFiles(path.join(dir, 'texts'), TEXTS));
    await waitForCount(app.page, 3);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('codes a mouse selection with "1": exact code point offsets over an emoji, drawn in the code colour', async () => {
    const page = app.page;
    const id = await openEntry(page, EN_TITLE);
    const phrase = 'reopened 🚢 on Monday';
    await dragSelect(page, '.reader-body', phrase);
    const toolbar = page.getByRole('toolbar', { name: 'Annotate the selection' });
    await toolbar.waitFor();
    // The codes are offered with the numbers that apply them.
    expect(await toolbar.getByRole('button', { name: /Weather/ }).textContent()).toContain('1');
    expect(await toolbar.getByRole('button', { name: /Work/ }).textContent()).toContain('2');
    await page.keyboard.press('1');

    const [h] = await waitForHighlights(app, id, 1);
    const text = entryText(EN_TITLE, EN_BODY);
    expect({ start: h!.start, end: h!.end }).toEqual(codePointRange(text, phrase));
    expect(h!.exact).toBe(phrase);
    expect(h!.codes.map((c) => c.id)).toEqual([weather]);

    await page.locator(`[data-hl~="${h!.id}"]`).first().waitFor();
    expect(await drawnText(page, h!.id)).toBe(phrase);
    // The underline is drawn in the code's colour (#d9480f) and is not the search mark's yellow box.
    const style = await page.locator(`[data-hl~="${h!.id}"]`).first().evaluate((el) => {
      const probe = document.createElement('span');
      probe.style.color = '#d9480f';
      document.body.append(probe);
      const want = getComputedStyle(probe).color;
      probe.remove();
      return { image: getComputedStyle(el).backgroundImage, want, tag: el.tagName, marks: el.querySelectorAll('mark').length };
    });
    expect(style.image).toContain('linear-gradient');
    expect(style.image.replace(/\s/g, '')).toMatch(/217,72,15|0\.85\d*0\.28\d*0\.05\d*/);
    expect(style.marks).toBe(0);
  });

  it('adds a note from the highlight popover, keeps the highlight after a reload, and undoes and redoes it', async () => {
    const page = app.page;
    const id = Number(await page.locator('article.reader').getAttribute('data-entry-id'));
    const [h] = await waitForHighlights(app, id, 1);
    await page.locator(`[data-hl~="${h!.id}"]`).first().click();
    const popover = page.getByRole('region', { name: 'Highlight' });
    await popover.waitFor();
    await popover.getByRole('textbox').fill('Reopened after the storm');
    await popover.getByRole('textbox').press('Control+Enter');
    await expect.poll(async () => (await annotations(app, id)).highlights[0]?.note).toBe('Reopened after the storm');
    await page.keyboard.press('Escape');
    await popover.waitFor({ state: 'detached' });

    await page.reload();
    await waitForCount(page, 3);
    await openEntry(page, EN_TITLE);
    await page.locator(`[data-hl~="${h!.id}"]`).first().waitFor();
    expect(await drawnText(page, h!.id)).toBe('reopened 🚢 on Monday');

    // Undo the note, then the highlight itself: it is gone from the page and the archive.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await annotations(app, id)).highlights[0]?.note ?? null).toBe(null);
    await page.keyboard.press('Control+z');
    await page.locator(`[data-hl~="${h!.id}"]`).first().waitFor({ state: 'detached' });
    expect((await annotations(app, id)).highlights).toEqual([]);
    expect(await page.getByTestId('history-status').textContent()).toMatch(/Undone/);

    // Redo brings it back with the same id, then its note.
    await page.keyboard.press('Control+Shift+z');
    await page.locator(`[data-hl~="${h!.id}"]`).first().waitFor();
    expect(await drawnText(page, h!.id)).toBe('reopened 🚢 on Monday');
    await page.keyboard.press('Control+y');
    await expect.poll(async () => (await annotations(app, id)).highlights[0]?.note).toBe('Reopened after the storm');
  });

  // (No precomposed letter exists for g + combining tilde, so the importer's NFC keeps it two code points.)
  it('highlights a combining accent whole, and the title with H', async () => {
    const page = app.page;
    const id = await openEntry(page, EN_TITLE);
    const text = entryText(EN_TITLE, EN_BODY);
    const phrase = 'Yg\u0303ua sign on the quay';
    await dragSelect(page, '.reader-body', phrase);
    await page.getByRole('toolbar', { name: 'Annotate the selection' }).waitFor();
    await page.keyboard.press('2');
    let hs = await waitForHighlights(app, id, 2);
    const cafe = hs.find((x) => x.exact === phrase)!;
    expect({ start: cafe.start, end: cafe.end }).toEqual(codePointRange(text, phrase));
    expect(cafe.codes.map((c) => c.id)).toEqual([work]);

    await dragSelect(page, '#reader-title', 'Harbour');
    await page.getByRole('toolbar', { name: 'Annotate the selection' }).waitFor();
    await page.keyboard.press('h');
    hs = await waitForHighlights(app, id, 3);
    const title = hs.find((x) => x.exact === 'Harbour')!;
    expect({ start: title.start, end: title.end, codes: title.codes }).toEqual({ start: 0, end: 7, codes: [] });
    await page.locator(`#reader-title [data-hl~="${title.id}"]`).waitFor();
    expect(await drawnText(page, title.id)).toBe('Harbour');
  });

  it('codes a right-to-left Persian selection across a zero-width non-joiner', async () => {
    const page = app.page;
    const id = await openEntry(page, FA_TITLE);
    expect(await page.locator('article.reader').getAttribute('dir')).toBe('rtl');
    const phrase = 'ماهی‌گیرها به اسکله';
    await dragSelect(page, '.reader-body', phrase);
    await page.getByRole('toolbar', { name: 'Annotate the selection' }).waitFor();
    await page.keyboard.press('2');
    const [h] = await waitForHighlights(app, id, 1);
    expect(h!.exact).toBe(phrase);
    expect({ start: h!.start, end: h!.end }).toEqual(codePointRange(entryText(FA_TITLE, FA_BODY), phrase));
    await page.locator(`[data-hl~="${h!.id}"]`).first().waitFor();
    expect(await drawnText(page, h!.id)).toBe(phrase);
    // With the highlight focused, "1" adds the first code and "2" takes its own off again.
    await page.locator(`[data-hl-start="${h!.id}"]`).focus();
    await page.keyboard.press('1');
    await expect.poll(async () => (await annotations(app, id)).highlights[0]?.codes.map((c) => c.id).sort()).toEqual([weather, work].sort());
    await page.keyboard.press('2');
    await expect.poll(async () => (await annotations(app, id)).highlights[0]?.codes.map((c) => c.id)).toEqual([weather]);
  });

  it('draws overlapping highlights both, and opens each by clicking', async () => {
    const page = app.page;
    const id = await openEntry(page, EN_TITLE);
    const before = (await annotations(app, id)).highlights.length;
    const toolbar = page.getByRole('toolbar', { name: 'Annotate the selection' });
    await dragSelect(page, '.reader-body', 'Nets were mended on the beach');
    await toolbar.waitFor();
    await page.keyboard.press('1');
    const netsFirst = (await waitForHighlights(app, id, before + 1)).find((x) => x.exact === 'Nets were mended on the beach')!;
    await toolbar.waitFor({ state: 'detached' });
    // The second drag starts on the first highlight: wait until it is drawn, so the text has its final layout.
    await page.locator(`[data-hl~="${netsFirst.id}"]`).first().waitFor();
    await dragSelect(page, '.reader-body', 'on the beach while the gulls');
    await toolbar.waitFor();
    await page.keyboard.press('2');
    const hs = await waitForHighlights(app, id, before + 2);
    expect(hs.map((x) => x.exact)).toEqual(expect.arrayContaining(['Nets were mended on the beach', 'on the beach while the gulls']));
    const nets = hs.find((x) => x.exact === 'Nets were mended on the beach')!;
    const gulls = hs.find((x) => x.exact === 'on the beach while the gulls')!;
    await page.locator(`[data-hl~="${gulls.id}"]`).first().waitFor();
    expect(await drawnText(page, nets.id)).toBe(nets.exact);
    expect(await drawnText(page, gulls.id)).toBe(gulls.exact);
    // The shared words carry both, each with its own underline (two lanes, two colours).
    const shared = page.locator('.hl.is-overlap');
    expect(await shared.textContent()).toBe('on the beach');
    const lines = await shared.evaluate((el) => getComputedStyle(el).backgroundImage.split('linear-gradient').length - 1);
    expect(lines).toBe(4);

    const popover = page.getByRole('region', { name: 'Highlight' });
    await page.locator(`[data-hl="${nets.id}"]`).first().click();
    expect(Number(await popover.getAttribute('data-highlight-id'))).toBe(nets.id);
    await page.locator(`[data-hl="${gulls.id}"]`).first().click();
    expect(Number(await popover.getAttribute('data-highlight-id'))).toBe(gulls.id);
    // On the shared words the popover offers both, and a second click moves to the other.
    await shared.click();
    const first = Number(await popover.getAttribute('data-highlight-id'));
    expect(await popover.getByRole('group', { name: 'Highlights here' }).getByRole('button').count()).toBe(2);
    await shared.click();
    const second = Number(await popover.getAttribute('data-highlight-id'));
    expect([first, second].sort()).toEqual([nets.id, gulls.id].sort());
    expect(app.consoleErrors).toEqual([]);
  });

  it('shows a highlight made in another tab at once (the server pushes the change)', async () => {
    const page = app.page;
    const id = await openEntry(page, FA_TITLE);
    const before = (await annotations(app, id)).highlights.length;
    const other = await page.context().newPage();
    try {
      await other.goto(app.server.url);
      await waitForCount(other, 3);
      await other.bringToFront();
      await openEntry(other, FA_TITLE);
      await dragSelect(other, '.reader-body', 'بازار ماهی');
      await other.getByRole('toolbar', { name: 'Annotate the selection' }).waitFor();
      await other.keyboard.press('1');
      const hs = await waitForHighlights(app, id, before + 1);
      const made = hs.find((x) => x.exact === 'بازار ماهی')!;
      // No reload in the first tab: the highlight appears there by itself.
      await page.locator(`[data-hl~="${made.id}"]`).first().waitFor({ timeout: 5000 });
      expect(await drawnText(page, made.id)).toBe('بازار ماهی');
    } finally {
      await other.close();
    }
  });

  it('keeps both of two tags typed before the first one was saved', async () => {
    const page = app.page;
    const id = await openEntry(page, LONG_TITLE);
    // The archive's answer to the first tag comes late, and so does the entry's reloaded tags
    // (after the change the server pushes): the second is typed meanwhile.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    await page.route('**/api/invoke/setEntryTags', async (route) => {
      const first = ++calls === 1;
      const response = await route.fetch();
      if (first) await held;
      await route.fulfill({ response });
    });
    await page.route('**/api/invoke/getEntryAnnotations', async (route) => {
      if (calls > 0) await held;
      await route.continue();
    });
    try {
      const tagInput = page.getByRole('textbox', { name: 'Add a tag' });
      await tagInput.fill('neap');
      await tagInput.press('Enter');
      await tagInput.fill('spring');
      await tagInput.press('Enter');
      await expect.poll(() => calls).toBe(2);
      release();
      await expect.poll(async () => (await annotations(app, id)).tags.sort()).toEqual(['neap', 'spring']);
      await page.getByRole('button', { name: 'Remove tag neap' }).waitFor();
      await page.getByRole('button', { name: 'Remove tag spring' }).waitFor();
    } finally {
      release();
      await page.unroute('**/api/invoke/setEntryTags');
      await page.unroute('**/api/invoke/getEntryAnnotations');
    }
  });

  it('adds and removes tags and writes, edits and deletes notes on the whole entry', async () => {
    const page = app.page;
    const id = await openEntry(page, EN_TITLE);
    const tagInput = page.getByRole('textbox', { name: 'Add a tag' });
    await tagInput.fill('storms');
    await tagInput.press('Enter');
    await tagInput.fill('بندرها');
    await tagInput.press('Enter');
    await page.getByRole('button', { name: 'Remove tag بندرها' }).waitFor();
    await expect.poll(async () => (await annotations(app, id)).tags.sort()).toEqual(['storms', 'بندرها'].sort());
    await page.getByRole('button', { name: 'Remove tag storms' }).click();
    await expect.poll(async () => (await annotations(app, id)).tags).toEqual(['بندرها']);
    await page.getByRole('button', { name: 'Remove tag storms' }).waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByRole('textbox', { name: 'New note' }).fill('Compare with the March report.');
    await page.getByRole('textbox', { name: 'New note' }).press('Control+Enter');
    const notes = page.getByRole('list', { name: 'Notes' });
    await notes.getByText('Compare with the March report.').waitFor();
    await notes.getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('textbox', { name: 'Edit note' }).fill('Compare with the April report.');
    await notes.getByRole('button', { name: 'Save' }).click();
    await notes.getByText('Compare with the April report.').waitFor();
    expect((await annotations(app, id)).notes.map((n) => n.text)).toEqual(['Compare with the April report.']);
    await notes.getByRole('button', { name: 'Delete' }).click();
    await notes.waitFor({ state: 'detached' });
    expect((await annotations(app, id)).notes).toEqual([]);
  });

  it('highlights a selection extended with Shift+arrows, and keeps the reader where it was scrolled', async () => {
    const page = app.page;
    const id = await openEntry(page, EN_TITLE);
    const before = (await annotations(app, id)).highlights.length;
    // The mouse selects "lit"; Shift+→ six times extends it to "lit again".
    await dragSelect(page, '.reader-body', 'lit');
    for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.getByRole('toolbar', { name: 'Annotate the selection' }).waitFor();
    const pane = page.locator('.reader-pane');
    await page.setViewportSize({ width: 1280, height: 360 });
    await pane.evaluate((el) => (el.scrollTop = 120));
    const scrolled = await pane.evaluate((el) => el.scrollTop);
    expect(scrolled).toBeGreaterThan(0);
    await page.keyboard.press('2');
    const hs = await waitForHighlights(app, id, before + 1);
    const lit = hs.find((x) => x.exact === 'lit again')!;
    expect({ start: lit.start, end: lit.end }).toEqual(codePointRange(entryText(EN_TITLE, EN_BODY), 'lit again'));
    await page.locator(`[data-hl~="${lit.id}"]`).first().waitFor();
    expect(await pane.evaluate((el) => el.scrollTop)).toBe(scrolled);
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await drawnText(page, lit.id)).toBe('lit again');
  });

  it('scrolls to and flashes a highlight opened from the annotations view', async () => {
    const page = app.page;
    const all = await call(app, 'search', { query: '', limit: 10 });
    const entryId = all.hits.find((h) => h.title === LONG_TITLE)!.id;
    const phrase = 'Paragraph 37: the tide came in';
    const h = await call(app, 'createHighlight', { entryId, ...codePointRange(entryText(LONG_TITLE, LONG_BODY), phrase), codeIds: [work] });
    await page.getByRole('button', { name: /^Annotations/ }).click();
    await page.locator(`.annotation[data-highlight-id="${h.id}"] button`).click();
    const drawn = page.locator(`.reader [data-hl~="${h.id}"]`).first();
    await drawn.waitFor();
    await page.waitForFunction((id) => document.querySelector(`.reader [data-hl~="${id}"]`)?.classList.contains('is-flash') ?? false, h.id);
    // In view inside the reader pane, which had to scroll to get there.
    const where = await drawn.evaluate((el) => {
      const pane = el.closest('.reader-pane')!;
      const a = el.getBoundingClientRect();
      const b = pane.getBoundingClientRect();
      return { inside: a.top >= b.top && a.bottom <= b.bottom, scrolled: pane.scrollTop };
    });
    expect(where.inside).toBe(true);
    expect(where.scrolled).toBeGreaterThan(0);
    expect(await drawnText(page, h.id)).toBe(phrase);
    await page.getByRole('button', { name: /^All entries/ }).click();
  });

  it('makes a highlight with a note from the toolbar\'s Note…, saved when the popover closes', async () => {
    const page = app.page;
    const id = await openEntry(page, FA_TITLE);
    const before = (await annotations(app, id)).highlights.length;
    await dragSelect(page, '.reader-body', 'باز شد');
    await page.getByRole('toolbar', { name: 'Annotate the selection' }).getByRole('button', { name: 'Note…' }).click();
    const note = page.getByRole('region', { name: 'Highlight' }).getByRole('textbox');
    await expect.poll(() => note.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('یادداشت کوتاه');
    await page.keyboard.press('Escape');
    await page.getByRole('region', { name: 'Highlight' }).waitFor({ state: 'detached' });
    await expect.poll(async () => (await annotations(app, id)).highlights.find((x) => x.exact === 'باز شد')?.note).toBe('یادداشت کوتاه');
    expect((await annotations(app, id)).highlights.length).toBe(before + 1);
  });
});
