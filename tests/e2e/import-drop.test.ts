// Dropping files on the window: the overlay, a progress bar, the report listing every file with
// its outcome (a rejected file with its reason), and the new entries in the list.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropFiles, openApp, screenshotDir, waitForCount, type AppSession, type DropSpec } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const FILES = 30;
// About 200 KB each (6 MB in all, each file many network chunks): the import takes long enough to
// be watched, and the observer below sees the bar however quickly it runs. (At 1 MB each the drop
// took 17-25 s of a CI run to show the same.)
const bigFile = (i: number): DropSpec => ({
  name: `dispatch-${String(i).padStart(2, '0')}.txt`,
  text: `Dispatch number ${i} from the river towns. The ferry ran late again and the market opened at noon. `,
  repeat: 2_000,
});

describe('dropping files on the window', () => {
  const dir = tempDir();
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp(path.join(dir, 'drop.quire'));
    await app.page.getByText('Drop text dumps here').waitFor();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the drop overlay while files are dragged over the window', async () => {
    let overlaySeen = false;
    await dropFiles(app.page, [{ name: 'small.txt', text: 'A small note about the lighthouse keeper.\n' }], {
      holdBeforeDrop: async (page) => {
        await page.getByTestId('drop-overlay').waitFor();
        overlaySeen = await page.getByText('Drop to import').isVisible();
      },
    });
    expect(overlaySeen).toBe(true);
    await app.page.getByRole('dialog', { name: 'Import finished' }).waitFor();
    await expect(app.page.getByTestId('drop-overlay').count()).resolves.toBe(0);
    await app.page.getByRole('button', { name: 'Done' }).click();
    await waitForCount(app.page, 1);
  });

  it('imports a big drop with a progress bar, then reports every file, a rejection with its reason', async () => {
    // Record whether a progress bar ever appeared, however quickly the import runs.
    await app.page.evaluate(() => {
      const w = window as unknown as { progressSeen: boolean; progressValues: number[] };
      w.progressSeen = false;
      w.progressValues = [];
      new MutationObserver(() => {
        const bar = document.querySelector('progress[aria-label="Import progress"]');
        if (bar) {
          w.progressSeen = true;
          w.progressValues.push(Number((bar as HTMLProgressElement).value));
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    const files: DropSpec[] = Array.from({ length: FILES }, (_x, i) => bigFile(i));
    files.push({ name: 'empty.txt', text: '' });
    files.push({ name: 'binary.txt', bytes: [0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 0, 1, 2, 3, 0, 0, 0, 0xff, 0xfe, 0, 0] });
    await dropFiles(app.page, files);

    const report = app.page.getByRole('dialog', { name: 'Import finished' });
    await report.waitFor({ timeout: 60_000 });
    await app.page.screenshot({ path: path.join(screenshotDir(), 'import-report.png') });
    expect(await app.page.evaluate(() => (window as unknown as { progressSeen: boolean }).progressSeen)).toBe(true);

    const rows = report.locator('.import-file');
    expect(await rows.count()).toBe(FILES + 2);
    for (let i = 0; i < FILES; i++) {
      const row = report.locator('.import-file', { hasText: bigFile(i).name });
      await expect(row.getAttribute('data-status')).resolves.toBe('imported');
      expect(await row.textContent()).toMatch(/Imported \d+ entr/);
    }
    const empty = report.locator('.import-file', { hasText: 'empty.txt' });
    expect(await empty.getAttribute('data-status')).toBe('rejected');
    expect(await empty.textContent()).toMatch(/empty/i);
    const binary = report.locator('.import-file', { hasText: 'binary.txt' });
    expect(await binary.getAttribute('data-status')).toBe('rejected');
    expect(((await binary.locator('.import-file-outcome').textContent()) ?? '').length).toBeGreaterThan(5);
    expect(await report.getByTestId('import-summary').textContent()).toMatch(/2 rejected/);

    await app.page.keyboard.press('Escape');
    await expect(report.count()).resolves.toBe(0);
    const stats = await app.host.invoke('stats', undefined);
    if (!stats.ok) throw new Error(stats.error.message);
    const entries = (stats.value as { entries: number }).entries;
    expect(entries).toBeGreaterThanOrEqual(FILES + 1);
    await waitForCount(app.page, entries);
    await app.page.locator('.entry-row', { hasText: 'river towns' }).first().waitFor();
  });

  it('reports a file dropped again as already in the archive', async () => {
    await dropFiles(app.page, [{ name: 'small-again.txt', text: 'A small note about the lighthouse keeper.\n' }]);
    const report = app.page.getByRole('dialog', { name: 'Import finished' });
    await report.waitFor();
    const row = report.locator('.import-file', { hasText: 'small-again.txt' });
    expect(await row.getAttribute('data-status')).toBe('duplicate');
    expect(await row.textContent()).toContain('Already in the archive');
    await report.getByRole('button', { name: 'Done' }).click();
  });

  it('imports a folder chosen with the folder picker, walking it recursively', async () => {
    const folder = path.join(dir, 'picked');
    const { writeTextFiles } = await import('../helpers/browser.ts');
    writeTextFiles(folder, { 'one.txt': 'Notes on the orchard harvest.\n', 'nested/two.txt': 'Notes on the quarry strike.\n' });
    await app.page.getByLabel('Choose a folder to import').first().setInputFiles(folder);
    const report = app.page.getByRole('dialog', { name: 'Import finished' });
    await report.waitFor();
    expect(await report.locator('.import-file[data-status="imported"]').count()).toBe(2);
    expect(await report.textContent()).toContain('nested/two.txt');
    await report.getByRole('button', { name: 'Done' }).click();
    expect(app.consoleErrors).toEqual([]);
  });
});
