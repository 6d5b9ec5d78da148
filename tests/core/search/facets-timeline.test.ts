// The code facet reads code ids off the highlights and turns them into paths from the codebook
// snapshot (search/code-ids.ts facetPaths), where it once built every code's path in SQL on each
// call. Checked against that SQL on random archives (same values, counts, order and tie-breaks),
// and after every kind of codebook edit, on the very next facets call, on the connection that made
// the edit and on another one. The facets and the timeline of one search share its entry rows:
// in either order they answer as a fresh connection does, and a write is seen by the next call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../../electron/core/archive.ts';
import { CODE_PATHS } from '../../../electron/core/search/sql-filters.ts';
import type { Code, FacetCount, FacetsResult, FacetValues, Highlight, SearchRequest, SearchResult, TimelineResult } from '../../../shared/contract.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { smallCodebook } from './helpers/small-codebook.ts';
import { openTestArchive, seedEntries } from './helpers/seed-entries.ts';
import { rng } from './helpers/skewed-corpus.ts';

// The code facet's statement before the codebook snapshot served its paths (the reference).
const SQL_CODE_PAIRS = `WITH RECURSIVE ${CODE_PATHS},
    up(id, path) AS (SELECT id, path FROM code_paths
                     UNION ALL SELECT c.id, u.path FROM codes c JOIN up u ON c.parent_id = u.id WHERE c.deleted_at IS NULL)
  SELECT DISTINCT h.entry_id AS id, u.path AS value FROM highlights h JOIN highlight_codes hc ON hc.highlight_id = h.id
    JOIN up u ON u.id = hc.code_id WHERE h.deleted_at IS NULL AND h.entry_id IN (SELECT value FROM json_each(?))`;

