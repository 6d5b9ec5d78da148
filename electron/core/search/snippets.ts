// Snippets cut from the ORIGINAL body: matches are found in the folded text and mapped back, so
// highlight spans point at the characters the user sees (Persian letters, accents and all).
import type { HighlightSpan } from '../../../shared/contract.ts';
import type { HighlightTerm } from './compile-query.ts';
import { foldWithMap, TOKEN_RE } from './fold-text.ts';

const WINDOW = 220;
/** Snippets look for matches in the first part of very long bodies only (a whole file imported as one entry). */
const SCAN_LIMIT = 20_000;

interface Token {
  text: string;
  start: number;
  end: number;
}

function tokenize(folded: string): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(folded); m; m = TOKEN_RE.exec(folded)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

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

function matchesIn(text: string, view: string, terms: readonly HighlightTerm[]): Match[] {
  const { folded, map } = foldWithMap(view);
  const tokens = tokenize(folded);
  const origEnd = (foldedEnd: number) => {
    const o = map[foldedEnd - 1] ?? 0;
    const code = text.codePointAt(o) ?? 0;
    return o + (code > 0xffff ? 2 : 1);
  };
  const out: Match[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const term of terms) {
      const n = term.tokens.length;
      if (n === 0 || i + n > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < n && ok; k++) {
        const tok = (tokens[i + k] as Token).text;
        const want = term.tokens[k] as string;
        ok = k === n - 1 && term.prefix ? tok.startsWith(want) : tok === want;
      }
      if (!ok) continue;
      const first = tokens[i] as Token;
      const last = tokens[i + n - 1] as Token;
      out.push({ start: map[first.start] ?? 0, end: origEnd(last.end), variant: term.variant });
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
