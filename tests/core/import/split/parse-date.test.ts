// Dates as scraped pages write them, read to ISO; and strings that look datey but are not dates.
import { describe, expect, it } from 'vitest';
import { parseDateLine } from '../../../../electron/core/import/split/parse-date-line.ts';
import { asciiDigits, dateText, parseDate, slashOrderOf } from '../../../../electron/core/import/split/parse-date.ts';
import { foldArabicLetters } from '../../../../electron/core/import/split/month-names.ts';
import { piecesText, seededRandom } from '../../../helpers/random-pieces.ts';

describe('parseDate', () => {
  const table: [string, string][] = [
    ['2021-08-23', '2021-08-23'],
    ['2021/08/23', '2021-08-23'],
    ['2021.08.23', '2021-08-23'],
    ['2021-08-23T14:05:00Z', '2021-08-23'],
    ['2021-08-23 14:05', '2021-08-23'],
    ['2021-08', '2021-08'],
    ['August 23, 2021', '2021-08-23'],
    ['August 23 2021', '2021-08-23'],
    ['September 11  2021', '2021-09-11'],
    ['Aug 23, 2021', '2021-08-23'],
    ['Aug. 23, 2021', '2021-08-23'],
    ['Sept 5, 2021', '2021-09-05'],
    ['August 23rd, 2021', '2021-08-23'],
    ['Monday, August 23, 2021', '2021-08-23'],
    ['August 23, 2021 at 3:45 pm', '2021-08-23'],
    ['23 Aug 2021', '2021-08-23'],
    ['23 August 2021', '2021-08-23'],
    ['23rd August 2021', '2021-08-23'],
    ['1st March 2020', '2020-03-01'],
    ['2nd Feb 2020', '2020-02-02'],
    ['August 2021', '2021-08'],
    ['23.08.2021', '2021-08-23'],
    ['03.04.2021', '2021-04-03'], // dots: day first
    ['03-04-2021', '2021-04-03'], // dashes: day first
    ['23/08/2021', '2021-08-23'], // a part above 12 decides
    ['08/23/2021', '2021-08-23'],
    ['03/04/2021', '2021-03-04'], // slashes default: month first (documented)
    ['23.08.21', '2021-08-23'], // two-digit year, pivot 70
    ['01.02.69', '2069-02-01'],
    ['01.02.70', '1970-02-01'],
    ['31.12.99', '1999-12-31'],
    // French, German, Spanish, Italian, Portuguese, Dutch, Russian
    ['23 août 2021', '2021-08-23'],
    ['1er janvier 2021', '2021-01-01'],
    ['mardi 23 février 2021', '2021-02-23'],
    ['23. August 2021', '2021-08-23'],
    ['5. März 2020', '2020-03-05'],
    ['23 de agosto de 2021', '2021-08-23'],
    ['1 de diciembre de 2020', '2020-12-01'],
    ['23 agosto 2021', '2021-08-23'],
    ['12 settembre 2019', '2019-09-12'],
    ['23 de setembro de 2021', '2021-09-23'],
    ['23 augustus 2021', '2021-08-23'],
    ['3 mei 2021', '2021-05-03'],
    ['23 августа 2021', '2021-08-23'],
    ['23 августа 2021 г.', '2021-08-23'],
    ['1 января 2020 года', '2020-01-01'],
    // Gregorian months in Arabic script, Persian and Arabic digits too
    ['23 آگوست 2021', '2021-08-23'],
    ['۲۳ اوت ۲۰۲۱', '2021-08-23'],
    ['٢٣ أغسطس ٢٠٢١', '2021-08-23'],
    ['23 اغسطس 2021', '2021-08-23'],
    ['5 ژانویه 2020', '2020-01-05'],
    ['10 سپتامبر 2021', '2021-09-10'],
    ['10 سبتمبر 2021', '2021-09-10'],
    ['15 كانون الثاني 2021', '2021-01-15'],
    ['15 کانون الثانی 2021', '2021-01-15'],
    ['2021年8月23日', '2021-08-23'],
    ['29 February 2020', '2020-02-29'],
  ];
  it.each(table)('%s → %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it('reads ambiguous slash dates day-first when asked', () => {
    expect(parseDate('03/04/2021', { slashOrder: 'dmy' })).toBe('2021-04-03');
    expect(parseDate('23/08/2021', { slashOrder: 'mdy' })).toBe('2021-08-23');
  });

  it('learns the slash order from another date in the same text', () => {
    expect(slashOrderOf('first 03/04/2021, later 23/08/2021')).toBe('dmy');
    expect(slashOrderOf('first 03/04/2021, later 08/23/2021')).toBe('mdy');
    expect(slashOrderOf('only 03/04/2021')).toBeNull();
  });

  const notDates = [
    'Version 2.10.2021-beta',
    '2.10.2021-beta',
    '+1 (555) 123-4567',
    '555-123-4567',
    '0171 123 4567',
    '12.34.5678',
    '31.02.2021', // no such day
    '29 February 2021',
    '2021-13-01',
    '00.08.2021',
    'August 32, 2021',
    '23 Augustine 2021',
    '1400/06/01', // a Solar Hijri year is not read as Gregorian
    '23 August',
    'In August 23, 2021 we met',
    '2021',
    '',
    'Read more',
  ];
  it.each(notDates)('%s is not a date', (input) => {
    expect(parseDate(input)).toBeNull();
  });
});

