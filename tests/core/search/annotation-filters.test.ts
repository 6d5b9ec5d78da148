// Annotation filters in the query language (code: with sub-codes and paths, tag:, collection:,
// has:) and the code/tag/collection facets, checked against a model the test keeps of what it
// annotated: every hit, every page, every sort order and the exact count, alone and combined with
// words and dates, on more entries than the ranked candidates so the huge-set paths run too.
// Deleted highlights, codes, notes and collections must no longer match.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../../electron/core/archive.ts';
import { CANDIDATES } from '../../../electron/core/search/run-search.ts';
import { SearchService } from '../../../electron/core/search/search-service.ts';
import type { SearchThresholds } from '../../../electron/core/search/search-thresholds.ts';
import type { Code, CountProgress, FacetsResult, Highlight, SearchResult } from '../../../shared/contract.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { openTestArchive, seedEntries } from './helpers/seed-entries.ts';

interface Doc {
  id: number;
  words: Set<string>;
  date: string | null;
  /** Live highlights: their codes (ids) and whether they carry a note. */
  highlights: { id: number; codes: number[]; note: boolean; live: boolean }[];
  tags: Set<string>;
  note: boolean;
  collections: Set<string>;
}

const N = CANDIDATES + 700;

/** A small deterministic generator (mulberry32), so the corpus is the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('annotation filters and facets, against a model of the annotations', () => {
  const dir = tempDir();
  let archive: Archive;
  const docs: Doc[] = [];
  const code: Record<string, Code> = {};

  beforeAll(() => {
    archive = openTestArchive(dir, 'annotation-filters');
    const rnd = random(42);
    const specs = Array.from({ length: N }, (_, i) => {
      const words = ['report'];
      if (rnd() < 0.9) words.push('river');
      if (rnd() < 0.3) words.push('flood');
      if (rnd() < 0.05) words.push('bridge');
      if (rnd() < 0.5) words.push('council');
      const date = rnd() < 0.05 ? null : new Date(Date.UTC(2019, 0, 1) + Math.floor(rnd() * 4 * 365) * 86_400_000).toISOString().slice(0, 10);
      return { title: `Item ${i}`, body: `${words.join(' ')} number ${i}.`, date, words };
    });
    const ids = seedEntries(archive, specs);
    specs.forEach((s, i) => docs.push({ id: ids[i]!, words: new Set(s.words), date: s.date, highlights: [], tags: new Set(), note: false, collections: new Set() }));

    const save = (name: string, parent?: Code) => (code[parent ? `${parent.path}/${name}` : name] = archive.call('saveCode', { name, parentId: parent?.id ?? null }) as Code);
    const harm = save('Harm');
    const flood = save('Flood damage', harm);
    save('Crop loss', flood);
    save('Fire', harm);
    save('Flood damage', save('Response'));
    save('Unused');
    const cycle = ['Harm', 'Harm/Flood damage', 'Harm/Flood damage/Crop loss', 'Harm/Fire', 'Response/Flood damage'];

    docs.forEach((d, i) => {
      if (i % 7 === 0) {
        const codeIds = [code[cycle[(i / 7) % cycle.length]!]!.id];
        if (i % 3 === 0) codeIds.push(code['Response']!.id);
        const note = i % 21 === 0;
        const h = archive.call('createHighlight', { entryId: d.id, start: 0, end: 4, codeIds, note: note ? 'see the map' : null }) as Highlight;
        d.highlights.push({ id: h.id, codes: codeIds, note, live: true });
      }
      if (i % 11 === 0) d.tags.add('checked');
      if (i % 13 === 0) d.tags.add('Disputed');
      if (d.tags.size > 0) archive.call('setEntryTags', { entryId: d.id, tags: [...d.tags] });
      if (i % 17 === 0) {
        const note = archive.call('saveEntryNote', { entryId: d.id, text: 'Compare with the gauge.' }) as { id: number };
        d.note = true;
        if (i % 34 === 0) {
          archive.call('deleteEntryNote', { id: note.id });
          d.note = false;
        }
      }
    });
    // Deleted highlights and a trashed code no longer match.
    for (const d of docs.filter((_, i) => i % 49 === 0)) {
      for (const h of d.highlights) {
        archive.call('deleteHighlight', { id: h.id });
        h.live = false;
      }
    }
    archive.call('deleteCode', { id: code['Harm/Fire']!.id, mode: 'move-up' });
    for (const d of docs) for (const h of d.highlights) h.codes = h.codes.filter((c) => c !== code['Harm/Fire']!.id);

    // Collections: a whole search, a hand-picked one, and a deleted one.
    const collection = (name: string) => archive.call('saveCollection', { name }) as { id: number };
    const big = collection('Big');
    archive.call('addToCollection', { collectionId: big.id, search: { query: 'council' } });
    for (const d of docs) if (d.words.has('council')) d.collections.add('Big');
    const small = collection('Small list');
    const picked = docs.filter((_, i) => i % 23 === 0);
    archive.call('addToCollection', { collectionId: small.id, entryIds: picked.map((d) => d.id) });
    for (const d of picked) d.collections.add('Small list');
    const gone = collection('Gone');
    archive.call('addToCollection', { collectionId: gone.id, entryIds: picked.map((d) => d.id) });
    archive.call('deleteCollection', { id: gone.id });

    // Entries deleted with live highlights on them: the highlights stay (orphans, until an undo
    // brings the entries back), but no filter may find or count the entries.
    const doomed = docs.filter((d, i) => i % 70 === 7 && d.highlights.some((h) => h.live));
    expect(doomed.length).toBeGreaterThan(10);
    const result = archive.call('deleteEntries', { entryIds: doomed.map((d) => d.id) }) as { orphanedHighlights: number };
    expect(result.orphanedHighlights).toBeGreaterThan(10);
    for (const d of doomed) docs.splice(docs.indexOf(d), 1);
  });
  afterAll(() => archive.close());

  const liveCodes = (d: Doc) => d.highlights.filter((h) => h.live).flatMap((h) => h.codes);
  const subtree = (...paths: string[]) => {
    const roots = paths.map((p) => code[p]!.id);
    const all = Object.values(code).filter((c) => c.id !== code['Harm/Fire']!.id);
    const out = new Set(roots);
    for (let grew = true; grew; ) {
      grew = false;
      for (const c of all) {
        if (c.parentId !== null && out.has(c.parentId) && !out.has(c.id)) {
          out.add(c.id);
          grew = true;
        }
      }
    }
    return out;
  };
  /** Has a live highlight with one of these codes or their sub-codes (worked out on first use, after beforeAll). */
  const hasCode = (...paths: string[]) => {
    let set: Set<number> | null = null;
    return (d: Doc) => {
      set ??= subtree(...paths);
      return liveCodes(d).some((c) => set!.has(c));
    };
  };
  const word = (w: string) => (d: Doc) => d.words.has(w);
  const inYear = (y: string) => (d: Doc) => d.date?.startsWith(y) ?? false;
  const not = (p: (d: Doc) => boolean) => (d: Doc) => !p(d);
  const all =
    (...ps: ((d: Doc) => boolean)[]) =>
    (d: Doc) =>
      ps.every((p) => p(d));

  /** Every hit of every page, in the order given. */
  function everyHit(service: SearchService, query: string, sort: 'relevance' | 'date-desc' | 'date-asc', limit: number): { ids: number[]; first: SearchResult } {
    const ids: number[] = [];
    let first: SearchResult | null = null;
    for (let offset = 0; ; offset += limit) {
      const page = service.search({ query, sort, limit, offset });
      first ??= page;
      ids.push(...page.hits.map((h) => h.id));
      if (page.hits.length < limit) break;
    }
    return { ids, first: first! };
  }
  function exactCount(service: SearchService, query: string): number {
    let total = 0;
    let after: number | null = 0;
    while (after !== null) {
      const p: CountProgress = service.countMatches({ query, after });
      total += p.counted;
      after = p.next;
    }
    return total;
  }

  const cases: [string, (d: Doc) => boolean][] = [
    ['code:Harm', hasCode('Harm')],
    ['code:"flood damage"', hasCode('Harm/Flood damage', 'Response/Flood damage')],
    ['code:"Harm/Flood damage"', hasCode('Harm/Flood damage')],
    ['code:"harm/flood damage/crop loss" flood', all(hasCode('Harm/Flood damage/Crop loss'), word('flood'))],
    ['code:Response date:2020', all(hasCode('Response'), inYear('2020'))],
    ['code:Fire', () => false],
    ['code:Unused', () => false],
    ['-code:Harm river', all(not(hasCode('Harm')), word('river'))],
    ['tag:checked', (d) => d.tags.has('checked')],
    // after: a month means after its end.
    ['tag:disputed river after:2020-06', all((d) => d.tags.has('Disputed'), word('river'), (d) => d.date !== null && d.date >= '2020-07-01')],
    ['tag:checked OR tag:Disputed', (d) => d.tags.size > 0],
    ['collection:Big', (d) => d.collections.has('Big')],
    ['collection:"small list" council', all((d) => d.collections.has('Small list'), word('council'))],
    ['collection:"Smäll List"', (d) => d.collections.has('Small list')],
    ['collection:Gone', () => false],
    ['-collection:Big river', all((d) => !d.collections.has('Big'), word('river'))],
    ['has:highlight', (d) => d.highlights.some((h) => h.live)],
    ['has:note', (d) => d.note || d.highlights.some((h) => h.live && h.note)],
    ['has:tag bridge', all((d) => d.tags.size > 0, word('bridge'))],
    ['(flood OR bridge) has:note before:2021', all((d) => d.words.has('flood') || d.words.has('bridge'), (d) => d.note || d.highlights.some((h) => h.live && h.note), (d) => d.date !== null && d.date < '2021')],
    ['river -has:highlight date:2019..2021-06-30', all(word('river'), (d) => !d.highlights.some((h) => h.live), (d) => d.date !== null && d.date >= '2019' && d.date < '2021-07')],
    ['"river flood" code:Harm', all((d) => [...d.words].join(' ').includes('river flood'), hasCode('Harm'))],
  ];

  it('the corpus is large enough for the huge-set paths, and the model is not trivial', () => {
    expect(docs.filter(all(not(hasCode('Harm')), word('river'))).length).toBeGreaterThan(CANDIDATES);
    expect(docs.filter((d) => d.collections.has('Big')).length).toBeGreaterThan(1000);
    for (const [query, predicate] of cases.filter(([q]) => !/Fire|Unused|Gone/.test(q))) expect(docs.filter(predicate).length, query).toBeGreaterThan(0);
  });

  // The thresholds of the id-set browse (code:, tag:, has: … alone): the defaults, the date walk
  // always with a count capped low (a lower bound that countMatches completes), and the set sorted always.
  const settings: [string, Partial<SearchThresholds>, number][] = [
    ['defaults', {}, 1000],
    ['walk always, count capped at 5', { idSetWalkRatio: 1e9, idSetCountCap: 5 }, 37],
    ['sort always', { idSetWalkRatio: 0 }, 37],
  ];
  for (const [query, predicate] of cases) {
    it(`${query}: the same entries as the model, on every page of every sort, with the exact count`, () => {
      const truth = docs.filter(predicate);
      const want = truth.map((d) => d.id).sort((a, b) => a - b);
      for (const [setting, thresholds, limit] of settings) {
        const service = new SearchService(archive.db, { thresholds });
        for (const sort of ['relevance', 'date-desc', 'date-asc'] as const) {
          const { ids, first } = everyHit(service, query, sort, limit);
          const label = `${setting}, ${sort}`;
          expect(ids.length, `${label}: no hit twice`).toBe(new Set(ids).size);
          expect([...ids].sort((a, b) => a - b), label).toEqual(want);
          if (first.totalExact) expect(first.total, label).toBe(want.length);
          else expect(first.total, `${label}: a lower bound`).toBeLessThanOrEqual(want.length);
          if (sort !== 'relevance') {
            const byId = new Map(truth.map((d) => [d.id, d.date ?? '']));
            const dates = ids.map((id) => byId.get(id)!).filter((d) => d !== '');
            const sorted = [...dates].sort();
            expect(dates, `${label} order`).toEqual(sort === 'date-asc' ? sorted : sorted.reverse());
          }
        }
        expect(exactCount(service, query), setting).toBe(want.length);
      }
    });
  }

  it('a browse by annotation filters alone past the count cap says "at least", and countMatches completes it', () => {
    const service = new SearchService(archive.db, { thresholds: { idSetCountCap: 5 } });
    const first = service.search({ query: 'has:highlight', limit: 10 });
    // Five distinct ids looked at, fewer if some of them are deleted entries: at least that many.
    expect(first.totalExact).toBe(false);
    expect(first.total).toBeGreaterThan(0);
    expect(first.total).toBeLessThanOrEqual(5);
    expect(exactCount(service, 'has:highlight')).toBe(docs.filter((d) => d.highlights.some((h) => h.live)).length);
  });

  it('counts code facets by path with their sub-codes, live highlights and codes only; selecting one keeps what it counted', () => {
    const facets = archive.call('facets', { query: '' }) as FacetsResult;
    const live = Object.keys(code).filter((p) => p !== 'Harm/Fire');
    const expected = Object.fromEntries(live.map((p) => [p, docs.filter(hasCode(p)).length] as const).filter(([, n]) => n > 0));
    expect(expected['Harm']).toBeGreaterThan(expected['Harm/Flood damage']!);
    expect(Object.fromEntries(facets.code.map((f) => [f.value, f.count]))).toEqual(expected);
    expect(facets.code.map((f) => f.value)).not.toContain('Harm/Fire');
    for (const path of ['Harm', 'Harm/Flood damage', 'Response/Flood damage']) {
      const selected = archive.call('search', { query: '', filters: { code: [path] }, limit: 1000 }) as SearchResult;
      expect(selected.hits.map((h) => h.id).sort((a, b) => a - b), path).toEqual(docs.filter(hasCode(path)).map((d) => d.id));
    }
  });

  it('counts tag and collection facets for the current query, deleted collections left out', () => {
    const facets = archive.call('facets', { query: 'flood' }) as FacetsResult;
    const floods = docs.filter(word('flood'));
    const count = (p: (d: Doc) => boolean) => floods.filter(p).length;
    expect(Object.fromEntries(facets.tag.map((f) => [f.value, f.count]))).toEqual({ checked: count((d) => d.tags.has('checked')), Disputed: count((d) => d.tags.has('Disputed')) });
    expect(Object.fromEntries(facets.collection.map((f) => [f.value, f.count]))).toEqual({ Big: count((d) => d.collections.has('Big')), 'Small list': count((d) => d.collections.has('Small list')) });
    // Another facet's selection narrows the collection counts; the collection's own selection does not.
    const selected = archive.call('facets', { query: 'flood', filters: { collection: ['Small list'], tag: ['checked'] } }) as FacetsResult;
    const checkedFloods = floods.filter((d) => d.tags.has('checked'));
    expect(Object.fromEntries(selected.collection.map((f) => [f.value, f.count]))).toEqual(
      Object.fromEntries(
        [
          ['Big', checkedFloods.filter((d) => d.collections.has('Big')).length],
          ['Small list', checkedFloods.filter((d) => d.collections.has('Small list')).length],
        ].filter(([, n]) => (n as number) > 0),
      ),
    );
  });

  it('facets and the timeline of an annotation filter follow a change made since they were last asked for', () => {
    const query = { query: 'tag:fresh' };
    const before = archive.call('facets', query) as FacetsResult;
    expect(before.tag).toEqual([]);
    const [a, b] = [docs[1]!, docs[2]!];
    archive.call('setEntryTags', { entryId: a.id, tags: [...a.tags, 'fresh'] });
    archive.call('setEntryTags', { entryId: b.id, tags: [...b.tags, 'fresh'] });
    expect((archive.call('facets', query) as FacetsResult).tag.find((f) => f.value === 'fresh')?.count).toBe(2);
    const undated = [a, b].filter((d) => d.date === null).length;
    expect((archive.call('timeline', query) as { undated: number; buckets: { count: number }[] }).buckets.reduce((n, x) => n + x.count, undated)).toBe(2);
    archive.call('undo', undefined);
    expect((archive.call('facets', query) as FacetsResult).tag.find((f) => f.value === 'fresh')?.count).toBe(1);
    archive.call('undo', undefined);
  });

  it('explains has: values it does not know', () => {
    expect(() => archive.call('search', { query: 'has:photo' })).toThrow(/has: at character 1 takes has:highlight, has:note, has:tag/);
  });
});
