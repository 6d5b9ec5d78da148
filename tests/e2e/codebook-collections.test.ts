// The codebook and collections in the sidebar, driven through the UI: add codes, nest them by drag
// and by "Move to…", rename in place, delete one through the dialog that says what it holds; build
// a collection from a whole search and open it as a list; Ctrl+click two results into another.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Code, CollectionSummary, SearchResult } from '../../shared/contract.ts';
import { openApp, screenshotDir, seedArchive, waitForCount, waitForTitles, type AppSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { POSTS, writeCorpus } from './fixtures/news-corpus.ts';

const HARBOUR = POSTS.filter((p) => /harbour/i.test(p.body) || /harbour/i.test(p.title)).map((p) => p.title);

async function invoke<T>(app: AppSession, method: Parameters<AppSession['host']['invoke']>[0], arg: unknown): Promise<T> {
  const r = await app.host.invoke(method, arg as never);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

/** The codebook's codes by name, with the name of their parent. */
async function codeParents(app: AppSession): Promise<Record<string, string | null>> {
  const codes = await invoke<Code[]>(app, 'listCodes', undefined);
  const name = new Map(codes.map((c) => [c.id, c.name]));
  return Object.fromEntries(codes.map((c) => [c.name, c.parentId === null ? null : (name.get(c.parentId) ?? '?')]));
}

describe('codebook and collections in the sidebar', () => {
  const dir = tempDir();
  let app: AppSession;
  let page: Page;
  const codebook = () => page.getByRole('region', { name: 'Codebook' });
  const collections = () => page.getByRole('region', { name: 'Collections' });
  const codeRow = (name: string) => codebook().locator('.code-row', { has: page.locator('.code-label', { hasText: new RegExp(`^${name}$`) }) });
  const addRootCode = async (name: string) => {
    await codebook().getByRole('button', { name: 'Add code' }).click();
    const field = codebook().getByRole('textbox', { name: 'Name of the new code' });
    await field.fill(name);
    await field.press('Enter');
    await codeRow(name).waitFor();
  };

  beforeAll(async () => {
    app = await openApp(path.join(dir, 'codebook.quire'));
    page = app.page;
    await seedArchive(app, writeCorpus(path.join(dir, 'corpus')));
    await waitForCount(page, POSTS.length);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('adds codes, nests one by dragging and one by "Move to…", adds a sub-code, and renames in place', async () => {
    expect(await codebook().textContent()).toContain('Codes name what passages are about');
    await addRootCode('Emotion');
    await addRootCode('Anger');
    await addRootCode('Fear');
    await addRootCode('Place');

    // Drag Anger onto Emotion.
    await codeRow('Anger').dragTo(codeRow('Emotion'));
    await codebook().getByRole('status').filter({ hasText: 'Moved “Anger” under “Emotion”.' }).waitFor();
    // Fear by the menu's "Move to…".
    await codeRow('Fear').hover();
    await codebook().getByRole('button', { name: 'More actions for Fear' }).click();
    await codebook().getByRole('menuitem', { name: 'Move to…' }).click();
    const move = page.getByRole('dialog', { name: 'Move “Fear”' });
    await move.getByLabel('Move under').selectOption({ label: 'Emotion' });
    await move.getByRole('button', { name: 'Move', exact: true }).click();
    await move.waitFor({ state: 'detached' });
    // A sub-code made in place.
    await codeRow('Emotion').hover();
    await codebook().getByRole('button', { name: 'More actions for Emotion' }).click();
    await codebook().getByRole('menuitem', { name: 'Add sub-code' }).click();
    const sub = codebook().getByRole('textbox', { name: 'Name of the new sub-code of Emotion' });
    await sub.fill('Joy');
    await sub.press('Enter');
    await codeRow('Joy').waitFor();

    // Rename with a double-click.
    await codeRow('Joy').locator('.code-name').dblclick();
    const rename = codebook().getByRole('textbox', { name: 'New name for Joy' });
    await rename.fill('Delight');
    await rename.press('Enter');
    await codeRow('Delight').waitFor();

    // Dragged onto the root area it becomes a top-level code; dragged back it nests again.
    // (By hand: the root area shows only once a drag has begun.)
    await codeRow('Delight').hover();
    await page.mouse.down();
    const from = (await codeRow('Delight').boundingBox())!;
    await page.mouse.move(from.x + 20, from.y + 12);
    const zone = codebook().getByTestId('code-root-drop');
    await zone.waitFor();
    await zone.hover();
    await page.mouse.up();
    await codebook().getByRole('status').filter({ hasText: 'Moved “Delight” to the top level.' }).waitFor();
    expect((await codeParents(app))['Delight']).toBe(null);
    await codeRow('Delight').dragTo(codeRow('Emotion'));
    await codebook().getByRole('status').filter({ hasText: 'Moved “Delight” under “Emotion”.' }).waitFor();
    // A code cannot go inside its own sub-code: the archive refuses, and says why.
    await codeRow('Emotion').dragTo(codeRow('Anger'));
    expect(await codebook().getByRole('alert').textContent()).toBe('“Emotion” cannot be moved under itself or one of its sub-codes.');

    // A new colour from the palette.
    await codebook().getByRole('button', { name: 'Colour of Place' }).click();
    await codebook().getByRole('group', { name: 'Colour of Place' }).getByRole('button', { name: '#7b61c9' }).click();
    await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.code-swatch')).some((e) => e.style.background === 'rgb(123, 97, 201)'));
    expect((await invoke<Code[]>(app, 'listCodes', undefined)).find((c) => c.name === 'Place')!.color).toBe('#7b61c9');
    await codebook().getByRole('button', { name: 'Done' }).click();

    await page.waitForFunction(() => document.querySelectorAll('[data-code-id] [data-code-id]').length === 3);
    expect(await codeParents(app)).toEqual({ Emotion: null, Anger: 'Emotion', Fear: 'Emotion', Delight: 'Emotion', Place: null });
    // The sub-codes sit inside Emotion's node in the tree, and the first nine codes show their keys.
    const emotionId = (await invoke<Code[]>(app, 'listCodes', undefined)).find((c) => c.name === 'Emotion')!.id;
    const nested = await codebook().locator(`[data-code-id="${emotionId}"] .code-children .code-label`).allTextContents();
    expect(nested.sort()).toEqual(['Anger', 'Delight', 'Fear']);
    // Each of the first nine codes shows the number key the reader applies it with (listCodes order).
    const order = await invoke<Code[]>(app, 'listCodes', undefined);
    for (const [i, c] of order.entries()) expect(await codebook().locator(`[data-code-id="${c.id}"] > .code-row .code-key`).textContent()).toBe(String(i + 1));

    // Collapsing Emotion hides its sub-codes.
    await codebook().getByRole('button', { name: 'Collapse Emotion' }).click();
    await codeRow('Anger').waitFor({ state: 'detached' });
    await codebook().getByRole('button', { name: 'Expand Emotion' }).click();
    await codeRow('Anger').waitFor();
  });

  it('deletes a code through a dialog that counts its sub-codes and highlights, moving them up', async () => {
    const codes = await invoke<Code[]>(app, 'listCodes', undefined);
    const id = (n: string) => codes.find((c) => c.name === n)!.id;
    const hits = await invoke<SearchResult>(app, 'search', { query: '', limit: 50 });
    const entry = (t: string) => hits.hits.find((h) => h.title === t)!.id;
    await invoke(app, 'createHighlight', { entryId: entry('Ferry crews walk out over pay'), start: 0, end: 11, codeIds: [id('Anger')] });
    await invoke(app, 'createHighlight', { entryId: entry('Inquiry into the quarry accident'), start: 0, end: 7, codeIds: [id('Fear'), id('Place')] });
    await codeRow('Anger').locator('.code-count', { hasText: '1' }).waitFor();

    await codeRow('Emotion').hover();
    await codebook().getByRole('button', { name: 'More actions for Emotion' }).click();
    await codebook().getByRole('menuitem', { name: 'Delete…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete code “Emotion”' });
    const impact = dialog.getByTestId('code-impact');
    await impact.waitFor();
    expect(await impact.textContent()).toBe('“Emotion” has 3 sub-codes and 2 highlights (1 of them carries no other code).');
    await page.screenshot({ path: path.join(screenshotDir(), 'codebook-delete-dialog.png') });
    expect(await dialog.getByRole('radio', { name: /Move up/ }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await codeRow('Emotion').waitFor({ state: 'detached' });
    expect(await codeParents(app)).toEqual({ Anger: null, Fear: null, Delight: null, Place: null });
    // The highlights kept their codes.
    await codeRow('Anger').locator('.code-count', { hasText: '1' }).waitFor();
    // Clicking a code lists the entries with passages coded with it.
    await codeRow('Anger').locator('.code-name').click();
    await waitForCount(page, 1);
    await waitForTitles(page, ['Ferry crews walk out over pay']);
    expect(await page.locator('.filter-chips').textContent()).toContain('Code: Anger');
    expect(await codeRow('Anger').locator('.code-name').getAttribute('aria-pressed')).toBe('true');
    await codeRow('Anger').locator('.code-name').click();
    await waitForCount(page, POSTS.length);

    // A memo, written in a small dialog.
    await codeRow('Fear').hover();
    await codebook().getByRole('button', { name: 'More actions for Fear' }).click();
    await codebook().getByRole('menuitem', { name: 'Memo…' }).click();
    const memo = page.getByRole('dialog', { name: 'Memo for “Fear”' });
    await memo.getByRole('textbox').fill('Dread or worry about what is coming.');
    await memo.getByRole('button', { name: 'Save' }).click();
    await memo.waitFor({ state: 'detached' });
    await codeRow('Fear').locator('.code-memo-mark').waitFor();
    expect((await invoke<Code[]>(app, 'listCodes', undefined)).find((c) => c.name === 'Fear')!.description).toBe('Dread or worry about what is coming.');

    // Merging Fear into Place: its highlight now carries Place (once), and Fear is gone.
    await codeRow('Fear').hover();
    await codebook().getByRole('button', { name: 'More actions for Fear' }).click();
    await codebook().getByRole('menuitem', { name: 'Merge into…' }).click();
    const merge = page.getByRole('dialog', { name: 'Merge “Fear”' });
    await merge.getByLabel('Merge into').selectOption({ label: 'Place' });
    await merge.getByRole('button', { name: 'Merge', exact: true }).click();
    await merge.waitFor({ state: 'detached' });
    await codeRow('Fear').waitFor({ state: 'detached' });
    await codebook().getByRole('status').filter({ hasText: 'Merged “Fear” into “Place”.' }).waitFor();
    expect(Object.keys(await codeParents(app)).sort()).toEqual(['Anger', 'Delight', 'Place']);
    await page.screenshot({ path: path.join(screenshotDir(), 'codebook-light.png') });
  });

  it('builds a collection from a whole search and opens it as a list of exactly those entries', async () => {
    const search = page.getByRole('searchbox', { name: 'Search entries' });
    await search.fill('harbour');
    await waitForCount(page, HARBOUR.length);
    await page.getByRole('button', { name: `Add all ${HARBOUR.length} results to collection…` }).click();
    const dialog = page.getByRole('dialog', { name: 'Add to collection' });
    expect(await dialog.getByRole('radio', { name: 'New collection' }).isChecked()).toBe(true);
    await dialog.getByLabel('Name of the new collection').fill('Readings');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByRole('status').filter({ hasText: 'Added' }).textContent()).toBe(`Added ${HARBOUR.length} entries to “Readings”.`);

    const readings = collections().getByRole('button', { name: /^Readings/ });
    await readings.locator('.count', { hasText: String(HARBOUR.length) }).waitFor();
    // Opened from an unrelated search: the collection replaces it.
    await search.fill('council');
    await waitForCount(page, 1);
    await readings.click();
    await waitForCount(page, HARBOUR.length);
    expect(await search.inputValue()).toBe('');
    await waitForTitles(page, HARBOUR, { anyOrder: true });
    expect(await readings.getAttribute('aria-current')).toBe('true');
    expect(await page.locator('.filter-chips').textContent()).toContain('Collection: Readings');
  });

  it('adds two results chosen with Ctrl+click to another collection', async () => {
    await page.getByRole('button', { name: /^All entries/ }).click();
    await waitForCount(page, POSTS.length);
    const row = (title: string) => page.locator('.entry-row', { hasText: title });
    await row('Grain prices climb in the valleys').click({ modifiers: ['Control'] });
    await row('Village school gets a new roof').click({ modifiers: ['Control'] });
    const bar = page.getByRole('toolbar', { name: 'Selected entries' });
    expect(await bar.getByTestId('selection-count').textContent()).toBe('2 selected');
    expect(await row('Grain prices climb in the valleys').getAttribute('aria-selected')).toBe('true');
    // Ctrl+click chooses; it does not open the entry.
    expect(await page.getByRole('article').count()).toBe(0);
    await page.screenshot({ path: path.join(screenshotDir(), 'list-multi-select.png') });

    await bar.getByRole('button', { name: 'Add to collection…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add to collection' });
    expect(await dialog.textContent()).toContain('Adding 2 selected entries.');
    // "Readings" is offered first; a new one is made here instead.
    expect(await dialog.getByRole('radio', { name: /Readings/ }).isChecked()).toBe(true);
    await dialog.getByRole('radio', { name: 'New collection' }).check();
    await dialog.getByLabel('Name of the new collection').fill('Farming');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await bar.waitFor({ state: 'detached' });

    const list = await invoke<CollectionSummary[]>(app, 'listCollections', undefined);
    expect(list.map((c) => [c.name, c.entries]).sort()).toEqual([
      ['Farming', 2],
      ['Readings', HARBOUR.length],
    ]);
    await collections().getByRole('button', { name: /^Farming/ }).click();
    await waitForCount(page, 2);
    await waitForTitles(page, ['Grain prices climb in the valleys', 'Village school gets a new roof'], { anyOrder: true });
  });

  it('Shift+click takes a range, Shift+j extends it from the keyboard, and Esc lets go', async () => {
    await page.getByRole('button', { name: /^All entries/ }).click();
    await waitForCount(page, POSTS.length);
    const rows = page.locator('.entry-row:not(.is-loading)');
    await rows.nth(0).click();
    await page.getByRole('article').waitFor();
    await rows.nth(2).click({ modifiers: ['Shift'] });
    const count = page.getByTestId('selection-count');
    expect(await count.textContent()).toBe('3 selected');
    await page.getByRole('listbox', { name: 'Search results' }).focus();
    await page.keyboard.press('Shift+J');
    await count.filter({ hasText: '4 selected' }).waitFor();
    await page.keyboard.press('Shift+ArrowDown');
    await count.filter({ hasText: '5 selected' }).waitFor();
    expect(await page.locator('.entry-row.is-checked').count()).toBe(5);
    await page.keyboard.press('Escape');
    await count.waitFor({ state: 'detached' });
    expect(await page.locator('.entry-row.is-checked').count()).toBe(0);
  });

  it('deletes a collection and brings it back with Undo', async () => {
    await collections().getByRole('button', { name: /^Farming/ }).hover();
    await collections().getByRole('button', { name: 'Delete collection Farming' }).click();
    await collections().getByRole('button', { name: /^Farming/ }).waitFor({ state: 'detached' });
    const note = collections().getByRole('status');
    expect(await note.textContent()).toContain('Deleted collection “Farming”.');
    await note.getByRole('button', { name: 'Undo' }).click();
    const back = collections().getByRole('button', { name: /^Farming/ });
    await back.locator('.count', { hasText: '2' }).waitFor();
    expect(app.consoleErrors).toEqual([]);
  });
});
