// Folding for matching: the index holds folded text, the entries table keeps the original.
// Case, Latin diacritics, Arabic-script letter variants (Persian vs Arabic keyboards), harakat,
// tatweel and ZWNJ are folded; CJK, kana and Thai letters are spaced apart so each becomes one
// token and a phrase of them matches any substring (scripts without spaces).
// The SQL function quire_fold and the snippet code both use this file, so they always agree.

const ARABIC_MAP: Record<string, string> = {
  '\u064A': '\u06CC', // ي → ی
  '\u0649': '\u06CC', // ى → ی
  '\u0626': '\u06CC', // ئ → ی
  '\u06D2': '\u06CC', // ے → ی
  '\u0643': '\u06A9', // ك → ک
  '\u0629': '\u0647', // ة → ه
  '\u06C0': '\u0647', // ۀ → ه
  '\u06C1': '\u0647', // ہ → ه
  '\u0623': '\u0627', // أ → ا
  '\u0625': '\u0627', // إ → ا
  '\u0622': '\u0627', // آ → ا
  '\u0671': '\u0627', // ٱ → ا
  '\u0624': '\u0648', // ؤ → و
};

/** Characters removed for matching: harakat, superscript alef, tatweel, ZWNJ/ZWJ, soft hyphen, Hebrew points. */
function isDropped(code: number): boolean {
  return (
    (code >= 0x064b && code <= 0x065f) ||
    code === 0x0670 ||
    code === 0x0640 ||
    code === 0x200c ||
    code === 0x200d ||
    code === 0x00ad ||
    (code >= 0x0591 && code <= 0x05c7 && code !== 0x05be && code !== 0x05c0 && code !== 0x05c3 && code !== 0x05c6)
  );
}

/** Scripts written without spaces between words: each letter becomes its own token. */
export function isUnspacedLetter(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) || // CJK unified
    (code >= 0x3400 && code <= 0x4dbf) || // CJK extension A
    (code >= 0xf900 && code <= 0xfaff) || // CJK compatibility
    (code >= 0x20000 && code <= 0x2ffff) || // CJK extensions B+
    (code >= 0x3040 && code <= 0x30ff) || // hiragana, katakana
    (code >= 0x31f0 && code <= 0x31ff) ||
    (code >= 0x0e01 && code <= 0x0e30) || // Thai consonants and leading vowels
    (code >= 0x0e32 && code <= 0x0e33) ||
    (code >= 0x0e40 && code <= 0x0e46) ||
    (code >= 0x0e81 && code <= 0x0eb0) // Lao
  );
}

const MARK = /\p{M}/gu;
const cache = new Map<string, string>();

function foldChar(ch: string, code: number): string {
  if (code < 0x80) return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : ch;
  if (isDropped(code)) return '';
  const arabic = ARABIC_MAP[ch];
  if (arabic !== undefined) return arabic;
  if (code >= 0x0660 && code <= 0x0669) return String.fromCharCode(code - 0x0660 + 0x30); // Arabic-Indic digits
  if (code >= 0x06f0 && code <= 0x06f9) return String.fromCharCode(code - 0x06f0 + 0x30); // Persian digits
  if (isUnspacedLetter(code)) return ` ${ch} `;
  let folded = cache.get(ch);
  if (folded === undefined) {
    // Only strip marks a letter decomposes into (é → e); standalone marks (Thai, Devanagari) stay.
    const lower = ch.toLowerCase();
    const nfd = lower.normalize('NFD');
    folded = nfd.length > lower.length ? nfd.replace(MARK, '') || lower : lower;
    if (folded === 'ß') folded = 'ss';
    if (cache.size < 50_000) cache.set(ch, folded);
  }
  return folded;
}

/** foldChar's answer per UTF-16 unit (characters outside the BMP are folded each time: rare). */
const BMP_FOLDS: (string | undefined)[] = new Array<string | undefined>(0x10000);

/** The folding of the character at `i` of `text` (code point `code`, `width` units), from BMP_FOLDS or filling it. */
function foldAt(text: string, i: number, code: number, width: number): string {
  let f = width === 1 ? BMP_FOLDS[code] : undefined;
  if (f === undefined) {
    f = foldChar(text.slice(i, i + width), code);
    if (width === 1) BMP_FOLDS[code] = f;
  }
  return f;
}

const NEEDS_WORK = /[^\x00-\x40\x5b-\x7f]/; // anything but ASCII without capitals
const NON_ASCII = /[^\x00-\x7f]/;

