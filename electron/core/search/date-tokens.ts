// An entry's date as words in the full-text index (a column of its own), so a date filter joins a
// common word INSIDE the index: `policy AND {dates}: (month tokens)` intersects two posting lists,
// where checking 480k matches of "policy" against the date column took 690 ms at a million entries.
// Tokens start with a private-use character: nothing a user types folds to one, so no plain query
// (or prefix like `d*`) can match them. The SQL date filter stays beside them and keeps results exact.

/** U+E000: in Unicode category Co, which the index's tokenizer keeps as part of a word. */
const MARK = '\uE000';

const year = (y: string) => `${MARK}y${y}`;
const month = (y: string, m: string) => `${MARK}m${y}${m}`;
const day = (y: string, m: string, d: string) => `${MARK}d${y}${m}${d}`;

/** The index words for a stored date (`yyyy-mm-dd...`): year, month and day; null when undated. */
export function dateTokens(date: string | null): string | null {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})/.exec(date) : null;
  if (!m) return null;
  const [, y = '', mo = '', d = ''] = m;
  return `${year(y)} ${month(y, mo)} ${day(y, mo, d)}`;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const isoDay = (t: number) => {
  const d = new Date(t);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};
const parse = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
const DAY = 86_400_000;

/** Above this many words the cover costs more than it saves (a filter that wide passes most entries anyway). */
export const MAX_COVER_TOKENS = 120;

/**
 * The fewest index words whose entries are exactly the days [start, endExclusive): whole years,
 * then whole months, then single days at the ragged ends. Null when it would take more than
 * MAX_COVER_TOKENS words or the bounds are not ISO days.
 */
export function dateCover(start: string, endExclusive: string): string[] | null {
  let t = parse(start);
  const end = parse(endExclusive);
  if (!Number.isFinite(t) || !Number.isFinite(end) || end <= t) return Number.isFinite(t) && end <= t ? [] : null;
  const out: string[] = [];
  while (t < end) {
    if (out.length > MAX_COVER_TOKENS) return null;
    const [y = '', m = '', d = ''] = isoDay(t).split('-');
    const nextYear = Date.UTC(Number(y) + 1, 0, 1);
    const nextMonth = Date.UTC(Number(y), Number(m), 1);
    if (m === '01' && d === '01' && nextYear <= end) {
      out.push(year(y));
      t = nextYear;
    } else if (d === '01' && nextMonth <= end) {
      out.push(month(y, m));
      t = nextMonth;
    } else {
      out.push(day(y, m, d));
      t += DAY;
    }
  }
  return out;
}

/** The FTS5 expression for a cover, restricted to the dates column. */
export function dateCoverMatch(tokens: string[]): string {
  return `{dates} : (${tokens.map((t) => `"${t}"`).join(' OR ')})`;
}
