// A long timeline: 17 years of monthly posts and one stray post from 1990. The stray month is shown
// apart (not stretching the axis), bars stay at least 6 px wide by grouping months, brushing a range
// zooms the chart to it and "All dates" zooms back out.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshotDir, seedArchive, waitForCount, writeTextFiles, type AppSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const FILES: Record<string, string> = {};
for (let y = 2008; y <= 2024; y++) {
  for (let m = 1; m <= 12; m++) {
    const mm = String(m).padStart(2, '0');
    FILES[`post-${y}-${mm}.txt`] = `Harbour notes ${y}-${mm}\nPosted on: ${y}/${mm}/15\n\nThe harbour board met in ${y}.\n`;
  }
}
FILES['stray-1990.txt'] = 'An old leaflet\nPosted on: 1990/04/02\n\nA leaflet about the harbour found in a box.\n';
const TOTAL = Object.keys(FILES).length;

describe('timeline zoom and outliers', () => {
  const dir = tempDir();
  let app: AppSession;
  const widths = () => app.page.$$eval('.timeline-bar', (els) => els.map((e) => e.getBoundingClientRect().width));
  beforeAll(async () => {
    app = await openApp(path.join(dir, 'timeline.quire'), { viewport: { width: 1000, height: 700 } });
    await seedArchive(app, writeTextFiles(path.join(dir, 'texts'), FILES));
    await waitForCount(app.page, TOTAL);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the stray 1990 post apart and keeps bars at least 6 px wide', async () => {
    const page = app.page;
    const stray = page.getByRole('button', { name: 'Apr 1990: 1 entry, shown apart' });
    await stray.waitFor();
    expect(await page.locator('.timeline-bar').first().getAttribute('data-month')).toMatch(/^2008-/);
    const w = await widths();
    expect(w.length).toBeGreaterThan(10);
    expect(Math.min(...w)).toBeGreaterThanOrEqual(6);
    // 204 months do not fit at 6 px: they are grouped, and a bar says which months it holds.
    expect(Number(await page.locator('.timeline').getAttribute('data-months-per-bar'))).toBeGreaterThan(1);
    expect(await page.locator('.timeline-bar').first().getAttribute('aria-label')).toMatch(/^Jan 2008 – \w+ 2008: \d+ entries$/);
    await page.screenshot({ path: path.join(screenshotDir(), 'timeline-long.png') });

    await stray.click();
    await waitForCount(page, 1);
    await page.getByRole('button', { name: /Remove Dates/ }).click();
    await waitForCount(page, TOTAL);
  });

  it('brushing a range zooms to it, month by month; All dates zooms back out', async () => {
    const page = app.page;
    const bars = page.locator('.timeline-bar');
    const first = (await bars.nth(2).boundingBox())!;
    const last = (await bars.nth(3).boundingBox())!;
    await page.mouse.move(first.x + first.width / 2, first.y + first.height / 2);
    await page.mouse.down();
    await page.mouse.move(last.x + last.width / 2, last.y + last.height / 2, { steps: 3 });
    await page.mouse.up();
    await page.getByRole('button', { name: /Remove Dates/ }).waitFor();
    const zoomedCount = await bars.count();
    expect(await page.locator('.timeline').getAttribute('data-months-per-bar')).toBe('1');
    expect(zoomedCount).toBeGreaterThan(4);
    expect(await page.getByRole('button', { name: /shown apart/ }).count()).toBe(0);
    const w = await widths();
    expect(Math.min(...w)).toBeGreaterThanOrEqual(6);
    await waitForCount(page, zoomedCount);
    await page.screenshot({ path: path.join(screenshotDir(), 'timeline-zoomed.png') });

    await page.getByRole('button', { name: 'All dates' }).click();
    await page.getByRole('button', { name: 'Apr 1990: 1 entry, shown apart' }).waitFor();
    expect(Number(await page.locator('.timeline').getAttribute('data-months-per-bar'))).toBeGreaterThan(1);
    await page.getByRole('button', { name: /Remove Dates/ }).waitFor();
    expect(app.consoleErrors).toEqual([]);
  });
});
