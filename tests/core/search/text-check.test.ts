// An AND of phrases checked on the entries' own text (text-check.ts) gives the index's answer,
// entry for entry, or leaves the entry to the index: searches inside a code read it instead of
// asking FTS5 entry by entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../../electron/core/archive.ts';
import { StatementCache } from '../../../electron/core/search/search-plan.ts';
import { andOfPhrases, checkText } from '../../../electron/core/search/text-check.ts';
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

  beforeAll(() => {
    const corpus = makeCorpus(5151, 500);
    words = corpus.words;
    archive = openTestArchive(dir, 'text-check');
    seedEntries(archive, [...corpus.entries, ...TRICKY]);
  });
  afterAll(() => archive.close());

  const fts = (match: string) => new Set(archive.db.prepare('SELECT rowid FROM entry_index WHERE entry_index MATCH ?').pluck().all(match) as number[]);

  it('finds exactly the entries FTS5 finds, reading every one of them itself', () => {
    const stmts = new StatementCache(archive.db);
    const ids = archive.db.prepare('SELECT id FROM entries').pluck().all() as number[];
    const [a = '', b = '', c = ''] = [words[0], words[1], words[7]];
    const body = archive.db.prepare('SELECT body FROM entries WHERE id = ?').pluck().get(ids[3]) as string;
    const pair = body.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).slice(2, 4).join(' ');
    const matches = [
      '"tidewater council"',
      '("tidewater") AND ("council")',
      '"the tidewater council"',
      '"council tidewater"',
      '"66 route"',
      '("2024") AND ("tidewater council")',
      '"tidewater"',
      `"${pair}"`,
      `("${a}") AND ("${b}")`,
      `"${a} ${b}" AND "${c}"`,
      `("${a}") AND ("tidewater")`,
    ];
    let found = 0;
    for (const match of matches) {
      const query = andOfPhrases(match);
      expect(query, match).not.toBeNull();
      if (!query) continue;
      const { hits, unsure } = checkText(ids, query, stmts);
      // The index split every entry here as fold-text.ts does: none is left to it.
      expect(unsure, match).toEqual([]);
      expect([...hits].sort((x, y) => x - y), match).toEqual([...fts(match)].sort((x, y) => x - y));
      found += hits.size;
    }
    expect(found).toBeGreaterThan(100);
    // The tricky entries matched where they should: punctuation, a line break, capitals, accents folded, other scripts around.
    expect(checkText(ids.slice(-TRICKY.length), andOfPhrases('"tidewater council"') ?? { words: [], phrases: [] }, stmts).hits.size).toBe(7);
  });

  it('takes only an AND of phrases of plain words', () => {
    expect(andOfPhrases('"the government"')).toEqual({ words: ['the', 'government'], phrases: [[0, 1]] });
    expect(andOfPhrases('("government") AND ("the government")')).toEqual({ words: ['government', 'the'], phrases: [[0], [1, 0]] });
    for (const match of ['("a") OR ("b")', '("a") NOT ("b")', '{title} : ("a")', '"gov" *', 'NEAR("a" "b")', '"كتاب"', '("a") AND ({dates} : "\uE000y2024")', '"a" AND ("b" OR "c")']) {
      expect(andOfPhrases(match), match).toBeNull();
    }
  });

  it('leaves an entry to the index when its text no longer splits into the words the index counted', () => {
    const stmts = new StatementCache(archive.db);
    const id = archive.db.prepare('SELECT max(id) FROM entries').pluck().get() as number;
    const query = andOfPhrases('"tidewater council"');
    if (!query) throw new Error('no query');
    expect(checkText([id], query, stmts)).toEqual({ hits: new Set([id]), unsure: [] });
    // The text changed behind the index's back (its trigger dropped): two more words than it counted.
    archive.db.exec('DROP TRIGGER entries_index_update');
    archive.db.prepare(`UPDATE entries SET body = body || ' tidewater council' WHERE id = ?`).run(id - 1);
    archive.db.prepare(`UPDATE entries SET body = 'nothing here' WHERE id = ?`).run(id);
    expect(checkText([id - 1, id], query, stmts)).toEqual({ hits: new Set(), unsure: [id - 1, id] });
  });
});
