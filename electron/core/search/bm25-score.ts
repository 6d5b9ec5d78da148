// FTS5's bm25 (sqlite3.c, fts5Bm25Function) computed here for a few entries at a time, so that
// proving a top (top-k.ts) does not cost FTS5's per-statement work: before scoring one row, FTS5
// counts every match of every phrase of the query for its document frequency (about 140 ms for a
// word in 60% of a million entries), and the candidates can only be picked out of a scan of the
// whole match set. Here the document frequencies come from the search statistics, the row count
// and average length from the index's own averages record, each entry's length from its docsize
// row, and the word counts from the entry's text folded and split as the index does
// (fold-text.ts). An entry whose token counts differ from its docsize row makes the whole answer
// null: the caller then asks FTS5.
import { foldText, tokensOf } from './fold-text.ts';
import type { StatementCache } from './search-plan.ts';

const K1 = 1.2;
const B = 0.75;
/** The indexed columns a query word can be in, in the index's order (the fifth, `dates`, holds only date words). */
const COLUMNS = ['title', 'body', 'author', 'outlet'] as const;

export interface Bm25Model {
  nRow: number;
  avgdl: number;
  /** The rank function's column weights (title, body, author, outlet, dates). */
  weights: number[];
}

/** The index's row count, average row length and rank weights; null when they cannot be read. */
export function loadModel(stmts: StatementCache): Bm25Model | null {
  const block = (stmts.get('SELECT block FROM entry_index_data WHERE id = 1').get() as { block: Buffer } | undefined)?.block;
  const rank = (stmts.get(`SELECT v FROM entry_index_config WHERE k = 'rank'`).get() as { v: string } | undefined)?.v;
  if (!block || !rank) return null;
  const fn = /^bm25\(([^)]*)\)$/.exec(rank.trim());
  if (!fn) return null;
  const weights = (fn[1] ?? '').split(',').map((w) => Number(w.trim()));
  // A word column of weight 0 would match without counting: not worth telling apart here.
  if (weights.length !== COLUMNS.length + 1 || weights.some((w, i) => !Number.isFinite(w) || (i < COLUMNS.length && w <= 0))) return null;
  const values = varints(block, 0, block.length);
  const [nRow, ...totals] = values;
  if (nRow === undefined || nRow <= 0 || totals.length !== COLUMNS.length + 1) return null;
  return { nRow, avgdl: totals.reduce((a, t) => a + t, 0) / nRow, weights };
}

/** FTS5's idf for a word in `docs` of `nRow` entries (clamped as it does). */
export function idf(model: Bm25Model, docs: number): number {
  const value = Math.log((model.nRow - docs + 0.5) / (docs + 0.5));
  return value <= 0 ? 1e-6 : value;
}

export interface Scorable {
  /** Every word of the query in FTS5's phrase order, with its idf (a word the entry lacks adds 0). */
  words: { term: string; idf: number }[];
  /** Whether an entry with these words matches the query. */
  matches(has: (term: string) => boolean): boolean;
}

/**
 * Each entry's bm25 score as FTS5 gives it (as a positive number), or -1 when it does not match;
 * null when an entry's text does not split into the token counts its docsize row holds.
 */
export function scoreEntries(ids: number[], query: Scorable, model: Bm25Model, stmts: StatementCache): Map<number, number> | null {
  const rows = stmts
    .get(
      `SELECT e.id, e.title, e.body, e.author, e.outlet, d.sz FROM entries e JOIN entry_index_docsize d ON d.id = e.id
        WHERE e.id IN (SELECT value FROM json_each(?))`,
    )
    // In id order: the rows are read in the table's order, nearer each other (a third less time than in the order of their bounds).
    .all(JSON.stringify([...ids].sort((x, y) => x - y))) as { id: number; title: string; body: string; author: string | null; outlet: string | null; sz: Buffer }[];
  if (rows.length !== ids.length) return null;
  const out = new Map<number, number>();
  const plain = plainCounter(query.words.map((w) => w.term));
  for (const row of rows) {
    const sizes = varints(row.sz, 0, row.sz.length);
    if (sizes.length !== COLUMNS.length + 1) return null;
    const freq = new Map<string, number>();
    for (const w of query.words) freq.set(w.term, 0);
    for (let c = 0; c < COLUMNS.length; c++) {
      const text = row[COLUMNS[c]!] ?? '';
      const weight = model.weights[c] ?? 1;
      // Plain text (most entries): its words counted in one pass, no list of them made.
      const words = plain(text, freq, weight);
      if (words >= 0) {
        if (words !== sizes[c]) return null;
        continue;
      }
      const tokens = tokensOf(foldText(text));
      if (tokens.length !== sizes[c]) return null;
      for (const t of tokens) {
        const f = freq.get(t);
        if (f !== undefined) freq.set(t, f + weight);
      }
    }
    if (!query.matches((term) => (freq.get(term) ?? 0) > 0)) {
      out.set(row.id, -1);
      continue;
    }
    const D = sizes.reduce((a, n) => a + n, 0);
    // The same expression, in the same order, as fts5Bm25Function.
    let score = 0.0;
    for (const w of query.words) {
      const f = freq.get(w.term) ?? 0;
      score += w.idf * ((f * (K1 + 1.0)) / (f + K1 * (1 - B + (B * D) / model.avgdl)));
    }
    out.set(row.id, score);
  }
  return out;
}

