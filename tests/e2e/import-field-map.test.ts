// Dropping a JSON dump keyed by id with localised fields: the report says which field of the file
// became the title, the text and the date, and the entries have them.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropFiles, openApp, type AppSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const DUMP = {
  '3f9a0c51e7b24d6a8e1f0b2c4d6e8fa0193b5d7f9e1a3c5e7b9d1f3a5c7e9b1d': {
    title_fa: 'آب‌انبار قدیمی محله مرمت شد',
    title_en: 'Old cistern restored',
    summary: ['آب‌انبار قدیمی محله پس از یک سال کار دوباره به روی مردم باز شد.', 'بازدید از آن رایگان است.'],
    date_raw: '2022-05-09T10:00:00+04:30',
  },
  '8c2e4a6f0b1d3f5a7c9e1b3d5f7a9c0e2b4d6f8a0c1e3a5c7e9b0d2f4a6c8e0a': {
    title_fa: 'نمایشگاه عکس در خانه‌ی فرهنگ',
    summary: ['خانه‌ی فرهنگ نمایشگاهی از عکس‌های قدیمی شهر برپا کرد.'],
    date_raw: '2022-05-11',
  },
};

describe('import report field mapping', () => {
  const dir = tempDir();
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp(path.join(dir, 'field-map.quire'));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('names the file’s field each entry field was read from', async () => {
    const page = app.page;
    const report = page.getByRole('dialog', { name: 'Import finished' });
    await dropFiles(page, [{ name: 'neighbourhood.json', text: JSON.stringify(DUMP) }]);
    await report.waitFor();
    const fields = report.getByTestId('import-file-fields');
    expect(await fields.textContent()).toBe('Read title from title_fa, text from summary, date from date_raw');
    expect(await fields.getAttribute('title')).toBe('As a --map option of quire import: title=title_fa,body=summary,date=date_raw');
    await report.getByRole('button', { name: 'Done' }).click();
    await page.locator('.entry-row', { hasText: 'آب‌انبار قدیمی محله مرمت شد' }).waitFor();
    expect(await page.locator('.entry-row', { hasText: 'نمایشگاه عکس در خانه‌ی فرهنگ' }).count()).toBe(1);
    expect(app.consoleErrors).toEqual([]);
  });
});
