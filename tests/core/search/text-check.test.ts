// An AND of phrases checked on the entries' own text (text-check.ts) gives the index's answer,
// entry for entry, or leaves the entry to the index: searches inside a code read it instead of
// asking FTS5 entry by entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../../electron/core/archive.ts';
import { compileQuery, type Expansions } from '../../../electron/core/search/compile-query.ts';
import { parseQuery } from '../../../electron/core/search/query-parser.ts';
import { makePlan, StatementCache, type PlanContext } from '../../../electron/core/search/search-plan.ts';
import { SearchStats } from '../../../electron/core/search/search-stats.ts';
import { andOfPhrases, checkText, type PhraseQuery } from '../../../electron/core/search/text-check.ts';
import { Vocabulary } from '../../../electron/core/search/vocabulary.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { makeCorpus } from './helpers/skewed-corpus.ts';
import { openTestArchive, seedEntries, type SeedEntry } from './helpers/seed-entries.ts';

/** Entries made to trip a reader of text: the phrase split by punctuation, a line, a column, capitals, accents, scripts. */
const TRICKY: SeedEntry[] = [
  { title: 'Budget day', body: 'The Tidewater Council said: “the, Tidewater!” council—tidewater council…' },
  { title: 'Tidewater', body: 'council meets tomorrow' },
  { title: 'Notes', body: 'the tidewater\ncouncil met at noon', author: 'Tidewater', outlet: 'Council Post' },
  { title: 'Harbour', body: 'the tidewater the tidewater the council tidewater' },
  { title: 'Café Tidewater', body: 'Le conseil de Tidewater Council, à l’hôtel de ville; TIDEWATER\u00a0COUNCIL' },
  { title: 'Zeitung', body: 'Über den Tidewater Cöuncil und tidewater council 経済 council' },
  { title: 'خبر', body: 'شورای tidewater council در می‌خواهم شهر', author: 'علی' },
  { title: 'Mixed', body: 'tidewatercouncil tide water council tidewater2 council' },
  { title: 'Quay', body: 'at the tidewater\u00a0council today' },
  { title: 'Digits', body: 'route 66 council 66 route; 2024 tidewater council 2024' },
];

describe('an AND of phrases read off the entries’ text', () => {
  const dir = tempDir();
  let archive: Archive;
  let words: string[];
  let ctx: PlanContext;

  beforeAll(() => {
    const corpus = makeCorpus(5151, 500);
    words = corpus.words;
    archive = openTestArchive(dir, 'text-check');
    seedEntries(archive, [...corpus.entries, ...TRICKY]);
    const stats = new SearchStats(archive.db);
    ctx = { aliases: { get: () => null, longest: 0 }, vocab: new Vocabulary(archive.db, stats), stats, dateBounds: () => ({ min: null, max: null }) };
  });
  afterAll(() => archive.close());

  const fts = (match: string) => new Set(archive.db.prepare('SELECT rowid FROM entry_index WHERE entry_index MATCH ?').pluck().all(match) as number[]);
  /** A query as a search compiles it: its FTS5 text and its AND of phrases (null when it is none). */
  const compiled = (query: string) => {
    const plan = makePlan({ query }, ctx);
    return { match: plan.compiled.match ?? '', phrases: andOfPhrases(plan.compiled.tree) };
  };
  const phrasesOf = (query: string): PhraseQuery => compiled(query).phrases ?? { words: [], phrases: [] };

  it('finds exactly the entries FTS5 finds, reading every one of them itself', () => {
    const stmts = new StatementCache(archive.db);
    const ids = archive.db.prepare('SELECT id FROM entries').pluck().all() as number[];
    const [a = '', b = '', c = ''] = [words[0], words[1], words[7]];
    const body = archive.db.prepare('SELECT body FROM entries WHERE id = ?').pluck().get(ids[3]) as string;
    const pair = body.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).slice(2, 4).join(' ');
    const queries = [
      '"tidewater council"',
      'tidewater council',
      '"the tidewater council"',
      '"council tidewater"',
      '"66 route"',
      '2024 "tidewater council"',
      'Tidewater',
      `"${pair}"`,
      `${a} ${b}`,
      `"${a} ${b}" AND ${c}`,
      `${a} tidewater`,
    ];
    let found = 0;
    for (const text of queries) {
      const { match, phrases } = compiled(text);
      expect(phrases, text).not.toBeNull();
      if (!phrases) continue;
      const { hits, unsure } = checkText(ids, phrases, stmts);
      // The index split every entry here as fold-text.ts does: none is left to it.
      expect(unsure, text).toEqual([]);
      expect([...hits].sort((x, y) => x - y), text).toEqual([...fts(match)].sort((x, y) => x - y));
      found += hits.size;
    }
    expect(found).toBeGreaterThan(100);
    // The tricky entries matched where they should: punctuation, a line break, capitals, accents folded, other scripts around.
    expect(checkText(ids.slice(-TRICKY.length), phrasesOf('"tidewater council"'), stmts).hits.size).toBe(7);
  });

  it('a date filter’s index words make the text no AND of phrases', () => {
    const day = compiled('tidewater date:2024-03-05');
    // The filter did become index words (else this would test nothing).
    expect(day.match).toContain('{dates}');
    expect(day.phrases).toBeNull();
    expect(compiled('tidewater').phrases).toEqual({ words: ['tidewater'], phrases: [[0]] });
  });

  it('leaves an entry to the index when its text no longer splits into the words the index counted', () => {
    const stmts = new StatementCache(archive.db);
    const id = archive.db.prepare('SELECT max(id) FROM entries').pluck().get() as number;
    const query = phrasesOf('"tidewater council"');
    expect(checkText([id], query, stmts)).toEqual({ hits: new Set([id]), unsure: [] });
    // The text changed behind the index's back (its trigger dropped): two more words than it counted.
    archive.db.exec('DROP TRIGGER entries_index_update');
    archive.db.prepare(`UPDATE entries SET body = body || ' tidewater council' WHERE id = ?`).run(id - 1);
    archive.db.prepare(`UPDATE entries SET body = 'nothing here' WHERE id = ?`).run(id);
    expect(checkText([id - 1, id], query, stmts)).toEqual({ hits: new Set(), unsure: [id - 1, id] });
  });
});

