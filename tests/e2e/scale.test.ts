// 200,000 entries: the count shows in full, the list scrolls to the very bottom and renders real
// rows there while the DOM stays small, and a bottom entry opens in the reader. The archive is
// built from ONE generated dump (the text-dump shape the splitter reads), not 200k files.
// Timings are printed for the report, never asserted.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../electron/core/archive.ts';
import { openApp, screenshotDir, waitForCount, type AppSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const N = Number(process.env['QUIRE_SCALE_ENTRIES'] ?? 200_000);
const WORDS = ['river', 'market', 'council', 'harbour', 'winter', 'grain', 'school', 'bridge', 'orchard', 'quarry', 'ferry', 'lantern', 'mill', 'station', 'valley', 'north'];
const DAY = 86_400_000;
const START = Date.UTC(1990, 0, 1);

/**
 * Post i is dated START + i/20 days. Title and body stay under eight words together so the import
 * skips near-duplicate hashing, which on 200k nearly identical posts would dominate the run.
 */
function writeDump(file: string): void {
  const out = fs.openSync(file, 'w');
  let chunk = '';
  for (let i = 0; i < N; i++) {
    const d = new Date(START + Math.floor(i / 20) * DAY);
    const date = `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}`;
    chunk += `Dispatch ${i + 1} ${WORDS[i % 16]}\n\nPosted on: ${date}\n\n${WORDS[(i >> 4) % 16]} report near ${WORDS[(i >> 8) % 16]}.\n\nRead more\n\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(out, chunk);
      chunk = '';
    }
  }
  fs.writeSync(out, chunk);
  fs.closeSync(out);
}

describe(`an archive of ${N.toLocaleString('en-US')} entries`, () => {
  const dir = tempDir();
  const archivePath = path.join(dir, 'scale.quire');
  let app: AppSession;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    let t = performance.now();
    const dump = path.join(dir, 'dispatches.txt');
    writeDump(dump);
    timings['write dump (ms)'] = performance.now() - t;
    timings['dump size (MB)'] = fs.statSync(dump).size / 1e6;

    t = performance.now();
    const archive = new Archive(archivePath);
    const report = await archive.call('importFiles', { paths: [dump] });
    archive.close();
    timings['import (ms)'] = performance.now() - t;
    expect(report.files[0]?.status).toBe('imported');
    expect(report.entriesAdded).toBe(N);

    app = await openApp(archivePath);
  }, 150_000);

  afterAll(async () => {
    await app?.close();
    console.log(
      `scale (${N} entries): ` +
        Object.entries(timings)
          .map(([k, v]) => `${k} ${Math.round(v * 10) / 10}`)
          .join(', '),
    );
  });

  it('shows the full count and the first rows; the time to first results is measured', async () => {
    await app.page.reload();
    timings['first real row after load (ms)'] = await app.page
      .waitForFunction(() => (document.querySelector('.entry-row:not(.is-loading) .entry-title') ? performance.now() : 0), undefined, { polling: 'raf', timeout: 30_000 })
      .then((h) => h.jsonValue());
    await waitForCount(app.page, N);
    expect(await app.page.getByTestId('result-count').textContent()).toContain(`${N.toLocaleString('en-US')} entries`);
    const all = app.page.getByRole('button', { name: /^All entries/ });
    expect(await all.locator('.count').textContent()).toBe(N.toLocaleString('en-US'));
    // Facets over 200k matches are estimated from a sample, and say so.
    await app.page.getByText('Counts are estimated from a sample of the matches.').waitFor();
    expect(await app.page.locator('.facet-count').first().textContent()).toMatch(/^≈[\d,]+$/);

    // At this size a ranked query's count may be a lower bound ("over N"): wait for the answer, not a number.
    const t = performance.now();
    await app.page.getByRole('searchbox', { name: 'Search entries' }).fill('title:lantern');
    await app.page.waitForFunction(
      (all) => {
        const el = document.querySelector('[data-testid="result-count"]');
        return el !== null && !el.querySelector('.spinner') && /entr/.test(el.textContent ?? '') && !(el.textContent ?? '').startsWith(all);
      },
      N.toLocaleString('en-US'),
    );
    timings['search "title:lantern" to first page (ms, incl. 180 ms debounce)'] = performance.now() - t;
    await app.page.locator('.entry-row', { hasText: 'lantern' }).first().waitFor();
    for (const title of await app.page.locator('.entry-row .entry-title').allTextContents()) expect(title).toMatch(/ lantern$/);
    // A lower bound is then counted exactly in the background, and the list grows to every match.
    const lanterns = Math.floor((N - 1 - WORDS.indexOf('lantern')) / 16) + 1;
    await app.page.waitForFunction((want) => document.querySelector('[data-testid="result-count"]')?.textContent?.trim() === want, `${lanterns.toLocaleString('en-US')} entries`, {
      timeout: 30_000,
    });
    timings['"title:lantern" counted exactly (ms)'] = performance.now() - t;
    await app.page.getByRole('searchbox', { name: 'Search entries' }).fill('');
    await waitForCount(app.page, N);
  });

  it('scrolls to the very bottom: the last rows render real titles, the DOM never holds 100 rows', async () => {
    await app.page.evaluate(() => {
      const w = window as unknown as { maxRows: number };
      w.maxRows = document.querySelectorAll('.entry-row').length;
      new MutationObserver(() => {
        w.maxRows = Math.max(w.maxRows, document.querySelectorAll('.entry-row').length);
      }).observe(document.querySelector('.entry-list')!, { childList: true, subtree: true });
    });
    const list = app.page.getByRole('listbox', { name: 'Search results' });
    // Through the middle first, as a user dragging the scrollbar would.
    for (const f of [0.25, 0.5, 0.75]) {
      await list.evaluate((el, frac) => (el.scrollTop = (el.scrollHeight - el.clientHeight) * frac), f);
      await app.page.waitForFunction(() => document.querySelectorAll('.entry-row:not(.is-loading)').length > 3);
    }
    const t = performance.now();
    await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
    const lastRow = app.page.locator(`#entry-row-${N - 1}`);
    await lastRow.locator('.entry-title').waitFor({ timeout: 20_000 });
    timings['bottom rows after scroll (ms)'] = performance.now() - t;
    await app.page.waitForFunction(() => document.querySelectorAll('.entry-row.is-loading').length === 0, undefined, { timeout: 20_000 });

    const titles = await app.page.locator('.entry-row .entry-title').allTextContents();
    expect(titles.length).toBeGreaterThan(3);
    for (const title of titles) expect(title).toMatch(/^Dispatch \d+ [a-z]+$/);
    // The last row sits at the bottom of the scrolled viewport, fully visible.
    const [rowBox, listBox] = await Promise.all([lastRow.boundingBox(), list.boundingBox()]);
    expect(rowBox && listBox && rowBox.y + rowBox.height <= listBox.y + listBox.height + 1 && rowBox.y >= listBox.y).toBe(true);
    // Newest first, so the bottom holds the oldest day.
    expect(await lastRow.locator('.entry-meta').textContent()).toContain('1 Jan 1990');
    const maxRows = await app.page.evaluate(() => (window as unknown as { maxRows: number }).maxRows);
    timings['most rows in the DOM'] = maxRows;
    expect(maxRows).toBeLessThan(100);

    const title = await lastRow.locator('.entry-title').textContent();
    await lastRow.click();
    const reader = app.page.getByRole('article');
    await reader.getByRole('heading', { level: 2, name: title ?? '' }).waitFor();
    expect(await reader.locator('time').first().getAttribute('datetime')).toBe('1990-01-01');
    await app.page.screenshot({ path: path.join(screenshotDir(), 'scale-bottom.png') });
    expect(app.consoleErrors).toEqual([]);
  });
});
