// Sampled facet counts (the path huge archives take), undated entries last in date order,
// Persian words joined to a suffix by ZWNJ, and getEntry's highlight spans for the reader.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../../electron/core/archive.ts';
import { collectMatches, totalOf } from '../../../electron/core/search/match-sample.ts';
import { makePlan, StatementCache } from '../../../electron/core/search/search-plan.ts';
import { SearchStats } from '../../../electron/core/search/search-stats.ts';
import { Vocabulary } from '../../../electron/core/search/vocabulary.ts';
import type { EntryDetail, FacetsResult, HighlightSpan, TimelineResult } from '../../../shared/contract.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { highlighted, openTestArchive, search, seedEntries } from './helpers/seed-entries.ts';

const ZWNJ = '\u200c';
const spans = (text: string, list: HighlightSpan[] | undefined) => (list ?? []).map((s) => text.slice(s.start, s.end));

describe('search at scale, date order, ZWNJ and reader highlights', () => {
  const dir = tempDir();
  let archive: Archive;
  beforeAll(() => {
    archive = openTestArchive(dir, 'scale');
    // 900 entries mentioning "harvest" (one in three from Gazette), then a few special ones.
    seedEntries(
      archive,
      Array.from({ length: 900 }, (_, i) => ({
        title: `Field note ${i}`,
        body: `The harvest report number ${i} from the valley.`,
        date: `20${10 + (i % 10)}-0${1 + (i % 9)}-15`,
        outlet: i % 3 === 0 ? 'Gazette' : 'Herald',
      })),
    );
    seedEntries(archive, [
      { title: 'Undated memo', body: 'An orchard memo without any date.', date: null },
      { title: 'Old memo', body: 'An orchard memo from long ago.', date: '1999-05-01' },
      { title: 'New memo', body: 'An orchard memo from last year.', date: '2024-05-01' },
      { title: 'کتاب', body: `این گزارش درباره${ZWNJ}ی کتابخانه است.`, date: '2022-01-01' },
      { title: 'كتاب عربي', body: `كِتَابخانه${ZWNJ}ها را دیدیم و بیانیه خواندیم.`, date: '2022-02-01' },
      { title: 'Institute news', body: 'The NWI board met. Later the Northwind Institute spoke about the river survey.', date: '2022-03-01' },
    ]);
    archive.call('saveAliasGroup', { name: 'Example institute', variants: ['Northwind Institute', 'NWI'] });
  });
  afterAll(() => archive.close());

  it('counts facets exactly for a small match set and says nothing about approximation', () => {
    const f = archive.call('facets', { query: 'harvest' }) as FacetsResult;
    expect(f.approximate).toBeUndefined();
    expect(Object.fromEntries(f.outlet.map((c) => [c.value, c.count]))).toEqual({ Gazette: 300, Herald: 600 });
    const t = archive.call('timeline', { query: 'orchard' }) as TimelineResult;
    expect(t.undated).toBe(1);
    expect(t.buckets.map((b) => b.month)).toEqual(['1999-05', '2024-05']);
  });

  it('estimates a huge match set from a sample spread over the archive, close to the true counts', () => {
    const stmts = new StatementCache(archive.db);
    const stats = new SearchStats(archive.db);
    const plan = makePlan({ query: 'harvest' }, { aliases: { get: () => null, longest: 0 }, vocab: new Vocabulary(archive.db, stats), stats, dateBounds: () => ({ min: null, max: null }) });
    const exact = collectMatches(plan, stmts);
    expect(exact.exact).toBe(true);
    expect(totalOf(exact)).toBe(900);
    const sampled = collectMatches(plan, stmts, 200, 200);
    expect(sampled.exact).toBe(false);
    expect(sampled.weights.size).toBeLessThanOrEqual(200);
    expect(totalOf(sampled)).toBeGreaterThan(800);
    expect(totalOf(sampled)).toBeLessThan(1000);
    // Counting every match goes on well past the sample's size (100,000 by default): a sample of 200, all 900 counted.
    const counted = collectMatches(plan, stmts, 200, 1_000);
    expect(counted.exact).toBe(true);
    expect(totalOf(counted)).toBe(900);
  });

  it('puts undated entries last in both date orders, also when paging past the dated ones', () => {
    const asc = search(archive, 'orchard', { sort: 'date-asc' });
    expect(asc.hits.map((h) => h.title)).toEqual(['Old memo', 'New memo', 'Undated memo']);
    const desc = search(archive, 'orchard', { sort: 'date-desc' });
    expect(desc.hits.map((h) => h.title)).toEqual(['New memo', 'Old memo', 'Undated memo']);
    // Browsing everything oldest first: the undated memo is the very last entry.
    const total = search(archive, '').total;
    const lastPage = search(archive, '', { sort: 'date-asc', offset: total - 2, limit: 2 });
    expect(lastPage.hits.map((h) => h.title)).toEqual(['New memo', 'Undated memo']);
    const firstPage = search(archive, '', { sort: 'date-asc', limit: 1 });
    expect(firstPage.hits.map((h) => h.title)).toEqual(['Old memo']);
  });

  it('finds a Persian word joined to its suffix by ZWNJ when the bare word is searched, and highlights it', () => {
    const bare = search(archive, 'درباره');
    expect(bare.hits.map((h) => h.title)).toEqual(['کتاب']);
    // The whole joined word is highlighted: it is one of the word's indexed forms (arabic-stem.ts).
    expect(highlighted(bare)).toEqual([[`درباره${ZWNJ}ی`]]);
    // The joined spelling, typed with or without ZWNJ, still finds it.
    expect(search(archive, `درباره${ZWNJ}ی`).hits.map((h) => h.title)).toEqual(['کتاب']);
    expect(search(archive, 'دربارهی').hits.map((h) => h.title)).toEqual(['کتاب']);
  });

  it('returns highlight spans in the original text for a Persian query on Arabic-keyboard text with harakat and ZWNJ', () => {
    const id = search(archive, 'كتاب عربي').hits[0]?.id;
    expect(id).toBeDefined();
    const e = archive.call('getEntry', { id: id as number, query: 'کتابخانه‌ها بیانیه' }) as EntryDetail;
    expect(spans(e.body, e.bodyHighlights)).toEqual([`كِتَابخانه${ZWNJ}ها`, 'بیانیه']);
    const noQuery = archive.call('getEntry', { id: id as number }) as EntryDetail;
    expect(noQuery.bodyHighlights).toBeUndefined();
  });

  it('highlights every alias variant and whole phrases in the reader', () => {
    const id = search(archive, 'institute news').hits[0]?.id as number;
    const alias = archive.call('getEntry', { id, query: 'nwi' }) as EntryDetail;
    expect(spans(alias.body, alias.bodyHighlights)).toEqual(['NWI', 'Northwind Institute']);
    const phrase = archive.call('getEntry', { id, query: '"river survey" news' }) as EntryDetail;
    expect(spans(phrase.body, phrase.bodyHighlights)).toEqual(['river survey']);
    expect(spans(phrase.title, phrase.titleHighlights)).toEqual(['news']);
  });

  it('explains a malformed reader query in plain words', () => {
    const id = search(archive, 'orchard').hits[0]?.id as number;
    expect(() => archive.call('getEntry', { id, query: '"unclosed' })).toThrow(/quote|phrase/i);
  });
});
