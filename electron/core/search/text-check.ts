// Whether entries match an AND of phrases, read off their own text. The index answers the same
// question for a list of entries (`rowid IN (...)`), but FTS5 sets the whole query up again for
// each of them: ~200-300 µs an entry at 1M for a phrase with a common word ("the government"),
// where reading an entry's row and walking its ~200 words takes ~25 µs. The text is split as the
// index split it: plain ASCII in one pass (a word is a run of letters and digits, folded to small
// letters), any other text folded and split as the import does (fold-text.ts, as bm25-score.ts
// does to score); a column whose word count differs from the index's docsize row (text indexed
// under other rules) leaves the entry to the index, so the answer is the index's own either way.
import { plainSeparator, varints, WORD } from './bm25-score.ts';
import type { MatchTree } from './compile-query.ts';
import { foldText, tokensOf } from './fold-text.ts';
import type { StatementCache } from './search-plan.ts';

/** An AND of phrases: the distinct words, and each phrase as indexes into them. */
export interface PhraseQuery {
  words: string[];
  phrases: number[][];
}

/** The text columns of the index, in its order (the fifth, `dates`, holds only date words, which no plain word can be). */
const COLUMNS = ['title', 'body', 'author', 'outlet'] as const;

/** The query words read off the text: small ASCII letters and digits, which plainWords compares code for code. */
const PLAIN = /^[a-z0-9]+$/;

/**
 * The phrases every match holds when the compiler's tree of a match (CompiledQuery.tree) is an
 * AND of words and phrases of plain ASCII words (`"the government"`, `("government") AND
 * ("policy")`) and nothing else; null for any other shape (OR, NOT, an AND inside an AND, columns,
 * NEAR, and no tree: prefixes, date words) or a word outside ASCII (Arabic-script words come
 * with their other forms as an OR anyway).
 */
export function andOfPhrases(tree: MatchTree | null): PhraseQuery | null {
  if (!tree) return null;
  const words: string[] = [];
  const phrases: number[][] = [];
  for (const part of tree.kind === 'and' ? tree.children : [tree]) {
    const terms = part.kind === 'word' ? [part.term] : part.kind === 'phrase' ? part.terms : null;
    if (!terms || terms.length === 0 || !terms.every((t) => PLAIN.test(t))) return null;
    phrases.push(
      terms.map((t) => {
        const at = words.indexOf(t);
        return at >= 0 ? at : words.push(t) - 1;
      }),
    );
  }
  return phrases.length > 0 ? { words, phrases } : null;
}

/**
 * Of these entries, those whose text settles the question: `hits` the ones that match; `unsure`
 * the others (a word count that differs from the index's, a missing row), which the index must check.
 */
export function checkText(ids: readonly number[], query: PhraseQuery, stmts: StatementCache): { hits: Set<number>; unsure: number[] } {
  // Rows as arrays (raw) from a statement of this text alone: the cache hands the same statement to every caller of the same text.
  const rows = stmts
    .get(`SELECT e.id, e.title, e.body, e.author, e.outlet, d.sz AS docsize FROM entries e JOIN entry_index_docsize d ON d.id = e.id WHERE e.id IN (SELECT value FROM json_each(?))`)
    .raw(true)
    .all(JSON.stringify(ids)) as [number, string, string, string | null, string | null, Buffer][];
  const hits = new Set<number>();
  const read = new Set<number>();
  const seen = query.phrases.map(() => false);
  for (const row of rows) {
    const sizes = varints(row[5], 0, row[5].length);
    seen.fill(false);
    let same = sizes.length === COLUMNS.length + 1;
    for (let c = 0; same && c < COLUMNS.length; c++) same = findPhrases(row[c + 1] as string | null, query, sizes[c] ?? -1, seen);
    if (!same) continue;
    read.add(row[0]);
    if (seen.every(Boolean)) hits.add(row[0]);
  }
  return { hits, unsure: ids.filter((id) => !read.has(id)) };
}

/**
 * Marks in `seen` the phrases found in one column's text; false when it does not hold `count`
 * words (the index split it some other way).
 */
function findPhrases(text: string | null, query: PhraseQuery, count: number, seen: boolean[]): boolean {
  const s = text ?? '';
  // The query's word at each word of the text (-1: another word).
  const at = plainWords(s, query.words) ?? tokensOf(foldText(s)).map((t) => query.words.indexOf(t));
  if (at.length !== count) return false;
  for (let p = 0; p < query.phrases.length; p++) if (!seen[p]) seen[p] = holds(at, query.phrases[p] ?? []);
  return true;
}

/**
 * For plain text (ASCII, and punctuation outside it that never joins a word, as bm25-score.ts
 * reads it), the query's word at each of its words, in one pass with no folding; null for any
 * other text.
 */
function plainWords(s: string, words: readonly string[]): number[] | null {
  const at: number[] = [];
  const end = s.length;
  let i = 0;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c >= 0x80 || WORD[c] === 0) {
      if (c >= 0x80 && !plainSeparator(c)) return null;
      i++;
      continue;
    }
    const start = i;
    for (i++; i < end; i++) {
      const d = s.charCodeAt(i);
      if (d >= 0x80 || WORD[d] === 0) break;
    }
    at.push(wordAt(s, start, i, words));
  }
  return at;
}

/** The index of the query word the text has at [start, end), folded to small letters; -1 for none. */
function wordAt(s: string, start: number, end: number, words: readonly string[]): number {
  const n = end - start;
  for (let w = 0; w < words.length; w++) {
    const word = words[w] ?? '';
    if (word.length !== n) continue;
    let j = 0;
    while (j < n && WORD[s.charCodeAt(start + j)] === word.charCodeAt(j)) j++;
    if (j === n) return w;
  }
  return -1;
}

/** Whether the words `at` hold the phrase (its words one after another). */
function holds(at: readonly number[], phrase: readonly number[]): boolean {
  const first = phrase[0];
  for (let i = 0; i + phrase.length <= at.length; i++) {
    if (at[i] !== first) continue;
    let j = 1;
    while (j < phrase.length && at[i + j] === phrase[j]) j++;
    if (j === phrase.length) return true;
  }
  return false;
}
