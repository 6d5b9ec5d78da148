// Reads a date written the ways scraped pages write them, and returns it as ISO `yyyy-mm-dd`
// (or `yyyy-mm` when the page gives no day).
//
// Conventions, chosen on purpose:
// - A numeric date with a part above 12 tells its own order (`23/08/2021` is day-first,
//   `08/23/2021` month-first). When both parts are 12 or less, dots and dashes are read
//   day-first (`03.04.2021` is 3 April: the European habit) and slashes month-first
//   (`03/04/2021` is March 4: the US habit of most English-language sites), unless the caller
//   passes `slashOrder: 'dmy'` (the splitter does when another date in the same file shows it).
// - Two-digit years pivot at 70, as POSIX `strptime` does: 00–69 are 2000–2069, 70–99 are 1970–1999.
// - Years outside 1800–2199 are not dates (they are more likely version numbers or amounts).
import { foldArabicLetters, monthNumber } from './month-names.ts';

export type SlashOrder = 'mdy' | 'dmy';
export interface DateOptions {
  slashOrder?: SlashOrder;
}

const ORDINAL = String.raw`(?:st|nd|rd|th|er|e|º|°|ª|\.)?`;
const YEAR = String.raw`(\d{4}|'?\d{2})`;
// The month is whatever words sit between the numbers; `monthNumber` then decides if it is one.
// (Faster than one regex alternating over every month name, and the result is the same.)
const M = String.raw`([^\d\s,.][^\d,]*?)\.?`;

const NAMED_MDY = new RegExp(String.raw`^${M}\s+(\d{1,2})${ORDINAL}\s*,?\s+${YEAR}$`, 'iu');
const NAMED_DMY = new RegExp(String.raw`^(\d{1,2})${ORDINAL}\s*(?:de\s+|of\s+)?${M}\s*,?\s+(?:de\s+|del\s+)?${YEAR}(?:\s*(?:г\.?|года))?$`, 'iu');
const NAMED_MY = new RegExp(String.raw`^${M}\s*,?\s+(?:de\s+|del\s+)?(\d{4})$`, 'iu');
const NUMERIC_YMD = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/u;
const NUMERIC_DMY = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})$/u;
const NUMERIC_YM = /^(\d{4})[-/](\d{2})$/u;
const CJK = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/u;
const ISO_TIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/u;

const WEEKDAY = new RegExp(
  String.raw`^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|` +
    String.raw`lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|` +
    String.raw`lunes|martes|miércoles|jueves|viernes|sábado|domingo|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|` +
    String.raw`segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|` +
    String.raw`понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|` +
    String.raw`شنبه|یکشنبه|دوشنبه|سه‌شنبه|سه شنبه|چهارشنبه|پنجشنبه|پنج‌شنبه|جمعه|الاثنین|الثلاثاء|الاربعاء|الخمیس|الجمعة|السبت|الاحد)[,،]?\s+`,
  'iu',
);
const TIME_SUFFIX = /(?:,?\s+(?:at|à|um|a las|alle|às|om|в)?\s*\d{1,2}[:h]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*(?:utc|gmt|[a-z]{2,4}t|[+-]\d{2}:?\d{2}))?)$/iu;

/** Arabic-Indic and Persian digits to ASCII (one code unit each way, so lengths are kept). */
export function asciiDigits(s: string): string {
  return s.replace(/[\u0660-\u0669\u06F0-\u06F9]/gu, (d) => String((d.codePointAt(0) ?? 0) & 0xf));
}

function fullYear(y: string): number | null {
  const digits = y.replace(/^'/u, '');
  const n = Number(digits);
  if (digits.length === 2) return n < 70 ? 2000 + n : 1900 + n;
  return n >= 1800 && n <= 2199 ? n : null;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number | null, month: number | null, day: number | null): string | null {
  if (year === null || month === null || month < 1 || month > 12) return null;
  const ym = `${year}-${String(month).padStart(2, '0')}`;
  if (day === null) return ym;
  if (day < 1 || day > daysIn(year, month)) return null;
  return `${ym}-${String(day).padStart(2, '0')}`;
}

function numericDmy(a: number, b: number, sep: string, year: number | null, options: DateOptions): string | null {
  if (a > 12) return iso(year, b, a);
  if (b > 12) return iso(year, a, b);
  const dayFirst = sep === '/' ? options.slashOrder === 'dmy' : true;
  return dayFirst ? iso(year, b, a) : iso(year, a, b);
}

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * The text parseDate reads: NFC, ASCII digits, Arabic letter variants folded, no bidi marks, white
 * space collapsed. Those first steps change only characters past ASCII, so ASCII text skips them
 * (an attribution tries up to seven endings of its line as dates: a third of their time).
 */
export function dateText(input: string): string {
  const folded = NON_ASCII.test(input) ? foldArabicLetters(asciiDigits(input.normalize('NFC'))).replace(/[\u200E\u200F\u202A-\u202E]/gu, '') : input;
  return folded.replace(/\s+/gu, ' ').trim();
}

/**
 * The date a short piece of text says, when the WHOLE text is a date (an optional weekday in front
 * and a time of day after are allowed). Returns ISO `yyyy-mm-dd`, `yyyy-mm`, or null.
 */
export function parseDate(input: string, options: DateOptions = {}): string | null {
  if (!/[\d\u0660-\u0669\u06F0-\u06F9]/u.test(input)) return null;
  let s = dateText(input);
  if (s.length === 0 || s.length > 60) return null;
  const isoTime = ISO_TIME.exec(s);
  if (isoTime?.[1]) s = isoTime[1];
  s = s.replace(WEEKDAY, '').replace(TIME_SUFFIX, '').trim();

  let m = NUMERIC_YMD.exec(s);
  if (m) return iso(fullYear(m[1]!), Number(m[3]), Number(m[4]));
  m = NUMERIC_DMY.exec(s);
  if (m) return numericDmy(Number(m[1]), Number(m[3]), m[2]!, fullYear(m[4]!), options);
  m = NUMERIC_YM.exec(s);
  if (m) return iso(fullYear(m[1]!), Number(m[2]), null);
  m = CJK.exec(s);
  if (m) return iso(fullYear(m[1]!), Number(m[2]), Number(m[3]));
  m = NAMED_MDY.exec(s);
  if (m) return iso(fullYear(m[3]!), monthNumber(m[1]!), Number(m[2]));
  m = NAMED_DMY.exec(s);
  if (m) return iso(fullYear(m[3]!), monthNumber(m[2]!), Number(m[1]));
  m = NAMED_MY.exec(s);
  if (m) return iso(fullYear(m[2]!), monthNumber(m[1]!), null);
  return null;
}

/** The order of slash dates this text itself reveals (a part above 12), or null when it never says. */
export function slashOrderOf(text: string): SlashOrder | null {
  const re = /(?<!\d)(\d{1,2})\/(\d{1,2})\/(?:\d{4}|\d{2})(?!\d)/gu;
  for (const m of asciiDigits(text).matchAll(re)) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 12 && a <= 31 && b <= 12) return 'dmy';
    if (b > 12 && b <= 31 && a <= 12) return 'mdy';
  }
  return null;
}
