// The words and phrases of a compiled text query, read off the compiler's tree (CompiledQuery.tree):
// how many entries a search's words are in (their postings) decides whether it ranks them by bm25
// in time and how it searches within a code, and how many phrases FTS5 sets up decides whether
// entries are checked one by one. The tree must give what FTS5 reads in the compiled text.
import { describe, expect, it } from 'vitest';
import { compileQuery, treePhrases, treeWords, type Expansions } from '../../../electron/core/search/compile-query.ts';
import { parseQuery } from '../../../electron/core/search/query-parser.ts';

// Expansions as an archive's vocabulary would give them: alias groups, transliteration, prefixes
// standing for known words or (too many) for none, substrings, Arabic-script forms.
const ex: Expansions = {
  alias: (key) => (key === 'new york' || key === 'nyc' ? { group: 'New York', variants: ['New York', 'NYC'] } : null),
  longestAlias: 2,
  transliterate: (token) => (token === 'massoud' ? ['masoud'] : null),
  substring: (piece) => ({ terms: piece === 'ouncil' ? ['council', 'councillor'] : [], truncated: false }),
  prefixWords: (piece) => (piece === 'gov' ? ['gov', 'government'] : null),
  arabicForms: (token) => (token === 'سودان' ? ['السودان'] : []),
};

/** Query, the words FTS5 reads in its compiled text (in order, with repeats) and how many phrases; null: no tree. */
const table: [string, string[] | null, number | null][] = [
  ['Tidewater', ['tidewater'], 1],
  ['"the tidewater council"', ['the', 'tidewater', 'council'], 1],
  ['tidewater council', ['tidewater', 'council'], 2],
  ['tidewater OR "harbour master"', ['tidewater', 'harbour', 'master'], 2],
  ['tidewater -council -"harbour master"', ['tidewater', 'council', 'harbour', 'master'], 3],
  ['(tidewater OR quay) (council NOT harbour)', ['tidewater', 'quay', 'council', 'harbour'], 4],
  ['council council', ['council', 'council'], 2],
  // Several spellings, each a phrase of its own; the Arabic word as typed written twice to weigh more.
  ['new york', ['new', 'york', 'nyc'], 2],
  ['massoud', ['massoud', 'masoud'], 2],
  ['سودان', ['سودان', 'سودان', 'السودان'], 3],
  ['*ouncil* quay', ['council', 'councillor', 'quay'], 3],
  ['gov* quay', ['gov', 'government', 'quay'], 3],
  // NEAR and columns: no AND of phrases, but their words count all the same.
  ['NEAR(tidewater "harbour master", 5)', ['tidewater', 'harbour', 'master'], 2],
  ['title:"tidewater council" quay', ['tidewater', 'council', 'quay'], 2],
  ['author:(smith OR jones) NOT NEAR(tide mill, 2)', ['smith', 'jones', 'tide', 'mill'], 4],
  // FTS5's own prefix (too many words to name): its words are unknown.
  ['harb* quay', null, null],
  ['title:harb*', null, null],
  ['tidewater OR harb*', null, null],
];

describe('the words and phrases of a compiled query, from the compiler’s tree', () => {
  it('gives the words FTS5 reads, in order, and how many phrases it sets up', () => {
    for (const [query, words, phrases] of table) {
      const { match, tree } = compileQuery(parseQuery(query), ex);
      expect(match, query).not.toBeNull();
      expect(tree && treeWords(tree), query).toEqual(words);
      expect(tree && treePhrases(tree), query).toBe(phrases);
      // The same count as the quoted phrases in the FTS5 text itself.
      if (phrases !== null) expect(match?.match(/"(?:[^"]|"")*"/g)?.length, query).toBe(phrases);
    }
  });

  it('reads -NEAR(…) as NOT NEAR(…), as "-" leaves out a word or a phrase', () => {
    const minus = compileQuery(parseQuery('quay -NEAR(tide mill, 2)'), ex);
    expect(minus.match).toBe(compileQuery(parseQuery('quay NOT NEAR(tide mill, 2)'), ex).match);
    expect(minus.match).toMatch(/ NOT \(?NEAR\(/);
  });

  it('keeps NEAR and columns out of the single-word tree top-k.ts ranks', () => {
    expect(compileQuery(parseQuery('tidewater council'), ex).words).not.toBeNull();
    expect(compileQuery(parseQuery('title:tidewater council'), ex).words).toBeNull();
    expect(compileQuery(parseQuery('NEAR(tidewater council, 3)'), ex).words).toBeNull();
  });
});