describe('an AND of phrases read off the compiler’s tree', () => {
  // Expansions as an archive's vocabulary would give them: an alias group, transliteration,
  // prefixes standing for one word, for several or (too many) for none, substrings, Arabic forms.
  const ex: Expansions = {
    alias: (key) => (key === 'new york' || key === 'nyc' ? { group: 'New York', variants: ['New York', 'NYC'] } : key === 'tide mill' ? { group: 'Tide mill', variants: ['tide mill'] } : null),
    longestAlias: 2,
    transliterate: (token) => (token === 'massoud' ? ['masoud'] : token === 'rajavi' ? [] : null),
    substring: (piece) => ({ terms: piece === 'ouncil' ? ['council'] : ['council', 'counsel'], truncated: false }),
    prefixWords: (piece) => (piece === 'tidewat' ? ['tidewater'] : piece === 'gov' ? ['gov', 'government'] : null),
    arabicForms: (token) => (token === 'سودان' ? ['السودان'] : []),
  };
  const phrasesOf = (query: string) => andOfPhrases(compileQuery(parseQuery(query), ex).tree);

  const accepted: [string, PhraseQuery][] = [
    ['tidewater', { words: ['tidewater'], phrases: [[0]] }],
    ['"the government"', { words: ['the', 'government'], phrases: [[0, 1]] }],
    ['government "the government"', { words: ['government', 'the'], phrases: [[0], [1, 0]] }],
    ['government AND policy', { words: ['government', 'policy'], phrases: [[0], [1]] }],
    ['council council', { words: ['council'], phrases: [[0], [0]] }],
    ['(tidewater council)', { words: ['tidewater', 'council'], phrases: [[0], [1]] }],
    ['Café "Route 66" 2024', { words: ['cafe', 'route', '66', '2024'], phrases: [[0], [1, 2], [3]] }],
    ['"tidewater, council!" !!!', { words: ['tidewater', 'council'], phrases: [[0, 1]] }],
    // An alias group of one variant, a prefix of one word, a substring in one word, a name with no other spelling.
    ['tide mill harbour', { words: ['tide', 'mill', 'harbour'], phrases: [[0, 1], [2]] }],
    ['tidewat* council', { words: ['tidewater', 'council'], phrases: [[0], [1]] }],
    ['*ouncil* tidewater', { words: ['council', 'tidewater'], phrases: [[0], [1]] }],
    ['rajavi', { words: ['rajavi'], phrases: [[0]] }],
  ];
  const refused = [
    'tidewater OR council',
    'tidewater -council',
    'tidewater NOT council',
    '(tidewater council) harbour',
    'tidewater (council OR harbour)',
    'title:tidewater',
    'author:"tidewater council" harbour',
    'NEAR(tidewater council, 3)',
    'tidewat* gov*',
    'harb*',
    '*council*',
    'new york',
    'massoud',
    'سودان',
    'كتاب tidewater',
    'Über 経済',
  ];

  it('gives the words and phrases of every AND of plain words and phrases', () => {
    for (const [query, want] of accepted) expect(phrasesOf(query), query).toEqual(want);
  });

  it('refuses every other shape: OR, NOT, a group inside an AND, columns, NEAR, prefixes, several spellings, words outside ASCII', () => {
    for (const query of refused) expect(phrasesOf(query), query).toBeNull();
  });
});
