// Saved searches: save the current search through the in-app dialog, see it in the sidebar, import
// more files and see "N new", open it to run it and clear the badge; delete it and Undo (button and
// Ctrl+Z). Alias groups get the same Undo, and an offer that was not taken expires.
import path from 'node:path';
import type { AliasGroup } from '../../shared/contract.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropFiles, openApp, screenshotDir, seedArchive, waitForCount, type AppSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { POSTS, writeCorpus } from './fixtures/news-corpus.ts';

const HARBOUR = POSTS.filter((p) => /harbour/i.test(p.body) || /harbour/i.test(p.title)).length;
const LATER = [
  { name: 'harbour-dredging.txt', text: 'Dredging the harbour\nPosted on: 2021/10/02\n\nThe harbour board began dredging the inner basin this week.\n' },
  { name: 'harbour-fair.txt', text: 'A fair on the harbour wall\nPosted on: 2021/10/09\n\nStalls lined the harbour wall for the autumn fair.\n' },
  { name: 'mill-wheel.txt', text: 'The mill wheel turns again\nPosted on: 2021/10/10\n\nThe old mill on the river was repaired by volunteers.\n' },
];

describe('saved searches and undo', () => {
  const dir = tempDir();
  let app: AppSession;
  const search = () => app.page.getByRole('searchbox', { name: 'Search entries' });
  const saved = () => app.page.getByRole('region', { name: 'Saved searches' });
  const toast = () => app.page.getByTestId('undo-toast');
  beforeAll(async () => {
    app = await openApp(path.join(dir, 'saved.quire'));
    await seedArchive(app, writeCorpus(path.join(dir, 'corpus')));
    await waitForCount(app.page, POSTS.length);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('saves the current search under a name typed in the in-app dialog', async () => {
    let nativePrompt = false;
    app.page.on('dialog', (d) => {
      nativePrompt = true;
      void d.dismiss();
    });
    await search().fill('harbour');
    await waitForCount(app.page, HARBOUR);
    await app.page.getByRole('button', { name: 'Save search' }).click();
    const dialog = app.page.getByRole('dialog', { name: 'Save search' });
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    const name = dialog.getByLabel('Name');
    expect(await name.inputValue()).toBe('harbour');
    await name.fill('');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    expect(await dialog.getByRole('alert').textContent()).toBe('Give the search a name.');
    await name.fill('Harbour news');
    await name.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await saved().getByRole('button', { name: /^Harbour news/ }).waitFor();
    expect(nativePrompt).toBe(false);
    // Nothing is new yet.
    expect(await saved().locator('.badge').count()).toBe(0);
  });

  it('shows how many matching entries arrived since, and opening it runs it and clears the badge', async () => {
    await search().fill('');
    await waitForCount(app.page, POSTS.length);
    await dropFiles(
      app.page,
      LATER.map((f) => ({ name: f.name, text: f.text })),
    );
    await app.page.getByRole('dialog', { name: 'Import finished' }).waitFor();
    await app.page.getByRole('button', { name: 'Done' }).click();
    await waitForCount(app.page, POSTS.length + LATER.length);

    const item = saved().getByRole('button', { name: /^Harbour news/ });
    await item.locator('.badge', { hasText: '2 new' }).waitFor();
    await app.page.screenshot({ path: path.join(screenshotDir(), 'saved-search-new.png') });

    await item.click();
    expect(await search().inputValue()).toBe('harbour');
    await waitForCount(app.page, HARBOUR + 2);
    await item.locator('.badge').waitFor({ state: 'detached' });
    expect(await item.getAttribute('aria-current')).toBe('true');
  });

  it('deletes with an Undo toast; Undo and Ctrl+Z bring it back with its query', async () => {
    await saved().getByRole('button', { name: 'Delete saved search Harbour news' }).click();
    await toast().waitFor();
    expect(await toast().textContent()).toContain('Deleted saved search “Harbour news”');
    await saved().getByRole('button', { name: /^Harbour news/ }).waitFor({ state: 'detached' });
    await app.page.screenshot({ path: path.join(screenshotDir(), 'undo-toast.png') });

    await toast().getByRole('button', { name: 'Undo' }).click();
    await toast().waitFor({ state: 'detached' });
    const restored = saved().getByRole('button', { name: /^Harbour news/ });
    await restored.waitFor();
    expect(await restored.getAttribute('title')).toBe('harbour');

    await saved().getByRole('button', { name: 'Delete saved search Harbour news' }).click();
    await toast().waitFor();
    await saved().getByRole('button', { name: /^Harbour news/ }).waitFor({ state: 'detached' });
    await app.page.keyboard.press('Control+z');
    await saved().getByRole('button', { name: /^Harbour news/ }).waitFor();
    expect(await toast().count()).toBe(0);

    // The restored search still runs: open it from an empty search box.
    await search().fill('');
    await waitForCount(app.page, POSTS.length + LATER.length);
    await saved().getByRole('button', { name: /^Harbour news/ }).click();
    await waitForCount(app.page, HARBOUR + 2);
  });

  it('deleting an alias group offers Undo too; an offer not taken expires and Ctrl+Z then does nothing', async () => {
    await app.host.invoke('saveAliasGroup', { name: 'Harbour board', variants: ['harbour board', 'port authority'] });
    // The page's timers on a clock the test can move on (it runs at the real pace until then).
    await app.page.clock.install();
    await app.page.reload();
    const groups = app.page.getByRole('region', { name: 'Alias groups' });
    await groups.getByRole('button', { name: 'Edit alias group Harbour board' }).waitFor();

    await groups.getByRole('button', { name: 'Delete alias group Harbour board' }).click();
    await toast().waitFor();
    expect(await toast().textContent()).toContain('Deleted alias group “Harbour board”');
    await groups.getByRole('button', { name: 'Edit alias group Harbour board' }).waitFor({ state: 'detached' });
    await toast().getByRole('button', { name: 'Undo' }).click();
    const back = groups.getByRole('button', { name: 'Edit alias group Harbour board' });
    await back.waitFor();
    expect(await back.textContent()).toContain('harbour board · port authority');

    await groups.getByRole('button', { name: 'Delete alias group Harbour board' }).click();
    await toast().waitFor();
    // About 8 s later the offer is gone, and Ctrl+Z no longer restores anything. The page's clock
    // is moved on those 8 s rather than waited for.
    expect(await toast().isVisible()).toBe(true);
    await app.page.clock.fastForward(8_100);
    await toast().waitFor({ state: 'detached', timeout: 15_000 });
    await app.page.keyboard.press('Control+z');
    await app.page.waitForTimeout(500);
    expect(await groups.getByRole('button', { name: 'Edit alias group Harbour board' }).count()).toBe(0);
    const list = await app.host.invoke('listAliasGroups', undefined);
    expect(list.ok && (list.value as AliasGroup[]).map((g) => g.name)).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });
});