describe('parseDateLine', () => {
  it('labels say the date is the publication date', () => {
    expect(parseDateLine('Posted on: 2019/08/23')).toEqual({ date: '2019-08-23', source: 'posted-on', author: null });
    expect(parseDateLine('Published: August 23, 2021')).toMatchObject({ date: '2021-08-23', source: 'posted-on' });
    expect(parseDateLine('Publié le 23 août 2021')).toMatchObject({ date: '2021-08-23', source: 'posted-on' });
    expect(parseDateLine('Veröffentlicht am 23.08.2021')).toMatchObject({ date: '2021-08-23', source: 'posted-on' });
    expect(parseDateLine('تاریخ: ۲۳ اوت ۲۰۲۱')).toMatchObject({ date: '2021-08-23', source: 'posted-on' });
  });

  it('a bare date on its own line is a dated line', () => {
    expect(parseDateLine('  August 23, 2021  ')).toEqual({ date: '2021-08-23', source: 'dated-line', author: null });
    expect(parseDateLine('*23 Aug 2021*')).toMatchObject({ date: '2021-08-23', source: 'dated-line' });
  });

  it('takes the author from "Posted on … by …"', () => {
    expect(parseDateLine('Posted on August 23, 2021 by Jane Marsh')).toEqual({ date: '2021-08-23', source: 'posted-on', author: 'Jane Marsh' });
  });

  it('prose mentioning a date, versions and phone numbers are not date lines', () => {
    expect(parseDateLine('The meeting on August 23, 2021 was long.')).toBeNull();
    expect(parseDateLine('Version 2.10.2021-beta')).toBeNull();
    expect(parseDateLine('Call 555-123-4567')).toBeNull();
    expect(parseDateLine('Posted on: soon')).toBeNull();
  });
});

describe('dateText', () => {
  // What parseDate reads. ASCII text skips the steps that only change characters past ASCII; on
  // any text the result must be what all the steps give.
  const allSteps = (input: string) =>
    foldArabicLetters(asciiDigits(input.normalize('NFC')))
      .replace(/[\u200E\u200F\u202A-\u202E]/gu, '')
      .replace(/\s+/gu, ' ')
      .trim();
  const PIECES = ['August', 'Monday,', ' ', '  ', '\t', '\n', '23', '2021', '.', '-', '/', '٢٣', '۱۴۰۰', 'يناير', 'كانون', 'أيار', '\u200c', '\u200e', '\u202b', 'e\u0301', '\u00a0', '\u3000', '\0', '\u{1F600}', '\ud800', '\udc00', 'août'];

  it('gives what every step gives, on ASCII and on other text', () => {
    const next = seededRandom(13);
    let ascii = 0;
    for (let run = 0; run < 4_000; run++) {
      // Half the inputs from the ASCII pieces only, which skip the steps.
      const input = piecesText(next, run % 2 === 0 ? PIECES.slice(0, 11) : PIECES, 12);
      if (!/[^\x00-\x7f]/.test(input)) ascii++;
      expect(dateText(input), JSON.stringify(input)).toBe(allSteps(input));
    }
    expect(ascii).toBeGreaterThan(1_500);
    expect(ascii).toBeLessThan(3_000);
  });

  it('reads the same date written with ASCII and with Persian digits and letters', () => {
    expect(parseDate('23 August 2021')).toBe('2021-08-23');
    expect(parseDate('\u200e۲۳ اوت ۲۰۲۱')).toBe('2021-08-23');
  });
});
