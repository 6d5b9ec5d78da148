// A Persian entry opens right-to-left in the reader, and its script renders (screenshot).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshotDir, seedArchive, waitForCount, writeTextFiles, type AppSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const PERSIAN = 'گزارش بازار کتاب\n\nبازار کتاب امروز شلوغ بود و قیمت‌ها بالا رفت. کتاب‌فروشی‌ها پر از مشتری بودند و ناشران از فروش خوب خبر دادند.\n';
const ARABIC = 'تقرير عن سوق الكتب\n\nكان سوق الكتب مزدحما اليوم، وارتفعت الأسعار في المكتبات القديمة.\n';
const ENGLISH = 'Notes from the book market\n\nThe book market was crowded today and prices rose.\n';

describe('right-to-left entries', () => {
  const dir = tempDir();
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp(path.join(dir, 'rtl.quire'));
    await seedArchive(app, writeTextFiles(path.join(dir, 'texts'), { 'bazaar-fa.txt': PERSIAN, 'souq-ar.txt': ARABIC, 'market-en.txt': ENGLISH }));
    await waitForCount(app.page, 3);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('opens a Persian entry with dir=rtl, its text and hits shown', async () => {
    await app.page.getByRole('searchbox', { name: 'Search entries' }).fill('بازار');
    await waitForCount(app.page, 1);
    const row = app.page.locator('.entry-row').first();
    expect(await row.locator('.entry-snippet').getAttribute('dir')).toBe('rtl');
    await row.click();
    const reader = app.page.getByRole('article');
    await reader.waitFor();
    expect(await reader.getAttribute('dir')).toBe('rtl');
    const body = reader.locator('.reader-body');
    expect(await body.getAttribute('dir')).toBe('rtl');
    expect(await body.textContent()).toContain('کتاب‌فروشی‌ها');
    expect(await body.locator('mark').first().textContent()).toBe('بازار');
    // Laid out right to left: the paragraph's text hugs the right edge of the reader.
    const align = await body.locator('p').first().evaluate((p) => getComputedStyle(p).direction);
    expect(align).toBe('rtl');
    await app.page.screenshot({ path: path.join(screenshotDir(), 'rtl-entry.png') });
  });

  it('finds the Persian entry when typed with Arabic-keyboard letters (ي for ی)', async () => {
    await app.page.getByRole('searchbox', { name: 'Search entries' }).fill('مشتري');
    await waitForCount(app.page, 1);
    expect(await app.page.locator('.entry-row .entry-snippet').first().textContent()).toContain('مشتری');
  });

  it('keeps English entries left to right', async () => {
    await app.page.getByRole('searchbox', { name: 'Search entries' }).fill('crowded');
    await waitForCount(app.page, 1);
    await app.page.locator('.entry-row', { hasText: 'crowded' }).click();
    await app.page.locator('article[dir="ltr"]').waitFor();
    expect(app.consoleErrors).toEqual([]);
  });
});
