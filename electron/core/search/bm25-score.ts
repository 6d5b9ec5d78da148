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
  // In id order: the rows are read in the table's order, nearer each other (a third less time than in the order of their bounds).
  const json = JSON.stringify([...ids].sort((x, y) => x - y));
  const rows = stmts
    .get(
      // The columns' text as UTF-8 bytes in one value, each ended by 0xFF (never a byte of UTF-8):
      // most of it is plain and counted as bytes. For a topic's 2,556 entries at 1M: 33 ms read as
      // four strings joined to their docsize rows; ~10 as one value each, and ~6 for the sizes apart.
      // (SQLite's || makes text of blobs, byte for byte in a UTF-8 archive: the whole is cast back.)
      `SELECT e.id, CAST(${COLUMNS.map((c) => `coalesce(e.${c}, '') || x'ff'`).join(' || ')} AS BLOB) FROM entries e WHERE e.id IN (SELECT value FROM json_each(?))`,
    )
    .raw(true)
    .all(json) as [number, Buffer][];
  const docsizes = new Map(stmts.get('SELECT id, sz FROM entry_index_docsize WHERE id IN (SELECT value FROM json_each(?))').raw(true).all(json) as [number, Buffer][]);
  if (rows.length !== ids.length || docsizes.size !== ids.length) return null;
  const out = new Map<number, number>();
  // Each distinct word's weighted count in this entry, by its place in `terms`.
  const terms = [...new Set(query.words.map((w) => w.term))];
  const place = new Map(terms.map((t, i) => [t, i]));
  const wordPlace = query.words.map((w) => place.get(w.term)!);
  const freq = new Float64Array(terms.length);
  const has = (term: string) => freq[place.get(term) ?? -1]! > 0;
  const plain = plainCounter(terms);
  for (const [id, text] of rows) {
    const sz = docsizes.get(id);
    if (!sz) return null;
    const sizes = varints(sz, 0, sz.length);
    if (sizes.length !== COLUMNS.length + 1) return null;
    freq.fill(0);
    let from = 0;
    for (let c = 0; c < COLUMNS.length; c++) {
      const weight = model.weights[c] ?? 1;
      // Plain text (most entries): its words counted in one pass up to the column's end, no list of them made.
      const words = plain(text, from, freq, weight);
      const to = column.end;
      if (to >= text.length) return null;
      if (words >= 0) {
        if (words !== sizes[c]) return null;
      } else {
        const tokens = tokensOf(foldText(text.toString('utf8', from, to)));
        if (tokens.length !== sizes[c]) return null;
        for (const t of tokens) {
          const at = place.get(t);
          if (at !== undefined) freq[at]! += weight;
        }
      }
      from = to + 1;
    }
    if (!query.matches(has)) {
      out.set(id, -1);
      continue;
    }
    const D = sizes.reduce((a, n) => a + n, 0);
    // The same expression, in the same order, as fts5Bm25Function.
    let score = 0.0;
    for (let w = 0; w < query.words.length; w++) {
      const f = freq[wordPlace[w]!]!;
      score += query.words[w]!.idf * ((f * (K1 + 1.0)) / (f + K1 * (1 - B + (B * D) / model.avgdl)));
    }
    out.set(id, score);
  }
  return out;
}

/**
 * Counts plain text's words (ASCII letters and digits; no-break space and the punctuation of
 * U+2010–U+205E separate words, as they never are in one), in its UTF-8 bytes from `from` up to
 * the 0xFF that ends its column (column.end says where), in one pass, adding each of `terms`
 * (distinct words) times `weight` to its place in `freq` for every time it occurs, and returns the
 * number of words; -1 (freq untouched) as soon as a character is anything else: that text is
 * folded and split as the index does. Such text folds to its lower case as far as its words go
 * (fold-text.ts: ASCII folds one character for one), so no Unicode classes are needed: many times
 * faster than folding letter by letter; the docsize check catches any difference in the words' number.
 */
function plainCounter(terms: readonly string[]): (text: Uint8Array, from: number, freq: Float64Array, weight: number) => number {
  // The query's words by length; a word of the text is compared only with those of its length.
  const byLength: ({ index: number; codes: number[] }[] | undefined)[] = [];
  terms.forEach((term, index) => {
    const codes = [...term].map((ch) => ch.charCodeAt(0));
    if (codes.length === 0 || codes.length !== term.length || !codes.every((c) => c < 0x80 && WORD[c] === c)) return; // never a word of plain text
    (byLength[codes.length] ??= []).push({ index, codes });
  });
  // Many words (a prefix's): each word of the text looked up by its text instead.
  const lookup = terms.length > 8 ? new Map(terms.map((term, index) => [term, index])) : null;
  const counts = new Int32Array(terms.length);
  return (text, from, freq, weight) => {
    counts.fill(0);
    let words = 0;
    let i = from;
    const end = text.length;
    while (i < end) {
      const c = text[i]!;
      if (c >= 0x80) {
        if (c === 0xff) break;
        const width = plainSeparatorAt(text, i, end);
        if (width === 0) {
          while (i < end && text[i] !== 0xff) i++;
          column.end = i;
          return -1;
        }
        i += width;
        continue;
      }
      if (WORD[c] === 0) {
        i++;
        continue;
      }
      const start = i;
      for (i++; i < end; i++) {
        const d = text[i]!;
        if (d >= 0x80 || WORD[d] === 0) break;
      }
      words++;
      const same = byLength[i - start];
      if (!same) continue;
      if (lookup) {
        let word = '';
        for (let j = start; j < i; j++) word += String.fromCharCode(WORD[text[j]!]!);
        const index = lookup.get(word);
        if (index !== undefined) counts[index]!++;
        continue;
      }
      for (const t of same) {
        let j = 0;
        while (j < t.codes.length && WORD[text[start + j]!] === t.codes[j]) j++;
        if (j === t.codes.length) counts[t.index]!++;
      }
    }
    column.end = i;
    for (let index = 0; index < counts.length; index++) if (counts[index]! > 0) freq[index]! += counts[index]! * weight;
    return words;
  };
}

/** Where the column plainCounter last read ends: the offset of its 0xFF (the text's length when it has none). */
const column = { end: 0 };

/**
 * The length in bytes of the UTF-8 character at `i` (before `end`) when it is one plainSeparator
 * allows (U+00A0: C2 A0; U+2010–U+2027 and U+2030–U+205E: E2 80 90–A7, E2 80 B0–BF, E2 81 80–9E), else 0.
 */
export function plainSeparatorAt(text: Uint8Array, i: number, end = text.length): number {
  const a = text[i];
  const b = i + 1 < end ? text[i + 1] : undefined;
  if (a === 0xc2) return b === 0xa0 ? 2 : 0;
  if (a !== 0xe2 || i + 2 >= end) return 0;
  const c = text[i + 2]!;
  if (b === 0x80) return (c >= 0x90 && c <= 0xa7) || (c >= 0xb0 && c <= 0xbf) ? 3 : 0;
  if (b === 0x81) return c >= 0x80 && c <= 0x9e ? 3 : 0;
  return 0;
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
