// Malformed and hostile queries: a plain-words invalid-query error, never SQLite text or an injection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../../electron/core/archive.ts';
import { QuireError } from '../../../shared/errors.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { openTestArchive, search, seedEntries, titles } from './helpers/seed-entries.ts';

describe('malformed queries', () => {
  const dir = tempDir();
  let archive: Archive;
  beforeAll(() => {
    archive = openTestArchive(dir, 'errors');
    seedEntries(archive, [
      { title: 'Harbour notes', body: 'The harbour master said "all clear" at noon; body: calm. NEAR the quay.' },
      { title: 'Market day', body: 'Prices at the market rose again.' },
    ]);
  });
  afterAll(() => archive.close());

  const cases: [string, RegExp][] = [
    ['"unclosed phrase', /quote opened at character 1 is never closed/],
    ['harbour "', /quote opened at character 9 is never closed/],
    ['(harbour market', /"\(" at character 1 is never closed/],
    ['harbour)', /"\)" at character 8 without a matching "\("/],
    ['harbour OR', /OR at character 9 needs words on both sides/],
    ['OR harbour', /OR at character 1 needs words on both sides/],
    ['harbour OR OR market', /OR at character 9 needs words on both sides/],
    ['harbour NOT', /NOT at character 9 must be followed by the word/],
    ['NEAR(harbour)', /NEAR at character 1 needs at least two words/],
    ['NEAR()', /NEAR at character 1 needs at least two words/],
    ['NEAR(harbour market, ten)', /after the comma give a distance/],
    ['body:calm', /Unknown field "body:" at character 1/],
    ['date:2021-13', /"2021-13" is not a date/],
    ['date:2021-02-30', /"2021-02-30" is not a date/],
    ['date:2021-09..2021-08', /range ends before it starts/],
    ['before:yesterday', /"yesterday" is not a date/],
    ['title:', /needs a value right after the colon/],
    ['()', /nothing to search for before "\)"/],
    ['harbour (market OR -prices)', /NOT at character 20 cannot be one side of an OR/],
    ['*', /must follow the beginning of a word/],
    ['ha*rb', /may only start or end a word/],
    ['harbour OR source:x', /can only narrow the whole query/],
  ];
  for (const [query, message] of cases) {
    it(`explains what is wrong with ${query}`, () => {
      let caught: unknown;
      try {
        search(archive, query);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(QuireError);
      expect((caught as QuireError).code).toBe('invalid-query');
      expect((caught as QuireError).message).toMatch(message);
      expect((caught as QuireError).message).not.toMatch(/fts5|sqlite|syntax error/i);
    });
  }

  it('treats FTS5 syntax typed by the user as plain text, never as operators', () => {
    // Each of these would be FTS5 syntax (column filter, initial token ^, NEAR/AND keywords, quotes)
    // if spliced into MATCH; as Quire words they just search for the words they contain.
    expect(titles(search(archive, '^harbour'))).toEqual(['Harbour notes']);
    expect(titles(search(archive, '"body: calm"'))).toEqual(['Harbour notes']);
    expect(titles(search(archive, 'near quay'))).toEqual(['Harbour notes']);
    expect(titles(search(archive, '"all clear" "at noon"'))).toEqual(['Harbour notes']);
    expect(titles(search(archive, 'market "\'); DROP TABLE entries; --"'))).toEqual([]);
    expect(titles(search(archive, 'market'))).toEqual(['Market day']);
    // Punctuation inside a word splits it into a phrase of its parts; braces are not column filters.
    expect(titles(search(archive, 'prices+at+the^market'))).toEqual(['Market day']);
    expect(search(archive, '{title} : market').total).toBe(0);
    expect(titles(search(archive, 'title:market'))).toEqual(['Market day']);
  });

  it('rejects a query of punctuation alone as having nothing to search for', () => {
    expect(search(archive, '^^ &&').explanation).toMatch(/ignored/);
  });
});