/**
 * Counts plain text's words (ASCII letters and digits; no-break space and the punctuation of
 * U+2010–U+205E separate words, as they never are in one) in one pass, adding each query word's
 * occurrences times `weight` to `freq`, and returns the number of words; -1 (freq untouched) as
 * soon as a character is anything else: that text is folded and split as the index does. Such
 * text folds to its lower case as far as its words go (fold-text.ts: ASCII folds one character
 * for one), so no Unicode classes are needed: many times faster than folding letter by letter; the
 * docsize check catches any difference in the words' number.
 */
function plainCounter(terms: readonly string[]): (text: string, freq: Map<string, number>, weight: number) => number {
  // The query's words by length; a word of the text is compared only with those of its length.
  const byLength: ({ index: number; codes: number[] }[] | undefined)[] = [];
  const distinct = [...new Set(terms)];
  distinct.forEach((term, index) => {
    const codes = [...term].map((ch) => ch.charCodeAt(0));
    if (codes.length === 0 || codes.length !== term.length || !codes.every((c) => c < 0x80 && WORD[c] === c)) return; // never a word of plain text
    (byLength[codes.length] ??= []).push({ index, codes });
  });
  // Many words (a prefix's): each word of the text looked up by its text instead.
  const lookup = distinct.length > 8 ? new Map(distinct.map((term, index) => [term, index])) : null;
  const counts = new Array<number>(distinct.length).fill(0);
  return (text, freq, weight) => {
    counts.fill(0);
    let words = 0;
    const end = text.length;
    let i = 0;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c >= 0x80 || WORD[c] === 0) {
        if (c >= 0x80 && !plainSeparator(c)) return -1;
        i++;
        continue;
      }
      const start = i;
      for (i++; i < end; i++) {
        const d = text.charCodeAt(i);
        if (d >= 0x80 || WORD[d] === 0) break;
      }
      words++;
      const same = byLength[i - start];
      if (!same) continue;
      if (lookup) {
        const index = lookup.get(text.slice(start, i).toLowerCase());
        if (index !== undefined) counts[index]!++;
        continue;
      }
      for (const t of same) {
        let j = 0;
        while (j < t.codes.length && WORD[text.charCodeAt(start + j)] === t.codes[j]) j++;
        if (j === t.codes.length) counts[t.index]!++;
      }
    }
    distinct.forEach((term, index) => {
      if (counts[index]! > 0) freq.set(term, (freq.get(term) ?? 0) + counts[index]! * weight);
    });
    return words;
  };
}

/**
 * For each ASCII code, the code it folds to when it is a word character, else 0: in plain text
 * the index's words (unicode61, categories L* N* Co Mc Mn) are the runs of ASCII letters and
 * digits, capitals folded to small letters.
 */
export const WORD = new Uint8Array(0x80);
for (let c = 0; c < 0x80; c++) WORD[c] = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) ? c : c >= 65 && c <= 90 ? c + 32 : 0;

/**
 * The characters past ASCII that plain text may hold and still be split as ASCII is: separators to
 * unicode61 (the no-break space and most of General Punctuation: dashes, quotes, bullets). Any other
 * character past ASCII sends the text to the full fold (fold-text.ts).
 */
export const plainSeparator = (c: number): boolean => c === 0xa0 || (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205e);

/** SQLite's varints (big-endian, seven bits a byte, the ninth byte whole), as FTS5 writes its records. */
export function varints(buf: Uint8Array, from: number, to: number): number[] {
  const out: number[] = [];
  let i = from;
  while (i < to) {
    let v = 0;
    let n = 0;
    for (;;) {
      const byte = buf[i++] ?? 0;
      if (n === 8) {
        v = v * 256 + byte;
        break;
      }
      v = v * 128 + (byte & 0x7f);
      n++;
      if ((byte & 0x80) === 0 || i >= to) break;
    }
    out.push(v);
  }
  return out;
}