/** Folded text for query terms (and the joined form of ZWNJ words in the index). */
export function foldPlain(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  // ASCII folds to its lower case, one character for one: every English title and body of an
  // import came here for its capitals and went one character at a time (a string per character).
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  // Other text: each UTF-16 unit's folding from the table foldWithMap fills, and the runs of
  // units that fold to themselves copied whole. Appending every character made the folded body a
  // rope of one piece per character, which the import's message to the writer then flattened
  // (1 s of the prepare thread at 20,000 entries: most English bodies hold a '…' or a '’').
  let out = '';
  let run = 0;
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i) ?? 0;
    const width = code > 0xffff ? 2 : 1;
    const f = foldAt(text, i, code, width);
    if (width === 1 && f.length === 1 && f.charCodeAt(0) === code) {
      i++;
      continue;
    }
    if (run < i) out += text.slice(run, i);
    out += f;
    i += width;
    run = i;
  }
  return run === 0 ? text : run < text.length ? out + text.slice(run) : out;
}

/** foldPlain one character at a time, with no table and no shortcut: what foldPlain must equal (fold-text.test.ts). */
export function foldPlainByChar(text: string): string {
  let out = '';
  for (const ch of text) out += foldChar(ch, ch.codePointAt(0) ?? 0);
  return out;
}

const ZWNJ_WORD = /[^\s\u200c]*\u200c[^\s]*/gu;

/**
 * Folded text for the index. A Persian word joined to a suffix by ZWNJ (درباره‌ی) is indexed in
 * place as one word (ZWNJ dropped, so typing it with or without ZWNJ matches), and its parts are
 * appended after the text, so searching the bare word (درباره) finds it too.
 */
export function foldText(text: string): string {
  const folded = foldPlain(text);
  if (!text.includes('\u200c')) return folded;
  const parts = (text.match(ZWNJ_WORD) ?? []).map((w) => foldPlain(w.replace(/\u200c/g, ' ')));
  return parts.length > 0 ? `${folded}\n${parts.join(' ')}` : folded;
}

export interface FoldedText {
  folded: string;
  /** map[i] is the offset in the original of folded character i; map[folded.length] = original length. */
  map: Int32Array;
}

/** Folded text with a map back to original offsets, for snippets and highlight spans. */
export function foldWithMap(text: string): FoldedText {
  if (!NON_ASCII.test(text)) {
    // ASCII folds to its lower case, one character for one: the map is the identity (snippets
    // of English text took 0.2 ms each through the general path below).
    const map = new Int32Array(text.length + 1);
    for (let i = 0; i <= text.length; i++) map[i] = i;
    return { folded: text.toLowerCase(), map };
  }
  // Other text: each UTF-16 unit's folding looked up in a table filled as characters are met, and
  // the text built by concatenation (Persian snippets spent 8 ms of a 65 ms search folding through
  // an array of strings and an array of numbers).
  let map = new Int32Array(text.length + 16);
  let folded = '';
  let n = 0;
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i) ?? 0;
    const width = code > 0xffff ? 2 : 1;
    const f = foldAt(text, i, code, width);
    if (n + f.length >= map.length) {
      const grown = new Int32Array(2 * map.length + f.length);
      grown.set(map);
      map = grown;
    }
    folded += f;
    for (let j = 0; j < f.length; j++) map[n++] = i;
    i += width;
  }
  map[n] = text.length;
  return { folded, map: map.slice(0, n + 1) };
}

/** Token characters, as configured for the FTS5 tokenizer (unicode61 categories 'L* N* Co Mc Mn'). */
export const TOKEN_RE = /[\p{L}\p{N}\p{Co}\p{Mc}\p{Mn}]+/gu;

/** The index tokens of already folded text. */
export function tokensOf(folded: string): string[] {
  return folded.match(TOKEN_RE) ?? [];
}

/** Folds then tokenizes a piece of query text. */
export function queryTokens(text: string): string[] {
  return tokensOf(foldPlain(text.normalize('NFC')));
}

/** The folded fields the search index stores for one entry. */
export interface FoldedFields {
  title: string;
  body: string;
  author: string | null;
  outlet: string | null;
}

export function foldFields(e: { title: string; body: string; author: string | null; outlet: string | null }): FoldedFields {
  return { title: foldText(e.title), body: foldText(e.body), author: e.author === null ? null : foldText(e.author), outlet: e.outlet === null ? null : foldText(e.outlet) };
}
