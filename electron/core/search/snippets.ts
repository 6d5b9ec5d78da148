// Snippets cut from the ORIGINAL body: matches are found in the folded text and mapped back, so
// highlight spans point at the characters the user sees (Persian letters, accents and all).
import type { HighlightSpan } from '../../../shared/contract.ts';
import type { HighlightTerm } from './compile-query.ts';
import { foldWithMap, TOKEN_RE } from './fold-text.ts';

const WINDOW = 220;
/** Snippets look for matches in the first part of very long bodies only (a whole file imported as one entry). */
const SCAN_LIMIT = 20_000;

interface Match {
  start: number;
  end: number;
  variant?: string;
}

/** Every occurrence of the terms in `text`, as original-text spans. */
export function findMatches(text: string, terms: readonly HighlightTerm[]): Match[] {
  if (terms.length === 0 || text === '') return [];
  const out = matchesIn(text, text, terms);
  // The parts of ZWNJ-joined words are indexed too (fold-text.ts): look for them with ZWNJ read
  // as a space (same length, so offsets still point into the original).
  if (text.includes('\u200c')) out.push(...matchesIn(text, text.replace(/\u200c/g, ' '), terms));
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  // Drop overlaps (a phrase and its own words): keep the earliest, longest.
  const kept: Match[] = [];
  for (const m of out) {
    const prev = kept[kept.length - 1];
    if (prev && m.start < prev.end) continue;
    kept.push(m);
  }
  return kept;
}

const TOKEN_CHAR = /[\p{L}\p{N}\p{Co}\p{Mc}\p{Mn}]/u;
/** The index's words, read from a given position (`lastIndex` is set before each use). */
const WORD_AT = new RegExp(TOKEN_RE.source, 'gu');

/** Whether the character ending just before `at` is a token character (so `at` is inside a word). */
function wordBefore(text: string, at: number): boolean {
  if (at <= 0) return false;
  const low = text.charCodeAt(at - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && at >= 2 ? at - 2 : at - 1;
  return TOKEN_CHAR.test(String.fromCodePoint(text.codePointAt(start) ?? 0));
}

/**
 * Occurrences of the terms in `view` (the original text, or it with ZWNJ read as a space), as
 * spans of `text`. Each term's first word is looked up with indexOf in the folded text, and only
 * there are the words read: tokenizing every body cost ~0.2 ms per snippet.
 */
function matchesIn(text: string, view: string, terms: readonly HighlightTerm[]): Match[] {
  const { folded, map } = foldWithMap(view);
  const origEnd = (foldedEnd: number) => {
    const o = map[foldedEnd - 1] ?? 0;
    const code = text.codePointAt(o) ?? 0;
    return o + (code > 0xffff ? 2 : 1);
  };
  const re = WORD_AT;
  const out: Match[] = [];
  for (const term of terms) {
    const n = term.tokens.length;
    const head = term.tokens[0];
    if (n === 0 || !head) continue;
    for (let at = folded.indexOf(head); at >= 0; at = folded.indexOf(head, at + 1)) {
      if (wordBefore(folded, at)) continue;
      re.lastIndex = at;
      let ok = true;
      let end = at;
      for (let k = 0; k < n && ok; k++) {
        const m = re.exec(folded);
        const want = term.tokens[k] as string;
        if (!m || (k === 0 && m.index !== at)) {
          ok = false;
          break;
        }
        ok = k === n - 1 && term.prefix ? m[0].startsWith(want) : m[0] === want;
        end = m.index + m[0].length;
      }
      if (ok) out.push({ start: map[at] ?? 0, end: origEnd(end), variant: term.variant });
    }
  }
  return out;
}

export interface Snippet {
  snippet: string;
  snippetHighlights: HighlightSpan[];
  matchedVariants: string[];
}

export function makeSnippet(title: string, body: string, terms: readonly HighlightTerm[]): Snippet {
  const matches = findMatches(body.length > SCAN_LIMIT ? body.slice(0, SCAN_LIMIT) : body, terms);
  const variants = new Set<string>();
  for (const m of [...matches, ...findMatches(title, terms)]) if (m.variant) variants.add(m.variant);
  // The window holding the most matches, starting a little before its first one.
  let bestStart = 0;
  let bestCount = 0;
  for (let i = 0; i < matches.length; i++) {
    const from = (matches[i] as Match).start;
    let count = 0;
    for (let j = i; j < matches.length && (matches[j] as Match).end <= from + WINDOW - 40; j++) count++;
    if (count > bestCount) {
      bestCount = count;
      bestStart = from;
    }
  }
  let start = matches.length === 0 ? 0 : Math.max(0, bestStart - 40);
  let end = Math.min(body.length, start + WINDOW);
  // Whole words at both ends.
  if (start > 0) {
    const space = body.indexOf(' ', start);
    if (space >= 0 && space < bestStart) start = space + 1;
  }
  if (end < body.length) {
    const space = body.lastIndexOf(' ', end);
    if (space > start + WINDOW / 2) end = space;
  }
  const lead = start > 0 ? '…' : '';
  const tail = end < body.length ? '…' : '';
  const snippet = lead + body.slice(start, end).replace(/[\r\n\t]/g, ' ') + tail;
  const snippetHighlights = matches
    .filter((m) => m.start >= start && m.end <= end)
    .map((m) => ({ start: m.start - start + lead.length, end: m.end - start + lead.length }));
  return { snippet, snippetHighlights, matchedVariants: [...variants] };
}
