// Each operator, filter, sort order, folding direction, CJK substring and snippet spans,
// on a real archive file whose entries go through the real EntriesRepo and index triggers.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../../electron/core/archive.ts';
import type { SearchResult } from '../../../shared/contract.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { highlighted, openTestArchive, search, seedEntries, titles } from './helpers/seed-entries.ts';

describe('search operators and filters', () => {
  const dir = tempDir();
  let archive: Archive;
  beforeAll(() => {
    archive = openTestArchive(dir, 'ops');
    seedEntries(archive, [
      { title: 'Harbour report', body: 'The harbour master reported heavy fog over the northern quay.', date: '2021-08-02', author: 'Jane Roe', outlet: 'Coast Courier', language: 'en', source: 'coast.txt' },
      { title: 'Market prices', body: 'Fish prices at the harbour market rose sharply after the fog lifted.', date: '2021-08-20', author: 'Sam Poe', outlet: 'Daily Planet', language: 'en', source: 'planet.txt' },
      { title: 'Quiet week', body: 'Nothing of note happened in the village; the market was closed.', date: '2021-09-10', author: 'Jane Roe', outlet: 'Daily Planet', language: 'en', source: 'planet.txt' },
      { title: 'Café économie', body: 'Les élèves ont étudié l’économie du café à Zürich.', date: '2020-01-15', outlet: 'Le Petit', language: 'fr', source: 'petit.txt' },
      { title: 'گزارش کتابخانه', body: 'این یک گزارش درباره کتابخانه‌ی ملی و کتاب‌های آن است.', date: '2021-08-05', language: 'fa', source: 'fa.txt' },
      { title: 'تقرير', body: 'زار الوزير المكتبة الكبيرة في المدينة وقال إنها مكتبة مهمة جدا.', date: '2021-08-06', language: 'ar', source: 'ar.txt' },
      { title: 'كتاب جديد', body: 'صدر كتاب جديد عن تاريخ كرمانشاه.', language: 'ar', source: 'ar.txt' },
      { title: '東京の天気', body: '東京都の天気は晴れです。大阪府は雨でした。', date: '2019-05-01', language: 'ja', source: 'ja.txt' },
      { title: 'Undated note', body: 'A harbour note without any date.', source: 'misc.txt' },
    ]);
  });
  afterAll(() => archive.close());

  it('ANDs plain words, case-insensitively', () => {
    expect(titles(search(archive, 'HARBOUR fog'))).toEqual(['Harbour report', 'Market prices']);
    expect(titles(search(archive, 'harbour fog quay'))).toEqual(['Harbour report']);
  });
  it('matches exact phrases only in order', () => {
    expect(titles(search(archive, '"harbour market"'))).toEqual(['Market prices']);
    expect(titles(search(archive, '"market harbour"'))).toEqual([]);
  });
  it('supports OR, NOT, -word and parentheses', () => {
    expect(titles(search(archive, 'quay OR village'))).toEqual(['Harbour report', 'Quiet week']);
    expect(titles(search(archive, 'harbour NOT fog'))).toEqual(['Undated note']);
    expect(titles(search(archive, 'harbour -market -quay'))).toEqual(['Undated note']);
    expect(titles(search(archive, '(quay OR village) market'))).toEqual(['Quiet week']);
    expect(search(archive, '-harbour').total).toBe(6);
  });
  it('supports prefix* and *substring*', () => {
    expect(titles(search(archive, 'harb*'))).toEqual(['Harbour report', 'Market prices', 'Undated note']);
    expect(titles(search(archive, '*arke*'))).toEqual(['Market prices', 'Quiet week']);
    expect(search(archive, '*zzzq*').total).toBe(0);
  });
  it('supports NEAR with a distance', () => {
    expect(titles(search(archive, 'NEAR(prices fog, 10)'))).toEqual(['Market prices']);
    expect(titles(search(archive, 'NEAR(fish lifted, 3)'))).toEqual([]);
  });
  it('filters by title:, author:, outlet:, source:, lang:', () => {
    expect(titles(search(archive, 'title:market'))).toEqual(['Market prices']);
    expect(titles(search(archive, 'market -title:market'))).toEqual(['Quiet week']);
    expect(titles(search(archive, 'author:"jane roe"'))).toEqual(['Harbour report', 'Quiet week']);
    expect(titles(search(archive, 'outlet:planet market'))).toEqual(['Market prices', 'Quiet week']);
    expect(titles(search(archive, 'source:coast'))).toEqual(['Harbour report']);
    expect(titles(search(archive, 'lang:fr'))).toEqual(['Café économie']);
  });
  it('filters by date:, ranges, before: and after:', () => {
    expect(titles(search(archive, 'date:2021-08 harbour'))).toEqual(['Harbour report', 'Market prices']);
    expect(titles(search(archive, 'date:2021-08-01..2021-08-05'))).toEqual(['Harbour report', 'گزارش کتابخانه']);
    expect(titles(search(archive, 'before:2021 (harbour OR café)'))).toEqual(['Café économie']);
    expect(titles(search(archive, 'before:2021'))).toEqual(['Café économie', '東京の天気']);
    expect(titles(search(archive, 'after:2021-08-20'))).toEqual(['Quiet week']);
    expect(titles(search(archive, 'market', { dateFrom: '2021-09-01', dateTo: '2021-09-30' }))).toEqual(['Quiet week']);
  });
  it('sorts by date either way and by relevance with title weighted over body', () => {
    const desc = search(archive, 'harbour', { sort: 'date-desc' }).hits.map((h) => h.date);
    expect(desc).toEqual(['2021-08-20', '2021-08-02', null]);
    const asc = search(archive, 'harbour OR market', { sort: 'date-asc' }).hits.map((h) => h.title);
    expect(asc.filter((t) => t !== 'Undated note')).toEqual(['Harbour report', 'Market prices', 'Quiet week']);
    // "market" is in the title of one and only the body of another: the title hit ranks first.
    expect(search(archive, 'market', { sort: 'relevance' }).hits[0]?.title).toBe('Market prices');
    expect(search(archive, 'harbour', { sort: 'relevance' }).hits[0]?.title).toBe('Harbour report');
  });
  it('browses everything newest first for an empty query, with the total', () => {
    const all = search(archive, '');
    expect(all.total).toBe(9);
    expect(all.totalExact).toBe(true);
    expect(all.hits[0]?.title).toBe('Quiet week');
  });
  it('ignores Latin diacritics both ways', () => {
    expect(titles(search(archive, 'economie zurich'))).toEqual(['Café économie']);
    expect(titles(search(archive, 'CAFÉ élèves'))).toEqual(['Café économie']);
  });
  it('folds Persian and Arabic keyboard letters both ways', () => {
    // Persian ک/ی typed, Arabic ك/ي/ة written (and vice versa); ZWNJ and harakat ignored.
    expect(titles(search(archive, 'کتاب جدید'))).toEqual(['كتاب جديد']);
    expect(titles(search(archive, 'مکتبه'))).toEqual(['تقرير']);
    expect(titles(search(archive, 'كتابخانه'))).toEqual(['گزارش کتابخانه']);
    // A plural typed also finds its singular (Arabic-script morphology: arabic-morphology.test.ts).
    expect(titles(search(archive, 'کتابهای'))).toEqual(['كتاب جديد', 'گزارش کتابخانه']);
    expect(titles(search(archive, 'کتاب‌های'))).toEqual(['كتاب جديد', 'گزارش کتابخانه']);
    expect(titles(search(archive, 'الْمَكْتَبَة'))).toEqual(['تقرير']);
  });
  it('finds substrings of Chinese and Japanese text written without spaces', () => {
    expect(titles(search(archive, '京都'))).toEqual(['東京の天気']);
    expect(titles(search(archive, '晴れ'))).toEqual(['東京の天気']);
    expect(titles(search(archive, '京大'))).toEqual([]);
  });
  it('highlights the original characters in the snippet', () => {
    const check = (r: SearchResult, expected: string[][]) => expect(highlighted(r)).toEqual(expected);
    check(search(archive, 'economie'), [['économie']]);
    // The forms with the article, and the singular of a plural, are highlighted too; the form typed ranks first.
    check(search(archive, 'مکتبه'), [['المكتبة', 'مكتبة']]);
    check(search(archive, 'کتابهای'), [['کتاب‌های'], ['كتاب']]);
    check(search(archive, '"harbour market" fog'), [['harbour market', 'fog']]);
    check(search(archive, '京都'), [['京都']]);
    const hit = search(archive, 'quay').hits[0];
    expect(hit?.snippet).toContain('northern quay');
  });
  it('reads entries imported through the real pipeline', async () => {
    const file = path.join(dir, 'imported.txt');
    fs.writeFileSync(file, 'Lighthouse keepers gathered at the pier.\n');
    await archive.call('importFiles', { paths: [file] });
    expect(search(archive, 'lighthouse pier').total).toBe(1);
  });
});
