// Re-anchoring: where does a highlight made on one version of a text sit on another version?
// Pure functions, no database. Offsets are code points (shared/entry-text.ts), and the search
// works on code points too, so an emoji or a Persian letter is one unit, never half of one.
//
// 1. The same span of the new text still reads `exact`: 'position'.
// 2. Otherwise the quote is searched for with a bounded number of edits (Ukkonen's cut-off on
//    Sellers' dynamic programme: O(k·n) for k allowed edits), at most a quarter of the quote's
//    length (and at most 256), as Hypothesis's match-quote does with approx-string-match. Each
//    candidate is scored as Hypothesis scores them: quote similarity 50, prefix 20, suffix 20,
//    closeness to the old position 2. The best is taken: 'fuzzy'.
// 3. Nothing close enough: 'orphaned', kept at its old offsets clamped to the new text, and listed.
import type { AnchorState } from '../../../shared/contract.ts';

export interface QuoteAnchor {
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
}

export interface Anchored {
  state: Exclude<AnchorState, 'exact'>;
  start: number;
  end: number;
}

const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 };
const MAX_ERRORS = 256;
const MAX_CANDIDATES = 64;
const MAX_EXACT = 1000;

export function reanchor(h: QuoteAnchor, newText: string): Anchored {
  const text = codePoints(newText);
  const quote = codePoints(h.exact);
  if (quote.length > 0 && h.end - h.start === quote.length && h.end <= text.length && sameAt(text, quote, h.start)) {
    return { state: 'position', start: h.start, end: h.end };
  }
  const best = quote.length > 0 ? bestMatch(text, quote, codePoints(h.prefix), codePoints(h.suffix), h.start) : null;
  if (best) return { state: 'fuzzy', start: best.start, end: best.end };
  return { state: 'orphaned', ...clamp(h.start, h.end, text.length) };
}

/** The edits a quote may take and still be found: a quarter of its length, at most 256. */
export function maxErrorsFor(quoteLength: number): number {
  return Math.min(MAX_ERRORS, Math.floor(quoteLength / 4));
}

interface Match {
  start: number;
  end: number;
  errors: number;
}

function bestMatch(text: Int32Array, quote: Int32Array, prefix: Int32Array, suffix: Int32Array, hint: number): Match | null {
  const k = maxErrorsFor(quote.length);
  // The quote unchanged somewhere (text added or removed around it) needs no edit distance: a
  // linear scan finds it, and the dynamic programme runs only when it is not there as it was.
  const exact = exactStarts(text, quote);
  const candidates =
    exact.length > 0
      ? exact.map((start) => ({ start, end: start + quote.length, errors: 0 }))
      : approximateEnds(text, quote, k)
          .sort((a, b) => a.errors - b.errors || Math.abs(a.end - hint) - Math.abs(b.end - hint))
          .slice(0, MAX_CANDIDATES)
          .map((c) => ({ ...c, start: matchStart(text, quote, c.end, k) }));
  let best: Match | null = null;
  let bestScore = -1;
  for (const c of candidates.slice(0, exact.length > 0 ? MAX_EXACT : MAX_CANDIDATES)) {
    const start = c.start;
    if (start === null) continue;
    const quoteScore = 1 - c.errors / quote.length;
    const prefixScore = prefix.length === 0 ? 1 : 1 - editDistance(prefix, text.subarray(Math.max(0, start - prefix.length), start)) / prefix.length;
    const suffixScore = suffix.length === 0 ? 1 : 1 - editDistance(suffix, text.subarray(c.end, Math.min(text.length, c.end + suffix.length))) / suffix.length;
    const positionScore = text.length === 0 ? 1 : 1 - Math.abs(start - hint) / text.length;
    const score =
      (WEIGHTS.quote * quoteScore + WEIGHTS.prefix * prefixScore + WEIGHTS.suffix * suffixScore + WEIGHTS.position * positionScore) /
      (WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position);
    if (score > bestScore) {
      bestScore = score;
      best = { start, end: c.end, errors: c.errors };
    }
  }
  return best;
}

