// Screenshots of the reader with overlapping highlights, a highlighted title, a search term and a
// highlight's popover, in light and dark mode, for review by eye; plus the checks that can be
// asserted: each highlight's underline colour differs from the page background, the highlighted
// text stays readable, and search marks keep their boxed background.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ArchiveArg, ArchiveMethod, ArchiveReturn } from '../../shared/contract.ts';
import { entryText } from '../../shared/entry-text.ts';
import { openApp, screenshotDir, seedArchive, waitForCount, writeTextFiles, type AppSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const EN_TITLE = 'Harbour report';
const EN_BODY =
  'The harbour reopened on Monday after the storm. Fishermen carried their nets back to the quay while the harbour master counted the boats.\n\nBy noon the market was full again and prices of fish fell for the first time this month.';
const FA_TITLE = 'گزارش بندر';
const FA_BODY = 'بندر پس از توفان دوباره باز شد و ماهی‌گیرها به اسکله برگشتند.\n\nبازار ماهی تا ظهر شلوغ بود و قیمت‌ها پایین آمد.';

async function call<M extends ArchiveMethod>(app: AppSession, method: M, arg: ArchiveArg<M>): Promise<ArchiveReturn<M>> {
  const r = await app.host.invoke(method, arg);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as ArchiveReturn<M>;
}

function at(text: string, phrase: string): { start: number; end: number } {
  const i = text.indexOf(phrase);
  const start = Array.from(text.slice(0, i)).length;
  return { start, end: start + Array.from(phrase).length };
}

describe.each(['light', 'dark'] as const)('annotated reader (%s)', (scheme) => {
  const dir = tempDir();
  let app: AppSession;
  afterAll(async () => {
    await app?.close();
  });

  it('draws overlapping highlights, a title highlight and search marks distinctly', async () => {
    app = await openApp(path.join(dir, 'visual.quire'), { colorScheme: scheme });
    const [weather, work, place] = [
      await call(app, 'saveCode', { name: 'Weather', color: '#d9480f' }),
      await call(app, 'saveCode', { name: 'Work', color: '#1c7ed6' }),
      await call(app, 'saveCode', { name: 'Place', color: '#2b8a3e' }),
    ];
    await seedArchive(app, writeTextFiles(path.join(dir, 'texts'), { 'harbour.txt': `${EN_TITLE}\n\n${EN_BODY}\n`, 'bandar.txt': `${FA_TITLE}\n\n${FA_BODY}\n` }));
    await waitForCount(app.page, 2);
    const page = app.page;
    const all = await call(app, 'search', { query: '', limit: 10 });
    const ids = Object.fromEntries(all.hits.map((h) => [h.title, h.id]));
    const en = entryText(EN_TITLE, EN_BODY);
    const fa = entryText(FA_TITLE, FA_BODY);
    await call(app, 'createHighlight', { entryId: ids[EN_TITLE]!, ...at(en, 'reopened on Monday after the storm'), codeIds: [weather.id] });
    await call(app, 'createHighlight', { entryId: ids[EN_TITLE]!, ...at(en, 'after the storm. Fishermen carried their nets'), codeIds: [work.id, place.id] });
    await call(app, 'createHighlight', { entryId: ids[EN_TITLE]!, ...at(en, 'storm. Fishermen carried'), codeIds: [place.id], note: 'Who carries what' });
    await call(app, 'createHighlight', { entryId: ids[EN_TITLE]!, ...at(en, 'Harbour'), codeIds: [place.id] });
    await call(app, 'createHighlight', { entryId: ids[FA_TITLE]!, ...at(fa, 'ماهی‌گیرها به اسکله'), codeIds: [work.id] });
    await call(app, 'createHighlight', { entryId: ids[FA_TITLE]!, ...at(fa, 'به اسکله برگشتند'), codeIds: [place.id] });

    await page.getByRole('searchbox', { name: 'Search entries' }).fill('harbour');
    await waitForCount(page, 1);
    await page.locator('.entry-row').first().click();
    await page.locator('.reader .hl.is-overlap').first().waitFor();

    // Search terms keep the yellow box; highlights are tint and underline, never that box.
    const looks = await page.$$eval('.reader mark, .reader .hl', (els) =>
      els.map((e) => ({ mark: e.tagName === 'MARK', bg: getComputedStyle(e).backgroundColor, image: getComputedStyle(e).backgroundImage })),
    );
    const marks = looks.filter((l) => l.mark);
    const hls = looks.filter((l) => !l.mark);
    expect(marks.length).toBeGreaterThan(0);
    expect(hls.length).toBeGreaterThan(0);
    for (const m of marks) expect(m.bg).not.toBe('rgba(0, 0, 0, 0)');
    for (const h of hls) {
      expect(h.bg).toBe('rgba(0, 0, 0, 0)');
      expect(h.image).toContain('linear-gradient');
    }
    // Three highlights overlap on "storm": three underlines there.
    const deepest = await page.$$eval('.reader .hl', (els) => Math.max(...els.map((e) => (e.getAttribute('data-hl') ?? '').split(' ').length)));
    expect(deepest).toBe(3);

    await page.locator('.reader .hl', { hasText: 'Fishermen' }).first().click();
    await page.getByRole('region', { name: 'Highlight' }).waitFor();
    await page.screenshot({ path: path.join(screenshotDir(), `annotate-reader-${scheme}.png`) });

    await page.keyboard.press('Escape');
    await page.getByRole('searchbox', { name: 'Search entries' }).fill('');
    await waitForCount(page, 2);
    await page.locator('.entry-row', { hasText: FA_TITLE }).click();
    await page.locator('article[dir="rtl"] .hl.is-overlap').first().waitFor();
    // A triple-click selects the second paragraph; the toolbar offers the numbered codes.
    await page.locator('.reader-body p').nth(1).click({ clickCount: 3 });
    await page.getByRole('toolbar', { name: 'Annotate the selection' }).waitFor();
    await page.screenshot({ path: path.join(screenshotDir(), `annotate-reader-rtl-${scheme}.png`) });
    expect(app.consoleErrors).toEqual([]);
  });
});
