// Show original: a JSON entry shows its own record (not another record's fields) with the title and
// body marked and where it is named; an HTML page shows its markup as text, never rendered.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshotDir, seedArchive, waitForCount, type AppSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('Show original', () => {
  const dir = tempDir();
  let app: AppSession;
  beforeAll(async () => {
    const json = path.join(dir, 'council.json');
    fs.writeFileSync(
      json,
      JSON.stringify(
        {
          items: [
            { title: 'Bridge repairs approved', content: 'The council voted to repair the old bridge.' },
            { title: 'گزارش شورای شهر', content: 'شورای شهر درباره‌ی بودجه‌ی کتابخانه رأی داد.' },
          ],
        },
        null,
        2,
      ),
    );
    const html = path.join(dir, 'page.html');
    fs.writeFileSync(html, '<html><head><title>Ferry notice</title></head><body><main><h1>Ferry notice</h1><p>The <b>ferry</b> sails at nine.</p><img src="x" onerror="document.title=\'pwned\'"></main></body></html>');
    app = await openApp(path.join(dir, 'original.quire'));
    await seedArchive(app, [json, html]);
    await waitForCount(app.page, 3);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the JSON record the entry came from, with its title and body marked', async () => {
    await app.page.getByRole('searchbox', { name: 'Search entries' }).fill('کتابخانه');
    await app.page.locator('.entry-row', { hasText: 'گزارش شورای شهر' }).click();
    const reader = app.page.getByRole('article');
    await reader.getByRole('heading', { level: 2, name: 'گزارش شورای شهر' }).waitFor();
    await reader.getByRole('button', { name: 'Show original' }).click();
    const original = reader.getByLabel('Original text');
    await original.waitFor();
    const text = (await original.textContent()) ?? '';
    expect(text).toContain('"title": "گزارش شورای شهر"');
    expect(text).not.toContain('Bridge');
    expect(await reader.locator('.reader-original mark').allTextContents()).toEqual(['گزارش شورای شهر', 'شورای شهر درباره‌ی بودجه‌ی کتابخانه رأی داد.']);
    expect(await reader.locator('.reader-original figcaption').textContent()).toContain('record /items/1');
    expect(await reader.locator('.reader-original figcaption').textContent()).toContain('quire-json/1');
    await app.page.screenshot({ path: path.join(screenshotDir(), 'reader-original-json.png') });
    await reader.getByRole('button', { name: 'Hide original' }).click();
  });

  it('shows an HTML page\'s markup as text, never rendering it', async () => {
    await app.page.getByRole('searchbox', { name: 'Search entries' }).fill('ferry');
    await app.page.locator('.entry-row', { hasText: 'Ferry notice' }).click();
    const reader = app.page.getByRole('article');
    await reader.getByRole('heading', { level: 2, name: 'Ferry notice' }).waitFor();
    await reader.getByRole('button', { name: 'Show original' }).click();
    const original = reader.getByLabel('Original text');
    await original.waitFor();
    expect(await original.textContent()).toContain('<p>The <b>ferry</b> sails at nine.</p>');
    expect(await original.locator('img, b').count()).toBe(0);
    expect(await app.page.title()).not.toBe('pwned');
    expect(await reader.locator('.reader-original figcaption').textContent()).toContain('element html > body > main');
  });
});
