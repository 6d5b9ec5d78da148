// Arabic-script morphology in the app: an Arabic word searched without its article finds the entries
// that have it with the article and proclitics, the explanation names the forms, and the reader
// highlights them (screenshot).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshotDir, seedArchive, waitForCount, waitForTitles, type AppSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const ENTRIES = [
  { title: 'رسالة قصيرة', body: 'كتب المراسل عن سودان في رسالة قصيرة وصلت أمس.', date: '2024-03-01' },
  { title: 'تقرير الخرطوم', body: 'وصل الوفد إلى السودان صباح الأحد، والسودان يستعد للمؤتمر، وقال المتحدث إن بالسودان فرصا كثيرة.', date: '2024-03-02' },
  { title: 'نشرة الأخبار', body: 'بثت الإذاعة النشرة في الصباح الباكر كعادتها.', date: '2024-03-03' },
  { title: 'اللون', body: 'كان الثوب سود اللون والسود كثيرون في السوق.', date: '2024-03-04' },
  { title: 'کتابخانه', body: 'کتاب‌ها را به کتابخانه بردیم و کتابهای تازه آوردیم.', date: '2024-03-05' },
];

describe('Arabic-script search in the app', () => {
  const dir = tempDir();
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp(path.join(dir, 'arabic.quire'));
    const file = path.join(dir, 'posts.json');
    fs.writeFileSync(file, JSON.stringify(ENTRIES, null, 2));
    await seedArchive(app, [file]);
    await waitForCount(app.page, ENTRIES.length);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('finds السودان for سودان, the exact form first, names the forms and highlights them in the reader', async () => {
    await app.page.getByRole('searchbox', { name: 'Search entries' }).fill('سودان');
    await waitForCount(app.page, 2);
    // The entry with the word as typed first; سود (black) is another word and not listed.
    await waitForTitles(app.page, ['رسالة قصيرة', 'تقرير الخرطوم']);
    const explanation = (await app.page.locator('.explanation').textContent()) ?? '';
    expect(explanation).toMatch(/also as .*"\u2068السودان\u2069"/);
    expect(explanation).toContain('Arabic-script forms');
    const row = app.page.locator('.entry-row', { hasText: 'تقرير الخرطوم' });
    expect(await row.locator('.entry-snippet mark').allTextContents()).toEqual(['السودان', 'والسودان', 'بالسودان']);
    await row.click();
    const reader = app.page.getByRole('article');
    await reader.waitFor();
    expect(await reader.getAttribute('dir')).toBe('rtl');
    const marks = reader.locator('.reader-body mark');
    await marks.first().waitFor();
    expect(await marks.allTextContents()).toEqual(['السودان', 'والسودان', 'بالسودان']);
    await app.page.screenshot({ path: path.join(screenshotDir(), 'arabic-search-reader.png') });
    expect(app.consoleErrors).toEqual([]);
  });

  it('finds الصباح for صباح and Persian plurals for the singular', async () => {
    const box = app.page.getByRole('searchbox', { name: 'Search entries' });
    await box.fill('صباح');
    await waitForTitles(app.page, ['تقرير الخرطوم', 'نشرة الأخبار'], { anyOrder: true });
    await box.fill('کتاب');
    await waitForTitles(app.page, ['کتابخانه']);
    expect(await app.page.locator('.entry-row .entry-snippet mark').allTextContents()).toEqual(['کتاب‌ها', 'کتابهای']);
  });
});