/**
 * Ends (exclusive) of the text's substrings within k edits of the pattern, one per run of
 * adjacent ends (the one with fewest edits). Sellers' algorithm with Ukkonen's cut-off.
 */
export function approximateEnds(text: Int32Array, pattern: Int32Array, k: number): { end: number; errors: number }[] {
  const m = pattern.length;
  const c = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) c[i] = i;
  let last = Math.min(k + 1, m);
  const out: { end: number; errors: number }[] = [];
  for (let j = 0; j < text.length; j++) {
    const t = text[j]!;
    let diag = 0; // c[i - 1] of the previous column
    let above = 0; // c[i - 1] of this column (row 0 is free: a match may start anywhere)
    for (let i = 1; i <= last; i++) {
      const left = c[i]!;
      const v = pattern[i - 1] === t ? diag : Math.min(diag, left, above) + 1;
      diag = left;
      c[i] = v;
      above = v;
    }
    while (last > 0 && c[last]! > k) last--;
    if (last === m) {
      const errors = c[m]!;
      const prev = out[out.length - 1];
      if (prev && prev.end === j) {
        if (errors < prev.errors) {
          prev.end = j + 1;
          prev.errors = errors;
        } else if (errors === prev.errors) {
          // keep the earlier end of a tie; a run is still one candidate
        }
        continue;
      }
      out.push({ end: j + 1, errors });
    } else {
      last++;
      // A row just brought into the band starts from "too many edits", as the cut-off assumes.
      if (c[last]! <= k) c[last] = k + 1;
    }
  }
  return out;
}

/** Where the best alignment of the pattern that ends exactly at `end` starts. */
function matchStart(text: Int32Array, pattern: Int32Array, end: number, k: number): number | null {
  const lo = Math.max(0, end - pattern.length - k);
  const m = pattern.length;
  const width = end - lo;
  // Backwards DP: row i = the last i pattern units, column j = the last j text units before `end`.
  let prev = new Int32Array(width + 1);
  let cur = new Int32Array(width + 1);
  for (let j = 0; j <= width; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    const p = pattern[m - i]!;
    for (let j = 1; j <= width; j++) {
      cur[j] = p === text[end - j] ? prev[j - 1]! : Math.min(prev[j - 1]!, prev[j]!, cur[j - 1]!) + 1;
    }
    [prev, cur] = [cur, prev];
  }
  let bestJ = -1;
  for (let j = 0; j <= width; j++) {
    // Fewest edits; among equals the longest span (it keeps a changed first letter inside).
    if (prev[j]! <= k && (bestJ < 0 || prev[j]! <= prev[bestJ]!)) bestJ = j;
  }
  return bestJ <= 0 ? null : end - bestJ;
}

function editDistance(a: Int32Array, b: Int32Array): number {
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! : Math.min(prev[j - 1]!, prev[j]!, cur[j - 1]!) + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

function exactStarts(text: Int32Array, quote: Int32Array): number[] {
  const out: number[] = [];
  const first = quote[0];
  for (let i = text.indexOf(first!); i >= 0 && i + quote.length <= text.length && out.length < MAX_EXACT; i = text.indexOf(first!, i + 1)) {
    if (sameAt(text, quote, i)) out.push(i);
  }
  return out;
}

function sameAt(text: Int32Array, quote: Int32Array, at: number): boolean {
  for (let i = 0; i < quote.length; i++) if (text[at + i] !== quote[i]) return false;
  return true;
}

function clamp(start: number, end: number, length: number): { start: number; end: number } {
  if (length === 0) return { start, end };
  const e = Math.max(1, Math.min(end, length));
  return { start: Math.max(0, Math.min(start, e - 1)), end: e };
}

function codePoints(text: string): Int32Array {
  const out = new Int32Array(text.length);
  let n = 0;
  for (const ch of text) out[n++] = ch.codePointAt(0)!;
  return out.subarray(0, n);
}
