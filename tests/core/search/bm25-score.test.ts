// bm25 computed outside FTS5 (bm25-score.ts) must give FTS5's own scores, entry for entry, or
// refuse: the exact top of a huge set (top-k.ts) is proven with them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../../electron/core/archive.ts';
import { idf, loadModel, plainSeparator, plainSeparatorAt, scoreEntries, type Scorable } from '../../../electron/core/search/bm25-score.ts';
import { StatementCache } from '../../../electron/core/search/search-plan.ts';
import { refreshSearchStats, SearchStats } from '../../../electron/core/search/search-stats.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { makeCorpus } from './helpers/skewed-corpus.ts';
import { openTestArchive, seedEntries } from './helpers/seed-entries.ts';

describe('bm25 outside FTS5', () => {
  const dir = tempDir();
  let archive: Archive;
  let words: string[];

  beforeAll(() => {
    const corpus = makeCorpus(4242, 600);
    words = corpus.words;
    archive = openTestArchive(dir, 'bm25');
    const [a = '', b = ''] = words;
    // Text that is not plain ASCII: capitals, curly quotes and dashes, accents, Arabic script, ZWNJ, CJK.
    seedEntries(archive, [
      ...corpus.entries,
      { title: `“${a.toUpperCase()}” — Über ${b}`, body: `${a} café ${b}’s kitab كتاب می‌خواهم 経済 ${a}-${b}`, author: 'José Ñúñez', outlet: 'Le Monde' },
      { title: `${b} ${b}`, body: `A\u00a0${a}\u2026 ${a.toUpperCase()}!`, author: null, outlet: null },
    ]);
    refreshSearchStats(archive.db, { commonDocs: 50, topK: 20 });
  });
  afterAll(() => archive.close());

  it('gives each entry the score FTS5 ranks it by, for words, AND, OR and NOT', () => {
    const stmts = new StatementCache(archive.db);
    const stats = new SearchStats(archive.db);
    const model = loadModel(stmts);
    expect(model).not.toBeNull();
    if (!model) return;
    const ids = archive.db.prepare('SELECT id FROM entries').pluck().all() as number[];
    const q = (terms: string[], kind: 'and' | 'or', without: string[] = []): { scorable: Scorable; match: string } => {
      const quote = (t: string) => `"${t}"`;
      const pos = terms.map(quote).join(kind === 'and' ? ' AND ' : ' OR ');
      return {
        scorable: {
          words: [...terms, ...without].map((term) => ({ term, idf: idf(model, stats.docs(term) ?? 0) })),
          matches: (has) => (kind === 'and' ? terms.every(has) : terms.some(has)) && !without.some(has),
        },
        match: without.length > 0 ? `(${pos}) NOT (${without.map(quote).join(' OR ')})` : pos,
      };
    };
    const [a = '', b = '', c = '', d = ''] = [words[0], words[1], words[5], words[40]];
    let compared = 0;
    for (const { scorable, match } of [q([a], 'or'), q([d], 'or'), q([a, b], 'and'), q([c, d], 'or'), q([a], 'and', [b]), q([b, d], 'or', [c]), q(['كتاب'], 'or'), q(['می'], 'or'), q(words.slice(0, 12), 'or')]) {
      const fts = new Map(
        (archive.db.prepare('SELECT rowid AS id, -rank AS s FROM entry_index WHERE entry_index MATCH ?').all(match) as { id: number; s: number }[]).map((r) => [r.id, r.s]),
      );
      const ours = scoreEntries(ids, scorable, model, stmts);
      expect(ours, match).not.toBeNull();
      for (const [id, s] of ours ?? []) {
        const want = fts.get(id);
        if (want === undefined) expect(s, `${match}: entry ${id} does not match`).toBe(-1);
        else expect(Math.abs(s - want), `${match}: entry ${id}`).toBeLessThanOrEqual(1e-12 * want);
        if (want !== undefined) compared++;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('refuses an entry whose text no longer splits into the words the index counted', () => {
    const stmts = new StatementCache(archive.db);
    const model = loadModel(stmts);
    const id = archive.db.prepare('SELECT max(id) FROM entries').pluck().get() as number;
    // The text changed behind the index's back (its trigger dropped): three more words than it counted.
    archive.db.exec('DROP TRIGGER entries_index_update');
    archive.db.prepare(`UPDATE entries SET body = body || ' one two three' WHERE id = ?`).run(id);
    expect(model && scoreEntries([id - 1], { words: [{ term: words[0] ?? '', idf: 1 }], matches: () => true }, model, stmts)).not.toBeNull();
    const scorable: Scorable = { words: [{ term: words[0] ?? '', idf: 1 }], matches: () => true };
    expect(model && scoreEntries([id], scorable, model, stmts)).toBeNull();
  });

  it('reads the separators of plain text in its UTF-8 bytes as in its characters', () => {
    const disagree: string[] = [];
    for (let cp = 0x80; cp <= 0xffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const bytes = Buffer.from(String.fromCodePoint(cp), 'utf8');
      const width = plainSeparatorAt(bytes, 0);
      if ((width > 0) !== plainSeparator(cp) || (width > 0 && width !== bytes.length)) disagree.push(cp.toString(16));
    }
    expect(disagree).toEqual([]);
    // Cut short at the end of the text: no separator.
    expect(plainSeparatorAt(Buffer.from([0x61, 0xe2, 0x80]), 1)).toBe(0);
  });
});
