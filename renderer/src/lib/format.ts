// Formatting for display: dates, byte sizes, counts. Plain functions, no locale surprises.
import { languageName } from '../../../shared/language-names.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2021-08-23" → "23 Aug 2021"; partial dates ("2021-08", "2021") are shown as far as known. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  const month = mo ? MONTHS[Number(mo) - 1] : undefined;
  if (d && month) return `${Number(d)} ${month} ${y}`;
  if (month) return `${month} ${y}`;
  return y ?? iso;
}

/** "2021-08" → "Aug 2021". */
export function formatMonth(yyyyMm: string): string {
  return formatDate(yyyyMm);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return `${(n / (1024 * 1024 * 1024)).toFixed(2)} GB`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** The last day of a yyyy-mm month as yyyy-mm-dd. */
export function monthEnd(yyyyMm: string): string {
  const [y, m] = yyyyMm.split('-').map(Number);
  const last = new Date(Date.UTC(y ?? 1970, m ?? 1, 0)).getUTCDate();
  return `${yyyyMm}-${String(last).padStart(2, '0')}`;
}

/** A facet value as a person reads it: months as "Aug 2021", language codes as "English" (the names `lang:` takes). */
export function facetLabel(facet: string, value: string, label: string): string {
  if (facet === 'month' && /^\d{4}-\d{2}$/.test(value)) return formatMonth(value);
  if (facet === 'language' && /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/.test(value) && (label === '' || label === value)) return languageName(value);
  return label || value;
}
