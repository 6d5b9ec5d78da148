// Arabic-script light stemming for search, on FOLDED words (fold-text.ts has already made ي/ى → ی,
// ك → ک, ة → ه, أ/إ/آ → ا and dropped harakat, tatweel and ZWNJ: Lucene's ArabicNormalizer and
// PersianNormalizer steps). The affixes follow Lucene's ArabicStemmer (Larkey's light10: the
// article and its proclitic forms وال بال کال فال لل, the conjunction و; suffixes ها ان ات ون ین یه ه ی)
// with the brief's additions (the proclitics ف ب ل, pronoun suffixes هم هما کم نا, Persian plural
// and ezafe ها های هایی ای یی).
//
// Lucene stems both sides to one key, which makes سودان (Sudan) and سود (black, profit) one word.
// Here the two sides differ on purpose:
//  - an indexed word has CORES: itself, itself without its proclitics, and each of those without
//    its suffixes (one or two, peeled one at a time);
//  - a query word has BASES: itself and itself without its proclitics (and without a Persian plural
//    ها/های/هایی or the plural ات, which are not the end of a name);
// and an indexed word matches when one of its cores IS one of the query's bases. The word typed is
// taken as the stem: سودان finds السودان, والسودان, سودانها, never سود; کتاب finds کتابها, الکتاب.
// No core or base is ever shorter than MIN_STEM letters, so وقت never becomes قت nor بحر حر.

/** The shortest stem any rule may leave (Arabic roots have three letters). */
export const MIN_STEM = 3;

/** One proclitic, the article with its own (وال بال کال فال لل), or a conjunction before either (وللسودان, فبالسودان). */
const SINGLE_PREFIXES = ['وال', 'بال', 'کال', 'فال', 'لل', 'ال', 'و', 'ف', 'ب', 'ل'];
const PREFIXES = [...SINGLE_PREFIXES, ...['و', 'ف'].flatMap((c) => ['بال', 'کال', 'لل', 'ب', 'ل'].map((p) => c + p))];

/** Suffixes, longest first. ة is already ه and ية is یه after folding. */
const SUFFIXES = ['هایی', 'های', 'هما', 'کما', 'ها', 'هم', 'هن', 'کم', 'نا', 'ان', 'ات', 'ون', 'ین', 'یه', 'ای', 'یی', 'ه', 'ی'];

/** Suffixes taken off the query word too: plurals, which no name or base word ends in by chance. */
const QUERY_SUFFIXES = ['هایی', 'های', 'ها', 'ات'];

/** How many suffixes an indexed word may lose (سودانیین: ین then ی). */
const SUFFIX_DEPTH = 2;

/** Folded Arabic-script letters only (digits are folded to ASCII, so a word with one is not here). */
const ARABIC_WORD = /^[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f]+$/u;

/** Whether the folded word is one the Arabic-script rules apply to (Arabic letters, long enough to stem). */
export function isArabicScriptWord(word: string): boolean {
  return word.length >= MIN_STEM && ARABIC_WORD.test(word);
}

/** The proclitics the word may start with, each leaving at least MIN_STEM letters. */
export function prefixesOf(word: string): string[] {
  return PREFIXES.filter((p) => word.startsWith(p) && word.length - p.length >= MIN_STEM);
}

/** The word and the word without each proclitic it may carry. */
function starts(word: string): string[] {
  return [word, ...prefixesOf(word).map((p) => word.slice(p.length))];
}

/** The forms a suffix can be peeled down to (not the word itself). */
function peeled(word: string, suffixes: readonly string[], depth: number, out: Set<string>): void {
  if (depth === 0) return;
  for (const s of suffixes) {
    if (!word.endsWith(s) || word.length - s.length < MIN_STEM) continue;
    const stem = word.slice(0, -s.length);
    out.add(stem);
    // A feminine ending is written ت before a suffix (مدینتها is مدینه + ها).
    if (stem.endsWith('ت')) out.add(`${stem.slice(0, -1)}ه`);
    peeled(stem, suffixes, depth - 1, out);
  }
}

/** The cores of an indexed word: what it may be a form of. */
export function coresOf(word: string): Set<string> {
  const out = new Set<string>();
  if (!isArabicScriptWord(word)) return out;
  for (const s of starts(word)) {
    out.add(s);
    peeled(s, SUFFIXES, SUFFIX_DEPTH, out);
  }
  return out;
}

/** The bases of a query word: what the user means by it. Empty for words the rules do not apply to. */
export function basesOf(word: string): string[] {
  if (!isArabicScriptWord(word)) return [];
  const out = new Set<string>();
  for (const s of starts(word)) {
    out.add(s);
    peeled(s, QUERY_SUFFIXES, 1, out);
  }
  return [...out];
}

/** Whether an indexed word is a form of the query word under the rules above. */
export function isFormOf(indexed: string, query: string): boolean {
  const cores = coresOf(indexed);
  return basesOf(query).some((b) => cores.has(b));
}

/** The beginnings an indexed form of `base` can have: the base itself or a proclitic and the base. */
export function formBeginnings(base: string): string[] {
  return ['', ...PREFIXES].map((p) => p + base);
}
