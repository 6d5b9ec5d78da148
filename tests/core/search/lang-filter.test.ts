// `lang:` takes what the language facet shows: imported Sorani, Persian and Arabic posts are found
// by code and by name, in any case, and every facet name typed back finds its facet count.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../../electron/core/archive.ts';
import { importPaths } from '../../../electron/core/import/import-files.ts';
import type { FacetsResult } from '../../../shared/contract.ts';
import { languageName } from '../../../shared/language-names.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { openTestArchive, search, titles } from './helpers/seed-entries.ts';

const POSTS = {
  'sorani.txt': 'ڕاپۆرتی پرد\n\nئەمڕۆ ئەندازیاران دەڵێن کاری پردە نوێیەکە لە مانگی داهاتوودا تەواو دەبێت و ھاتوچۆ ئاسان دەبێتەوە.\n',
  'persian.txt': 'گزارش پل\n\nمهندسان امروز می‌گویند کار پل تازه در ماه آینده تمام می‌شود و رفت‌وآمد آسان‌تر خواهد شد.\n',
  'arabic.txt': 'تقرير الجسر\n\nقال المهندسون اليوم إن العمل في الجسر الجديد سينتهي في الشهر القادم وستصبح الحركة أسهل.\n',
};

describe('lang: by code and by name', () => {
  const dir = tempDir();
  let archive: Archive;
  beforeAll(async () => {
    archive = openTestArchive(dir, 'lang');
    const paths = Object.entries(POSTS).map(([name, text]) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      return file;
    });
    await importPaths(archive.db, paths, { jobId: 'lang', isCancelled: () => false, onProgress: () => {} });
  });
  afterAll(() => archive.close());

  it('tells Sorani, Persian and Arabic posts apart on import', () => {
    const facet = (archive.call('facets', { query: '' }) as FacetsResult).language;
    expect(facet.map((c) => c.value).sort()).toEqual(['ar', 'ckb', 'fa']);
  });

  it.each([
    ['lang:ckb', ['ڕاپۆرتی پرد']],
    ['lang:CKB', ['ڕاپۆرتی پرد']],
    ['lang:"Sorani Kurdish"', ['ڕاپۆرتی پرد']],
    ['lang:"sorani kurdish"', ['ڕاپۆرتی پرد']],
    ['lang:fa', ['گزارش پل']],
    ['lang:Persian', ['گزارش پل']],
    ['lang:PERSIAN', ['گزارش پل']],
    ['lang:ar', ['تقرير الجسر']],
    ['lang:arabic', ['تقرير الجسر']],
    ['lang:Klingon', []],
  ])('%s', (query, expected) => {
    expect(titles(search(archive, query))).toEqual(expected);
  });

  it('finds each facet value by the name the facet shows', () => {
    const facet = (archive.call('facets', { query: '' }) as FacetsResult).language;
    expect(facet.map((c) => languageName(c.value)).sort()).toEqual(['Arabic', 'Persian', 'Sorani Kurdish']);
    for (const c of facet) expect(search(archive, `lang:"${languageName(c.value)}"`).total).toBe(c.count);
  });
});
