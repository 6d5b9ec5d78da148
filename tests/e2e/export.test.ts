// Exporting from the UI in Chromium (browser mode): the Export… button on the results opens the
// dialog, the file downloads and reads back (every cited passage verifies against the archive);
// a collection exported from the sidebar as HTML opens in Chromium as one self-contained page
// (no request leaves the file; screenshot kept for review).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../electron/core/archive.ts';
import { parseCsv } from '../../electron/core/export/read-csv.ts';
import { verifyExportFile } from '../../electron/core/export/verify-export.ts';
import { CHROMIUM, CHROMIUM_FLAGS, openApp, screenshotDir, waitForCount, type AppSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { buildCollection } from '../core/export/build-collection.ts';

describe('export from the UI', () => {
  const dir = tempDir('quire-e2e-export-');
  const archivePath = path.join(dir, 'study.quire');
  let app: AppSession;
  let page: Page;

  beforeAll(async () => {
    const built = await buildCollection(dir);
    built.archive.close();
    app = await openApp(archivePath);
    page = app.page;
    await waitForCount(page, 4);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('exports the current search as CSV from the results; the download verifies against the archive', async () => {
    await page.getByRole('toolbar', { name: 'Entries' }).or(page.locator('.list-actions')).getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await expect.poll(() => dialog.getByRole('radio', { name: /The current search \(4 entries\)/ }).isChecked()).toBe(true);
    await dialog.getByLabel('Format').selectOption('csv');
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export and download' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^quire-search-\d{4}-\d{2}-\d{2}\.csv$/);
    const file = path.join(dir, 'from-ui.csv');
    await download.saveAs(file);
    await dialog.getByRole('status').filter({ hasText: 'Exported 4 entries and 8 highlights' }).waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });

    const rows = parseCsv(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
    expect(rows[0]!.slice(0, 3)).toEqual(['highlight_guid', 'entry_guid', 'title']);
    expect(rows.slice(1).filter((r) => r.length > 1)).toHaveLength(8);
    const archive = new Archive(archivePath, { readonly: true });
    try {
      expect(verifyExportFile(archive.db, file)).toMatchObject({ checked: 8, failures: [] });
    } finally {
      archive.close();
    }
    // The temporary file was handed out once and removed; nothing but the app's own server was asked.
    expect(app.requests.every((u) => u.startsWith(app.server.url.split('#')[0]!) || u.startsWith('blob:'))).toBe(true);
  });

  it('exports a collection from the sidebar as HTML; the page opens self-contained and right-to-left where it should', async () => {
    await page.getByRole('button', { name: 'Export collection Harbour study' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    expect(await dialog.getByRole('radio', { name: 'A collection' }).isChecked()).toBe(true);
    await dialog.getByLabel('Format').selectOption('html');
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export and download' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^quire-harbour-study-.*\.html$/);
    const file = path.join(dir, 'harbour.html');
    await download.saveAs(file);
    await dialog.getByRole('button', { name: 'Done' }).click();

    // Open the file on its own, as a reader would, and record every request it makes.
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
    try {
      const view = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
      const requests: string[] = [];
      view.on('request', (r) => requests.push(r.url()));
      await view.goto(`file://${file}`);
      expect(requests).toEqual([`file://${file}`]);
      expect(await view.locator('article[dir="rtl"] h3').textContent()).toContain('سیل در بندر');
      expect(await view.locator('article[dir="rtl"]').evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
      expect(await view.locator('.codebook').textContent()).toContain('Economy');
      expect(await view.locator('mark').count()).toBeGreaterThan(8);
      await view.screenshot({ path: path.join(screenshotDir(), 'export-html.png'), fullPage: true });
      await view.emulateMedia({ media: 'print' });
      const pdf = await view.pdf({ format: 'A4' });
      expect(pdf.byteLength).toBeGreaterThan(10_000);
    } finally {
      await browser.close();
    }
  });

  it('with no collection open, the dialog still offers every scope; Escape closes it', async () => {
    await page.locator('.reader-pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect((await help.locator('.shortcut').allTextContents()).some((t) => /^\s*Ctrl\s*E.*Export/.test(t))).toBe(true);
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    await page.keyboard.press('Control+e');
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.waitFor();
    for (const name of [/The current search/, 'A collection', 'The whole archive']) expect(await dialog.getByRole('radio', { name }).count()).toBe(1);
    await page.screenshot({ path: path.join(screenshotDir(), 'export-dialog.png') });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});

describe('a large export from the UI', () => {
  const dir = tempDir('quire-e2e-export-big-');
  let app: AppSession;
  // Big enough that a whole Word export takes seconds, so Cancel lands while it runs.
  const N = 16000;

  beforeAll(async () => {
    const records = Array.from({ length: N }, (_, i) => ({
      title: `Harbour log ${i}`,
      text: `Entry ${i} of the harbour log: ${'the tide rose and the ferries waited at the quay while the market opened. '.repeat(6)}`,
      date: `2018-0${1 + (i % 9)}-1${i % 9}`,
    }));
    fs.writeFileSync(path.join(dir, 'log.json'), JSON.stringify(records));
    app = await openApp(path.join(dir, 'big.quire'));
    const r = await app.host.invoke('importFiles', { paths: [path.join(dir, 'log.json')] });
    expect(r.ok).toBe(true);
    await app.page.reload();
    await waitForCount(app.page, N);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows progress while it runs, and Cancel stops it with nothing written', async () => {
    const page = app.page;
    await page.locator('.list-actions').getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.getByLabel('Format').selectOption('docx');
    await dialog.getByRole('button', { name: 'Export and download' }).click();
    await dialog.getByRole('status').filter({ hasText: new RegExp(`of ${N.toLocaleString('en')} entries`) }).waitFor();
    expect(Number(await dialog.getByRole('progressbar', { name: 'Export progress' }).getAttribute('max'))).toBe(N);
    await dialog.getByRole('button', { name: 'Cancel export' }).click();
    // The job notices the cancel at its next batch of entries: allow for a loaded machine.
    await dialog.getByRole('alert').filter({ hasText: 'Export cancelled; nothing was written.' }).waitFor({ timeout: 30_000 });
    // Nothing left for a download, and the dialog is back at the form.
    expect(fs.readdirSync(path.join(os.tmpdir(), 'quire-exports')).filter((f) => !f.includes('.sending-')).filter((f) => f.startsWith('export-'))).toEqual([]);
    expect(await dialog.getByRole('button', { name: 'Export and download' }).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
  });
});
