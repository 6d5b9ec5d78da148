// Arabic-script morphology: a word typed without its article, proclitics or suffixes finds the
// entries that have it with them (السودان for سودان, کتاب‌ها for کتاب), the exact form ranks first,
// the explanation and highlights name the forms matched, and words that only share letters do not match.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { Archive } from '../../../electron/core/archive.ts';
import { basesOf, coresOf, isFormOf } from '../../../electron/core/search/arabic-stem.ts';
import { queryTokens } from '../../../electron/core/search/fold-text.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { highlighted, openTestArchive, search, seedEntries, titles } from './helpers/seed-entries.ts';

const fold = (w: string) => queryTokens(w).join(' ');
const formOf = (indexed: string, query: string) => isFormOf(fold(indexed), fold(query));

describe('Arabic and Persian light stemming (folded words)', () => {
  it('sees through the article and the proclitics', () => {
    for (const w of ['السودان', 'والسودان', 'بالسودان', 'للسودان', 'فالسودان', 'كالسودان', 'وسودان', 'بسودان', 'لسودان', 'فسودان']) {
      expect(formOf(w, 'سودان'), w).toBe(true);
    }
    expect(formOf('الصباح', 'صباح')).toBe(true);
    // The query may carry the article itself.
    expect(formOf('صباح', 'الصباح')).toBe(true);
    // A conjunction before a preposition or the article's لل.
    expect(formOf('وللسودان', 'سودان')).toBe(true);
    expect(formOf('فبالسودان', 'سودان')).toBe(true);
  });

  it('sees through Arabic suffixes, with ة written ت before a pronoun', () => {
    expect(formOf('مدينتها', 'مدينة')).toBe(true);
    expect(formOf('المدينة', 'مدينة')).toBe(true);
    expect(formOf('كتابهم', 'كتاب')).toBe(true);
    expect(formOf('السودانية', 'سودان')).toBe(true);
    expect(formOf('السودانيين', 'سودان')).toBe(true);
    expect(formOf('مسلمون', 'مسلم')).toBe(true);
    expect(formOf('انتخابات', 'انتخاب')).toBe(true);
  });

  it('sees through Persian plurals and ezafe, with or without ZWNJ', () => {
    for (const w of ['کتاب‌ها', 'کتابها', 'کتاب‌های', 'کتابهای', 'کتاب‌هایی', 'کتابی', 'خانه‌ای']) {
      const base = w.startsWith('خانه') ? 'خانه' : 'کتاب';
      expect(formOf(w, base), w).toBe(true);
    }
    // A plural typed finds the singular too.
    expect(formOf('کتاب', 'کتابها')).toBe(true);
    expect(formOf('کتاب', 'کتاب‌های')).toBe(true);
  });

  it('never leaves a stem shorter than three letters, and takes the word typed as the stem', () => {
    // وقت (time) is not و + قت, بحر (sea) not ب + حر, تنها (alone) not تن + ها.
    expect(coresOf(fold('وقت')).has(fold('قت'))).toBe(false);
    expect(coresOf(fold('بحر')).has(fold('حر'))).toBe(false);
    expect(basesOf(fold('تنها'))).toEqual([fold('تنها')]);
    for (const w of ['وقت', 'بحر', 'تنها', 'السودان', 'کتابهای']) {
      for (const core of coresOf(fold(w))) expect([...core].length, `${w} → ${core}`).toBeGreaterThanOrEqual(3);
    }
    // Sudan is not سود (black, profit) with a suffix: the word typed is not cut down.
    expect(formOf('سود', 'سودان')).toBe(false);
    expect(formOf('السود', 'سودان')).toBe(false);
    // A word that merely shares letters is no form of it.
    expect(formOf('سودانا', 'دان')).toBe(false);
    expect(formOf('لبنان', 'بنا')).toBe(false);
    // Latin and CJK words have no Arabic forms.
    expect(basesOf('sudan')).toEqual([]);
    expect(basesOf(fold('東京'))).toEqual([]);
  });
});

