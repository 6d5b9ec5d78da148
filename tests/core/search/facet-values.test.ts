// A facet with more values than the facets answer lists (100): the answer says how many there
// are, and facetValues gives the whole list in the same order with the same counts, both when
// every match is counted and when the counts are estimated from a sample.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { Archive } from '../../../electron/core/archive.ts';
import { collectMatches } from '../../../electron/core/search/match-sample.ts';
import { makePlan, StatementCache } from '../../../electron/core/search/search-plan.ts';
import { SearchStats } from '../../../electron/core/search/search-stats.ts';
import { Vocabulary } from '../../../electron/core/search/vocabulary.ts';
import { validateInput } from '../../../shared/contract-schemas.ts';
import type { FacetCount, FacetsResult, FacetValues } from '../../../shared/contract.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { seedEntries, type SeedEntry } from './helpers/seed-entries.ts';

const AUTHORS = 150;
const writer = (k: number) => `Writer ${String(k).padStart(3, '0')}`;
/** 4 to 12 entries each, many ties, so the order (count, then name) is tested too. */
const entriesOf = (k: number) => 4 + ((k * 7) % 9);
const outletOf = (k: number) => (k <= 75 ? 'North Ledger' : 'South Ledger');

/** Each author's entries one after another (ids in runs), all mentioning "lantern". */
function corpus(): SeedEntry[] {
  const out: SeedEntry[] = [];
  for (let k = 1; k <= AUTHORS; k++) {
    for (let j = 0; j < entriesOf(k); j++) out.push({ title: `Lamp log ${k}.${j}`, body: `A lantern note ${j} by writer ${k}.`, author: writer(k), outlet: outletOf(k), date: '2021-04-02' });
  }
  return out;
}

/** The facets' own order: most entries first, then by value. */
function ordered(counts: Map<string, number>): FacetCount[] {
  return [...counts]
    .map(([value, n]) => ({ value, label: value, count: Math.max(1, Math.round(n)) }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

describe('whole facet lists past the first 100 values', () => {
  const dir = tempDir();
  let exact: Archive;
  let sampled: Archive;
  const authorOf = new Map<number, string>();
  beforeAll(() => {
    exact = new Archive(path.join(dir, 'exact.quire'));
    const entries = corpus();
    seedEntries(exact, entries).forEach((id, i) => authorOf.set(id, entries[i]!.author!));
    // The same entries, with facets counted from a sample of about 200 of the ~1,200 matches.
    sampled = new Archive(path.join(dir, 'sampled.quire'), { searchThresholds: { facetSample: 200, facetExact: 200 } });
    seedEntries(sampled, entries);
  });
  afterAll(() => {
    exact.close();
    sampled.close();
  });

  it('lists the first 100 authors, says there are 150, and gives all 150 with their counts on request', () => {
    const facets = exact.call('facets', { query: 'lantern' }) as FacetsResult;
    expect(facets.approximate).toBeUndefined();
    expect(facets.author).toHaveLength(100);
    expect(facets.distinct?.author).toBe(150);
    // Facets with few values say nothing more.
    expect(facets.distinct?.outlet).toBeUndefined();
    expect(facets.outlet).toHaveLength(2);

    const whole = exact.call('facetValues', { query: 'lantern', facet: 'author' }) as FacetValues;
    expect(whole.approximate).toBeUndefined();
    const truth = new Map<string, number>();
    for (let k = 1; k <= AUTHORS; k++) truth.set(writer(k), entriesOf(k));
    expect(whole.values).toEqual(ordered(truth));
    expect(whole.values.slice(0, 100)).toEqual(facets.author);
  });

  it('counts the whole list with the other facets’ selections, and without its own', () => {
    const north = exact.call('facetValues', { query: 'lantern', facet: 'author', filters: { outlet: ['North Ledger'] } }) as FacetValues;
    expect(north.values).toHaveLength(75);
    expect(north.values.every((c) => Number(c.value.slice(-3)) <= 75)).toBe(true);
    // Selecting the 120th author leaves every author offered (a facet ignores its own selection)…
    const chosen = exact.call('facetValues', { query: 'lantern', facet: 'author', filters: { author: [writer(120)] } }) as FacetValues;
    expect(chosen.values).toHaveLength(150);
    // …while the other facets narrow to that author's entries.
    const facets = exact.call('facets', { query: 'lantern', filters: { author: [writer(120)] } }) as FacetsResult;
    expect(facets.outlet).toEqual([{ value: 'South Ledger', label: 'South Ledger', count: entriesOf(120) }]);
  });

  it('gives a sampled set’s whole list from the same sample: estimated counts, flagged, first 100 as in facets', () => {
    const facets = sampled.call('facets', { query: 'lantern' }) as FacetsResult;
    const whole = sampled.call('facetValues', { query: 'lantern', facet: 'author' }) as FacetValues;
    expect(facets.approximate).toBe(true);
    expect(whole.approximate).toBe(true);
    // What the sample holds, tallied here from its ids and weights.
    const stmts = new StatementCache(sampled.db);
    const stats = new SearchStats(sampled.db);
    const plan = makePlan({ query: 'lantern' }, { aliases: { get: () => null, longest: 0 }, vocab: new Vocabulary(sampled.db, stats), stats, dateBounds: () => ({ min: null, max: null }) });
    const set = collectMatches(plan, stmts, 200, 200);
    expect(set.exact).toBe(false);
    const estimate = new Map<string, number>();
    for (const [id, w] of set.weights) estimate.set(authorOf.get(id)!, (estimate.get(authorOf.get(id)!) ?? 0) + w);
    expect(estimate.size).toBeGreaterThan(100);
    expect(whole.values).toEqual(ordered(estimate));
    expect(facets.distinct?.author).toBe(estimate.size);
    expect(facets.author).toEqual(whole.values.slice(0, 100));
  });

  it('takes only a facet’s name', () => {
    expect(() => validateInput('facetValues', { query: 'lantern', facet: 'colour' })).toThrow();
    expect(validateInput('facetValues', { query: 'lantern', facet: 'author' })).toBeTruthy();
  });
});