/** The code facet's whole list as that SQL made it: entries per path, most first, then by value. */
function sqlCodeValues(archive: Archive, req: SearchRequest): FacetCount[] {
  const ids = (archive.call('search', { ...req, limit: 100_000 }) as SearchResult).hits.map((h) => h.id);
  const counts = new Map<string, number>();
  for (const p of archive.db.prepare(SQL_CODE_PAIRS).all(JSON.stringify(ids)) as { value: string }[]) counts.set(p.value, (counts.get(p.value) ?? 0) + 1);
  return [...counts]
    .map(([value, count]) => ({ value, label: value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

/** The facets call's code list (first 100 and how many there are) and the whole list, against the SQL's. */
function expectSameCodeFacet(archive: Archive, req: SearchRequest, sql: FacetCount[], what: string): void {
  const facets = archive.call('facets', req) as FacetsResult;
  expect(facets.code, `${what}: facets`).toEqual(sql.slice(0, 100));
  expect(facets.distinct?.code, `${what}: distinct`).toBe(sql.length > 100 ? sql.length : undefined);
  expect((archive.call('facetValues', { ...req, facet: 'code' }) as FacetValues).values, `${what}: facetValues`).toEqual(sql);
}

const WORDS = ['harbour', 'market', 'ferry', 'drought', 'council', 'strike', 'bread', 'storm'];
const NAMES = ['Harm', 'harm', 'Flood', 'Prix / coûts', 'Économie', 'Reply', 'Crop loss', 'İstanbul'];

describe('code facet values from the codebook snapshot, against the SQL that built them', () => {
  const dir = tempDir();

  for (const seed of [7, 1913, 424242]) {
    it(`random archive ${seed}: same values, counts, order and tie-breaks`, () => {
      const rand = rng(seed);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
      const archive = openTestArchive(dir, `facet-codes-${seed}`);
      try {
        const codes: Code[] = [];
        // Enough codes (with their ancestors) that some searches have more than 100 values; names
        // repeat under different parents, some contain '/', some differ only in case or accents.
        for (let i = 0; i < 160; i++) {
          const parent = codes.length > 0 && rand() < 0.75 ? pick(codes) : undefined;
          const name = `${pick(NAMES)} ${Math.floor(rand() * 12)}`;
          try {
            codes.push(archive.call('saveCode', { name, parentId: parent?.id ?? null }) as Code);
          } catch {
            // A name already taken among its siblings: skipped.
          }
        }
        const ids = seedEntries(
          archive,
          Array.from({ length: 150 }, (_, i) => ({ title: `Entry ${i}`, body: `${pick(WORDS)} ${pick(WORDS)} report ${i}`, outlet: pick(['Gazette', 'Herald']) })),
        );
        const highlights: Highlight[] = [];
        for (let i = 0; i < 260; i++) {
          const codeIds = [...new Set(Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(codes).id))];
          highlights.push(archive.call('createHighlight', { entryId: pick(ids), start: 0, end: 6, codeIds }) as Highlight);
        }
        for (let i = 0; i < 20; i++) archive.call('deleteHighlight', { id: pick(highlights).id });
        // Trashed codes: through the app (each way), and a trashed parent left with live children.
        archive.call('deleteCode', { id: pick(codes).id, mode: 'move-up' });
        archive.call('deleteCode', { id: pick(codes).id, mode: 'delete' });
        const parents = codes.filter((c) => codes.some((d) => d.parentId === c.id));
        archive.db.prepare("UPDATE codes SET deleted_at = '2026-01-01T00:00:00Z' WHERE id = ?").run(pick(parents).id);

        const live = archive.call('listCodes', undefined) as Code[];
        const requests: SearchRequest[] = [
          { query: '' },
          { query: pick(WORDS) },
          { query: `${pick(WORDS)} OR ${pick(WORDS)}` },
          { query: `code:${pick(live).name}` },
          { query: `code:${pick(live).path} ${pick(WORDS)}` },
          { query: 'has:highlight', filters: { outlet: ['Herald'] } },
          { query: 'nothingmatcheshere' },
        ];
        let many = 0;
        for (const req of requests) {
          const sql = sqlCodeValues(archive, req);
          if (sql.length > 100) many++;
          expectSameCodeFacet(archive, req, sql, `seed ${seed} ${JSON.stringify(req)}`);
        }
        // The comparison reached lists cut at 100 values, where order and tie-breaks decide what shows.
        expect(many).toBeGreaterThan(0);
      } finally {
        archive.close();
      }
    });
  }
});

describe('code facet after codebook edits: seen by the very next facets call', () => {
  const dir = tempDir();
  let writer: Archive;
  let reader: Archive;
  let code: Record<string, Code>;
  const req: SearchRequest = { query: 'report' };

  beforeAll(() => {
    ({ writer, reader, code } = smallCodebook(dir, 'facet-code-edits'));
  });
  afterAll(() => {
    reader.close();
    writer.close();
  });

  /** The facet's values and counts on both connections, checked against the SQL; as `path count` strings. */
  const facet = (): string[] => {
    const sql = sqlCodeValues(writer, req);
    expectSameCodeFacet(writer, req, sql, 'writer');
    expectSameCodeFacet(reader, req, sql, 'reader');
    return sql.map((c) => `${c.value} ${c.count}`);
  };

  it('before any edit', () => {
    expect(facet()).toEqual(['Economy 3', 'Weather 2', 'Economy/Prices 2', 'Economy/Prices/Fuel 1', 'Weather/Storms 2', 'Weather/Storms/Hail 1'].sort(byCount));
  });

  it('a move, a rename, a merge, a delete, an undo and a redo', () => {
    writer.call('saveCode', { id: code['Storms']!.id, parentId: code['Economy']!.id });
    expect(facet()).toEqual(['Economy 5', 'Economy/Storms 2', 'Economy/Prices 2', 'Economy/Prices/Fuel 1', 'Economy/Storms/Hail 1'].sort(byCount));

    writer.call('saveCode', { id: code['Prices']!.id, name: 'Costs' });
    expect(facet()).toContain('Economy/Costs 2');

    writer.call('mergeCodes', { from: code['Prices']!.id, into: code['Storms']!.id });
    expect(facet()).toEqual(['Economy 5', 'Economy/Storms 4', 'Economy/Storms/Fuel 1', 'Economy/Storms/Hail 1'].sort(byCount));

    writer.call('deleteCode', { id: code['Storms']!.id, mode: 'move-up' });
    expect(facet()).toEqual(['Economy 3', 'Economy/Fuel 1', 'Economy/Hail 1'].sort(byCount));

    writer.call('undo', undefined);
    expect(facet()).toEqual(['Economy 5', 'Economy/Storms 4', 'Economy/Storms/Fuel 1', 'Economy/Storms/Hail 1'].sort(byCount));

    writer.call('redo', undefined);
    expect(facet()).toEqual(['Economy 3', 'Economy/Fuel 1', 'Economy/Hail 1'].sort(byCount));

    writer.call('deleteCode', { id: code['Economy']!.id, mode: 'delete' });
    expect(facet()).toEqual([]);
  });
});

/** `path count` strings in the facet's order: most first, then by path. */
function byCount(a: string, b: string): number {
  const split = (s: string) => [s.slice(0, s.lastIndexOf(' ')), Number(s.slice(s.lastIndexOf(' ') + 1))] as const;
  const [va, ca] = split(a);
  const [vb, cb] = split(b);
  return cb - ca || (va < vb ? -1 : va > vb ? 1 : 0);
}

describe('the facets and the timeline of one search share its entry rows', () => {
  const dir = tempDir();
  let writer: Archive;
  let reader: Archive;
  const requests: SearchRequest[] = [{ query: '' }, { query: 'harbour' }, { query: 'code:Weather' }, { query: 'code:Weather', filters: { outlet: ['Herald'] } }];

  beforeAll(() => {
    writer = openTestArchive(dir, 'facets-then-timeline');
    const rand = rng(99);
    const ids = seedEntries(
      writer,
      Array.from({ length: 80 }, (_, i) => ({
        title: `Entry ${i}`,
        body: `${rand() < 0.5 ? 'harbour' : 'market'} report ${i}`,
        date: rand() < 0.1 ? null : `20${10 + Math.floor(rand() * 8)}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`,
        outlet: rand() < 0.5 ? 'Gazette' : 'Herald',
      })),
    );
    const weather = writer.call('saveCode', { name: 'Weather' }) as Code;
    for (const id of ids.filter((_, i) => i % 3 === 0)) writer.call('createHighlight', { entryId: id, start: 0, end: 6, codeIds: [weather.id] });
    reader = new Archive(writer.path, { readonly: true });
  });
  afterAll(() => {
    reader.close();
    writer.close();
  });

  /** Facets then timeline on the writer, timeline then facets on the reader: the same answers. */
  const both = (req: SearchRequest) => {
    const facets = writer.call('facets', req);
    const timeline = writer.call('timeline', req) as TimelineResult;
    expect(reader.call('timeline', req), `${JSON.stringify(req)}: timeline`).toEqual(timeline);
    expect(reader.call('facets', req), `${JSON.stringify(req)}: facets`).toEqual(facets);
    return { facets: facets as FacetsResult, timeline };
  };

  it('in either order, on each connection', () => {
    for (const req of requests) expect(both(req).timeline.buckets.length).toBeGreaterThan(3);
  });

  it('a new entry is in the next timeline and facets after those of the same search', () => {
    for (const req of requests) both(req);
    const [id] = seedEntries(writer, [{ title: 'Late', body: 'a harbour report from later', date: '2031-05-02', outlet: 'Herald' }]);
    writer.call('createHighlight', { entryId: id!, start: 0, end: 6, codeIds: [(writer.call('listCodes', undefined) as Code[])[0]!.id] });
    for (const req of requests) {
      const { facets, timeline } = both(req);
      expect(timeline.buckets.at(-1), JSON.stringify(req)).toEqual({ month: '2031-05', count: 1 });
      expect(facets.year?.[0], JSON.stringify(req)).toEqual({ value: '2031', label: '2031', count: 1 });
    }
  });
});
