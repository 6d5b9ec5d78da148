// Date filters of the query language: date:2021, date:2021-08, date:2021-08-01..2021-09-15,
// before:2021-08, after:2021-08-15. Entries store ISO dates (yyyy-mm-dd[...]), compared as text.
import { at, invalidQuery } from './query-lexer.ts';

interface DayRange {
  start: string;
  endExclusive: string;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const iso = (d: Date) => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** One date of year, month or day precision → the days it covers. Null when not a date. */
export function dateRange(text: string): DayRange | null {
  const m = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] === undefined ? null : Number(m[2]);
  const day = m[3] === undefined ? null : Number(m[3]);
  if (month !== null && (month < 1 || month > 12)) return null;
  if (month === null) return { start: `${pad(year, 4)}-01-01`, endExclusive: `${pad(year + 1, 4)}-01-01` };
  if (day === null) return { start: iso(new Date(Date.UTC(year, month - 1, 1))), endExclusive: iso(new Date(Date.UTC(year, month, 1))) };
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return { start: iso(d), endExclusive: iso(new Date(Date.UTC(year, month - 1, day + 1))) };
}

export function parseDateFilter(name: 'date' | 'before' | 'after', value: string, pos: number): { from: string | null; toExclusive: string | null } {
  const bad = (what: string) =>
    invalidQuery(`${name}:${value} ${at(pos)}: "${what}" is not a date. Use yyyy, yyyy-mm or yyyy-mm-dd${name === 'date' ? ', or a range like 2021-08-01..2021-09-15' : ''}.`);
  if (name === 'date' && value.includes('..')) {
    const [a = '', b = '', ...more] = value.split('..');
    if (more.length > 0 || (a === '' && b === '')) throw bad(value);
    const from = a === '' ? null : dateRange(a);
    const to = b === '' ? null : dateRange(b);
    if (a !== '' && !from) throw bad(a);
    if (b !== '' && !to) throw bad(b);
    if (from && to && from.start >= to.endExclusive) throw invalidQuery(`${name}:${value} ${at(pos)}: the range ends before it starts.`);
    return { from: from?.start ?? null, toExclusive: to?.endExclusive ?? null };
  }
  const range = dateRange(value);
  if (!range) throw bad(value);
  if (name === 'before') return { from: null, toExclusive: range.start };
  if (name === 'after') return { from: range.endExclusive, toExclusive: null };
  return { from: range.start, toExclusive: range.endExclusive };
}

/** Validates a yyyy-mm-dd bound from the timeline brush (SearchRequest.dateFrom / dateTo). */
export function requestDay(value: string, which: 'dateFrom' | 'dateTo'): DayRange {
  const range = dateRange(value);
  if (!range) throw invalidQuery(`${which} "${value}" is not a date; use yyyy-mm-dd.`);
  return range;
}
