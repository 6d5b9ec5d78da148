// A highlight made elsewhere (another tab, another window) while the user is dragging over the
// same text: the reader draws it only once the mouse button is up, so the selection being made is
// not cut short or thrown to another passage by the text being redrawn under it; the new highlight
// is drawn once the selection is highlighted.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntryAnnotations, EntryDetail, Highlight } from '../../shared/contract.ts';
import { codePointLength, entryText, toCodePoints } from '../../shared/entry-text.ts';
import { openApp, seedArchive, waitForCount, writeTextFiles, type AppSession } from '../helpers/browser.ts';
import { measure, settled } from '../helpers/drag-select.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const TITLE = 'Ferry timetable notes';
const BODY = 'The morning ferry left the north pier at seven and the harbour master wrote the tide in his book before the crossing began.';
const DRAGGED = 'left the north pier at seven and the harbour master wrote the tide';
const ELSEWHERE = 'the harbour master';

describe('a highlight pushed while the user drags', () => {
  const dir = tempDir();
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp(path.join(dir, 'drag.quire'));
    await seedArchive(app, writeTextFiles(path.join(dir, 'texts'), { 'ferry.txt': `${TITLE}\n\n${BODY}\n` }));
    await waitForCount(app.page, 1);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('is drawn once the selection is highlighted, and the selection stays the one dragged', async () => {
    const page = app.page;
    await page.locator('.entry-row', { hasText: TITLE }).click();
    await page.getByRole('textbox', { name: 'Add a tag' }).waitFor();
    const entryId = Number(await page.locator('article.reader').getAttribute('data-entry-id'));
    await settled(page);
    const p = await measure(page, '.reader-body', DRAGGED);

    await page.mouse.move(p.x1, p.y1);
    await page.mouse.down();
    await page.mouse.move((p.x1 + p.x2) / 2, (p.y1 + p.y2) / 2, { steps: 5 });

    // Meanwhile another window highlights words inside the dragged stretch; the page hears of it
    // and fetches this entry's annotations again.
    const refetched = page.waitForResponse((r) => r.url().endsWith('/api/invoke/getEntryAnnotations'));
    const e = (await app.host.invoke('getEntry', { id: entryId })) as { ok: true; value: EntryDetail };
    const text = entryText(e.value.title, e.value.body);
    const start = toCodePoints(text, text.indexOf(ELSEWHERE));
    const made = await app.host.invoke('createHighlight', { entryId, start, end: start + codePointLength(ELSEWHERE), codeIds: [] });
    expect(made.ok).toBe(true);
    await refetched;
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    // Not drawn while the button is held.
    expect(await page.locator('.reader-body [data-hl]').count()).toBe(0);

    await page.mouse.move(p.x2, p.y2, { steps: 5 });
    await page.mouse.up();
    expect(await page.evaluate(() => document.getSelection()?.toString())).toBe(DRAGGED);
    await page.getByRole('toolbar', { name: 'Annotate the selection' }).waitFor();

    // The selection still waits for the user, so the text under it is not redrawn yet.
    expect(await page.locator('.reader-body [data-hl]').count()).toBe(0);

    // Highlighted with H: both highlights are drawn, the dragged one exactly as dragged.
    await page.keyboard.press('h');
    const other = (made as { ok: true; value: Highlight }).value.id;
    await page.locator(`.reader-body [data-hl~="${other}"]`).first().waitFor();
    await expect.poll(async () => ((await app.host.invoke('getEntryAnnotations', { entryId })) as { ok: true; value: EntryAnnotations }).value.highlights.length).toBe(2);
    const all = ((await app.host.invoke('getEntryAnnotations', { entryId })) as { ok: true; value: EntryAnnotations }).value.highlights;
    const mine = all.find((h) => h.id !== other)!;
    expect(mine.exact).toBe(DRAGGED);
    await page.locator(`.reader-body [data-hl~="${mine.id}"]`).first().waitFor();
    expect(app.consoleErrors).toEqual([]);
  });
});
