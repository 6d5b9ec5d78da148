// Dates from metadata (ISO 8601, RFC 2822 mail/WARC headers, unix timestamps, or a date as a page
// prints it) as ISO yyyy-mm-dd, the day as written (no shift to UTC).
import { parseDate } from '../split/parse-date.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const pad = (n: number) => String(n).padStart(2, '0');

function valid(y: number, m: number, d: number): string | null {
  if (y < 1800 || y > 2199 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

export function fromUnix(seconds: number): string | null {
  if (!Number.isFinite(seconds) || seconds <= 0) return null;
  const ms = seconds > 1e11 ? seconds : seconds * 1000;
  const d = new Date(ms);
  return valid(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function normalizeDate(value: unknown): string | null {
  if (typeof value === 'number') return fromUnix(value);
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (!s) return null;
  if (/^\d{9,13}(\.\d+)?$/u.test(s)) return fromUnix(Number(s));
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]|$)/u.exec(s);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})(?:\d{6})?$/u.exec(s);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  // RFC 2822: "Tue, 3 Mar 2020 10:00:00 +0100"
  m = /^(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})/u.exec(s);
  if (m) {
    const month = MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
    if (month > 0) return valid(Number(m[3]), month, Number(m[1]));
  }
  return parseDate(s.replace(/\s+\d{1,2}:\d{2}(:\d{2})?(\s*[AaPp][Mm])?(\s*[A-Z]{2,4}|\s*[+-]\d{4})?$/u, '')) ?? null;
}