describe('Arabic-script morphology in a search', () => {
  const dir = tempDir();
  let archive: Archive;
  beforeAll(() => {
    archive = openTestArchive(dir, 'arabic-morphology');
    seedEntries(archive, [
      { title: 'رسالة', body: 'كتب المراسل عن سودان في رسالة قصيرة.' },
      { title: 'الخرطوم', body: 'وصل الوفد إلى السودان صباح الأحد بعد رحلة طويلة.' },
      { title: 'الحدود', body: 'عبرت القافلة الحدود والسودان يستعد للانتخابات.' },
      { title: 'المساعدات', body: 'أرسلت المساعدات بالسودان وللسودان حصة منها.' },
      { title: 'الجريدة', body: 'نشرت الصحيفة الخبر في الصباح الباكر.' },
      { title: 'اللون', body: 'كان الثوب سود اللون والسود كثيرون.' },
      { title: 'کتابخانه', body: 'کتاب‌ها را به کتابخانه بردیم و کتابهای تازه آوردیم.' },
      { title: 'کتاب تنها', body: 'یک کتاب روی میز بود.' },
      { title: 'خانه', body: 'در خانه‌ای کوچک زندگی می‌کرد.' },
      { title: 'Latin', body: 'The Sudan report and the Sudanese delegation arrived in Tokyo 東京.' },
      { title: 'Latin two', body: 'Sudanese officials met later.' },
    ]);
  });
  afterAll(() => archive.close());

  it('finds the word with the article and proclitics, the exact form first, and says which forms it matched', () => {
    const result = search(archive, 'سودان');
    expect(titles(result)).toEqual(['الحدود', 'الخرطوم', 'المساعدات', 'رسالة'].sort());
    expect(result.hits[0]?.title).toBe('رسالة');
    // Each form is isolated for bidirectional display (FSI … PDI), so it reads right in a left-to-right line.
    expect(result.explanation).toMatch(/"\u2068سودان\u2069" also as .*"\u2068السودان\u2069".*\(Arabic-script forms\)/);
    expect(result.explanation).toContain(`"\u2068${fold('والسودان')}\u2069"`);
    // Snippets mark the forms themselves, and the hit names them.
    const proclitics = result.hits.find((h) => h.title === 'المساعدات');
    expect(highlighted({ ...result, hits: proclitics ? [proclitics] : [] })[0]).toEqual(['بالسودان', 'وللسودان']);
    expect(proclitics?.matchedVariants?.sort()).toEqual([fold('بالسودان'), fold('وللسودان')].sort());
    // سود (black) is another word.
    expect(titles(result)).not.toContain('اللون');
  });

  it('finds الصباح for صباح', () => {
    expect(titles(search(archive, 'صباح'))).toEqual(['الجريدة', 'الخرطوم'].sort());
  });

  it('finds Persian plurals and ezafe forms, with and without ZWNJ', () => {
    const books = search(archive, 'کتاب');
    expect(titles(books)).toEqual(['کتاب تنها', 'کتابخانه'].sort());
    expect(highlighted(books).flat()).toEqual(expect.arrayContaining(['کتاب‌ها', 'کتابهای']));
    // کتابخانه (library) is a compound, not a form of کتاب.
    expect(highlighted(books).flat()).not.toContain('کتابخانه');
    expect(titles(search(archive, 'کتابها'))).toEqual(['کتاب تنها', 'کتابخانه'].sort());
    expect(titles(search(archive, 'خانه'))).toEqual(['خانه']);
  });

  it('highlights the forms in the reader', () => {
    const id = search(archive, 'سودان').hits.find((h) => h.title === 'المساعدات')?.id;
    const entry = archive.call('getEntry', { id: id ?? 0, query: 'سودان' }) as { body: string; bodyHighlights: { start: number; end: number }[] };
    expect(entry.bodyHighlights.map((s) => entry.body.slice(s.start, s.end))).toEqual(['بالسودان', 'وللسودان']);
  });

  it('leaves Latin and CJK queries as they were', () => {
    expect(titles(search(archive, 'sudan'))).toEqual(['Latin']);
    expect(search(archive, 'sudan').explanation).not.toMatch(/forms/);
    expect(titles(search(archive, '東京'))).toEqual(['Latin']);
  });

  it('matches at most the bound of forms, and the exact word alone when it is 0', () => {
    const forms = ['السودان', 'والسودان', 'بالسودان', 'للسودان'];
    const open = (name: string, arabicForms: number) => {
      const a = new Archive(path.join(dir, `${name}.quire`), { searchThresholds: { arabicForms } });
      seedEntries(a, [{ title: 'exact', body: 'سودان' }, ...forms.map((f) => ({ title: f, body: `${f} ${f} ${f}` }))]);
      return a;
    };
    const two = open('bound-two', 2);
    const off = open('bound-off', 0);
    try {
      const result = search(two, 'سودان');
      expect(result.total).toBe(3);
      expect((result.explanation ?? '').match(/"[^"]+"/g)?.length).toBe(3);
      expect(titles(search(off, 'سودان'))).toEqual(['exact']);
      expect(search(off, 'سودان').explanation).not.toMatch(/forms/);
    } finally {
      two.close();
      off.close();
    }
  });
});
