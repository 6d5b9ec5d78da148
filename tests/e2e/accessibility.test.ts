// Accessibility: every control has an accessible name (read from Chromium's own accessibility
// tree), the result list is a listbox whose active descendant is the selected row, dialogs are
// modal, keep Tab inside and give focus back; `?` opens the keyboard shortcuts, Esc closes them.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshotDir, seedArchive, waitForCount, type AppSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { POSTS, writeCorpus } from './fixtures/news-corpus.ts';

const NAMED_ROLES = new Set(['button', 'textbox', 'searchbox', 'checkbox', 'combobox', 'option', 'listbox', 'link', 'menuitem', 'switch', 'slider', 'spinbutton', 'radio', 'tab', 'dialog', 'progressbar']);

interface AxNode {
  ignored?: boolean;
  role?: { value?: string };
  name?: { value?: string };
  backendDOMNodeId?: number;
}

/** Controls in the accessibility tree that a screen reader would announce without a name. */
async function unnamedControls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
  const bad: string[] = [];
  for (const n of nodes) {
    const role = n.role?.value ?? '';
    if (n.ignored || !NAMED_ROLES.has(role)) continue;
    if ((n.name?.value ?? '').trim() !== '') continue;
    const { node } = (await cdp.send('DOM.describeNode', { backendNodeId: n.backendDOMNodeId })) as { node: { localName: string; attributes?: string[] } };
    bad.push(`${role} <${node.localName} ${(node.attributes ?? []).join(' ')}>`);
  }
  await cdp.detach();
  return bad;
}

describe('accessibility', () => {
  const dir = tempDir();
  let app: AppSession;
  const search = () => app.page.getByRole('searchbox', { name: 'Search entries' });
  const activeValue = () => app.page.evaluate(() => (document.activeElement instanceof HTMLInputElement ? document.activeElement.value : null));
  beforeAll(async () => {
    app = await openApp(path.join(dir, 'a11y.quire'));
    await seedArchive(app, writeCorpus(path.join(dir, 'corpus')));
    await waitForCount(app.page, POSTS.length);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('gives every button, field, option and dialog an accessible name', async () => {
    await search().fill('harbour');
    await waitForCount(app.page, 3);
    await app.page.locator('.entry-row').first().click();
    await app.page.getByRole('article').waitFor();
    expect(await unnamedControls(app.page)).toEqual([]);
    // The check itself notices a control without a name.
    await app.page.evaluate(() => document.body.append(Object.assign(document.createElement('button'), { id: 'probe' })));
    expect(await unnamedControls(app.page)).toEqual(['button <button id probe>']);
    await app.page.evaluate(() => document.getElementById('probe')?.remove());

    await app.page.getByRole('button', { name: 'Save search' }).click();
    await app.page.getByRole('dialog', { name: 'Save search' }).waitFor();
    expect(await unnamedControls(app.page)).toEqual([]);
    await app.page.keyboard.press('Escape');
  });

  it('the result list is a listbox whose active descendant is the selected option', async () => {
    const list = app.page.getByRole('listbox', { name: 'Search results' });
    // The first row was opened above, so it is selected; one step down selects the second.
    expect(await list.getAttribute('aria-activedescendant')).toBe('entry-row-0');
    await search().focus();
    await app.page.keyboard.press('ArrowDown');
    const id = await list.getAttribute('aria-activedescendant');
    expect(id).toBe('entry-row-1');
    const option = app.page.locator(`#${id}`);
    expect(await option.getAttribute('role')).toBe('option');
    expect(await option.getAttribute('aria-selected')).toBe('true');
    expect(await option.getAttribute('aria-setsize')).toBe('3');
    expect(await option.getAttribute('aria-posinset')).toBe('2');
    expect(await app.page.locator('[role="option"][aria-selected="true"]').count()).toBe(1);
  });

  it('a dialog is modal, keeps Tab inside, and gives focus back when it closes', async () => {
    const opener = app.page.getByRole('button', { name: 'Save search' });
    await opener.focus();
    await app.page.keyboard.press('Enter');
    const dialog = app.page.getByRole('dialog', { name: 'Save search' });
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    expect(await activeValue()).toBe('harbour'); // the name field, prefilled, has focus
    const inside = () => dialog.evaluate((d) => d.contains(document.activeElement));
    for (let i = 0; i < 7; i++) {
      await app.page.keyboard.press('Tab');
      expect(await inside()).toBe(true);
    }
    for (let i = 0; i < 7; i++) {
      await app.page.keyboard.press('Shift+Tab');
      expect(await inside()).toBe(true);
    }
    await app.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await opener.evaluate((b) => b === document.activeElement)).toBe(true);
  });

  it('`?` opens the keyboard shortcuts, listing every key; Esc closes them', async () => {
    await search().fill('');
    await app.page.locator('.reader-pane').click({ position: { x: 5, y: 5 } });
    await app.page.keyboard.press('?');
    const help = app.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    expect(await help.getAttribute('aria-modal')).toBe('true');
    const rows = (await help.locator('.shortcut').allTextContents()).map((t) => t.replace(/\s+/g, ' '));
    const has = (keys: string, what: RegExp) => rows.some((r) => r.startsWith(keys) && what.test(r));
    expect(has('/', /search box/)).toBe(true);
    expect(has('jor↓', /Next/)).toBe(true);
    expect(has('kor↑', /Previous/)).toBe(true);
    expect(has('Enter', /Open/)).toBe(true);
    expect(has('Esc', /Clear/)).toBe(true);
    expect(has('?', /this list/)).toBe(true);
    expect(has('CtrlZ', /Undo/)).toBe(true);
    expect(has('CtrlI', /Import files.*desktop/)).toBe(true);
    await app.page.screenshot({ path: path.join(screenshotDir(), 'shortcuts-help.png') });
    await app.page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });

    // Typed into the search box, `?` is just a character.
    await search().focus();
    await app.page.keyboard.press('?');
    expect(await search().inputValue()).toBe('?');
    expect(await help.count()).toBe(0);
    await search().fill('');
    expect(app.consoleErrors).toEqual([]);
  });
});
