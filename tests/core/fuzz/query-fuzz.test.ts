// Fuzzing the query language: random strings of query syntax, searched, counted, faceted and
// highlighted on a real archive. Each either answers or is refused with a plain invalid-query
// message: never a crash, SQLite text, a stack overflow or a hang.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../../electron/core/archive.ts';
import { MAX_NESTING } from '../../../electron/core/search/query-parser.ts';
import { QuireError } from '../../../shared/errors.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { openTestArchive, seedEntries } from '../search/helpers/seed-entries.ts';

const PIECES = [
  'harbour', 'market', 'bridge', 'ایران', 'ايران', 'السودان', '東京', 'café', 'a', '"', '"harbour market"', '(', ')', ' OR ', ' AND ', ' NOT ', '-', '*', 'harb*', '*arbou*',
  'NEAR(', ',', ' 5', 'title:', 'author:', 'outlet:', 'source:', 'tag:', 'code:', 'collection:', 'has:highlight', 'has:', 'lang:fa', 'date:2021', 'date:2021-02-30',
  'before:2020', 'after:', '..', ':', '^', '{', '}', '\u200c', '\u0000', '\\', "'", ';', '--', '  ', '\n', '🙂',
];

const query = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((parts) => parts.join('')),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((parts) => parts.join(' ')),
  fc.string({ maxLength: 80 }),
);

describe('the query language under fuzzing', () => {
  const dir = tempDir();
  let archive: Archive;
  beforeAll(() => {
    archive = openTestArchive(dir, 'query-fuzz');
    seedEntries(archive, [
      { title: 'Harbour notes', body: 'The harbour master met the market traders at the bridge.', date: '2021-03-04', author: 'Port Desk' },
      { title: 'ایران و بازار', body: 'گزارش بازار در ايران و السودان', date: '2020-01-02', language: 'fa' },
      { title: '東京の市場', body: '市場の橋について', date: '2019-05-06', language: 'ja' },
      { title: 'Café society', body: 'A bridge over the harbour at the café.', date: null },
    ]);
  });
  afterAll(() => archive.close());

  const attempt = async (run: () => unknown) => {
    try {
      await run();
    } catch (error) {
      if (!(error instanceof QuireError) || error.code !== 'invalid-query') throw new Error(`not a plain refusal: ${String(error)}`);
      expect(error.message).not.toMatch(/fts5|sqlite|syntax error|stack/i);
    }
  };

  it('answers or refuses plainly every random query, in every call that takes one', async () => {
    await fc.assert(
      fc.asyncProperty(query, fc.boolean(), async (q, translit) => {
        const started = performance.now();
        await attempt(() => archive.call('search', { query: q, transliteration: translit, sort: translit ? 'date-asc' : 'relevance' }));
        await attempt(() => archive.call('countMatches', { query: q }));
        await attempt(() => archive.call('facets', { query: q }));
        await attempt(() => archive.call('timeline', { query: q }));
        await attempt(() => archive.call('getEntry', { id: 1, query: q }));
        expect(performance.now() - started).toBeLessThan(5000);
      }),
      { seed: 29112026, numRuns: 600, endOnFailure: true },
    );
  }, 180_000);

  it('refuses parentheses nested past the limit with a message naming it, not a stack overflow', async () => {
    for (const depth of [MAX_NESTING + 1, 2000, 4900]) {
      let caught: unknown;
      try {
        await archive.call('search', { query: '('.repeat(depth) + 'harbour' });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(QuireError);
      expect((caught as QuireError).message).toMatch(new RegExp(`more than ${MAX_NESTING} deep`));
    }
    // Up to the limit, nesting works.
    const ok = '('.repeat(20) + 'harbour' + ')'.repeat(20);
    expect((await archive.call('search', { query: ok })).total).toBe(2);
  });
});
