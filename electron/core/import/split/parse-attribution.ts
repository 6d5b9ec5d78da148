// An attribution opening a post's body: `Name, Outlet, Month DD YYYY:…`, `Outlet, Place, Month DD
// YYYY:…` or `Outlet, Month DD YYYY:…` (scraped digests write `:…`, `:..` or `:` after the date).
// Rule, kept simple on purpose: one part before the date is the outlet; two or more parts are
// (author, outlet) unless the second part is a known place, in which case the first is the outlet.
// When the words before the date are the post's own title, there is no author or outlet.
import { isKnownPlace } from './known-places.ts';
import { type DateOptions, parseDate } from './parse-date.ts';

export interface Attribution {
  author: string | null;
  outlet: string | null;
  date: string;
}

const MAX_HEAD = 220;
const MAX_PART_WORDS = 8;

function normalized(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** The longest run of trailing words of `head` that is a date, with where it starts. */
function trailingDate(head: string, options: DateOptions): { date: string; at: number } | null {
  if (!/[\d\u0660-\u0669\u06F0-\u06F9](?:\s*(?:г\.?|года|日))?\)?$/u.test(head)) return null; // dates here end with a number
  const starts = [...head.matchAll(/\S+/gu)].map((m) => m.index);
  for (let n = Math.min(7, starts.length); n >= 1; n--) {
    const at = starts[starts.length - n]!;
    const date = parseDate(head.slice(at).replace(/^[([]/u, ''), options);
    if (date) return { date, at };
  }
  return null;
}

export function parseAttribution(firstLine: string, title: string, options: DateOptions = {}): Attribution | null {
  const scope = firstLine.slice(0, MAX_HEAD);
  for (const colon of scope.matchAll(/\s*[:：]|\s+[–—]\s/gu)) {
    const after = firstLine.slice(colon.index + colon[0].length);
    if (!/^(?:…|\.{2,}|\s|$|[-–—])/u.test(after) && /[:：]/u.test(colon[0])) continue; // `12:30` is a time, not an attribution
    const head = firstLine.slice(0, colon.index).trimEnd();
    const found = trailingDate(head, options);
    if (!found) continue;
    const before = head.slice(0, found.at);
    const names = before.replace(/[\s,–—|-]+$/u, '').trim();
    if (names.length > 0 && !/[,–—|-]\s*$/u.test(before)) continue; // "…met on August 23 2021:" is prose
    if (names.length === 0) return { author: null, outlet: null, date: found.date };
    const nt = normalized(title);
    const nn = normalized(names);
    if (nt.length > 0 && (nt.startsWith(nn) || nn.startsWith(nt))) return { author: null, outlet: null, date: found.date };
    const parts = names.split(',').map((p) => p.trim()).filter(Boolean);
    if (parts.length === 0 || parts.length > 4) continue;
    if (parts.some((p) => p.split(/\s+/u).length > MAX_PART_WORDS || (/[.!?]$/u.test(p) && !/\b[A-Z]\.$/u.test(p)))) continue;
    const [a, b] = parts as [string, string | undefined];
    if (b === undefined || isKnownPlace(b)) return { author: null, outlet: a, date: found.date };
    return { author: a, outlet: b, date: found.date };
  }
  return null;
}
