// Alias groups (CRUD, file round trip, matchedVariants), transliteration on/off, facets,
// timeline, and saved searches' "new since opened".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../../electron/core/archive.ts';
import type { AliasGroup, FacetsResult, SavedSearch, TimelineResult } from '../../../shared/contract.ts';
import { QuireError } from '../../../shared/errors.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { openTestArchive, search, seedEntries, titles } from './helpers/seed-entries.ts';

describe('alias groups, transliteration, facets, timeline, saved searches', () => {
  const dir = tempDir();
  let archive: Archive;
  beforeAll(() => {
    archive = openTestArchive(dir, 'more');
    seedEntries(archive, [
      { title: 'Board meeting', body: 'The Northwind Institute held its board meeting.', date: '2021-01-10', outlet: 'Gazette', author: 'Ann Lee', source: 'a.txt' },
      { title: 'Funding', body: 'NWI announced new funding for the river survey.', date: '2021-02-11', outlet: 'Gazette', author: 'Bo Chen', source: 'a.txt' },
      { title: 'Staff', body: 'Staff at the Inst. de Nordvent met on Monday.', date: '2021-02-20', outlet: 'Herald', source: 'b.txt' },
      { title: 'Visit', body: 'Hossein Rouhani visited the northern district.', date: '2020-06-01', outlet: 'Herald', source: 'b.txt' },
      { title: 'Visit again', body: 'Husain Rowhani returned to the district.', date: '2020-07-01', outlet: 'Herald', source: 'b.txt' },
      { title: 'Names', body: 'Ghassem and Qasem are the same name; Kasem is not checked here.', source: 'c.txt' },
    ]);
  });
  afterAll(() => archive.close());

  it('expands any member of an alias group to all members and reports the variant that matched', () => {
    const group = archive.call('saveAliasGroup', { name: 'Example institute', variants: ['Northwind Institute', 'NWI', 'Inst. de Nordvent'] }) as AliasGroup;
    expect(group.variants).toHaveLength(3);
    const r = search(archive, 'nwi');
    expect(titles(r)).toEqual(['Board meeting', 'Funding', 'Staff']);
    const byTitle = Object.fromEntries(r.hits.map((h) => [h.title, h.matchedVariants]));
    expect(byTitle['Board meeting']).toEqual(['Northwind Institute']);
    expect(byTitle['Staff']).toEqual(['Inst. de Nordvent']);
    // A multi-word member typed without quotes expands too; the expansion is phrase-aware.
    expect(titles(search(archive, 'northwind institute'))).toEqual(['Board meeting', 'Funding', 'Staff']);
    expect(r.explanation).toMatch(/alias group Example institute/);
  });

  it('updates, lists and deletes alias groups', () => {
    const [g] = archive.call('listAliasGroups', undefined) as AliasGroup[];
    archive.call('saveAliasGroup', { id: g!.id, name: 'Example institute', variants: ['NWI', 'river survey'] });
    expect(titles(search(archive, 'nwi'))).toEqual(['Funding']);
    expect(archive.call('deleteAliasGroup', { id: g!.id })).toEqual({ deleted: true });
    expect(archive.call('listAliasGroups', undefined)).toEqual([]);
    expect(() => archive.call('saveAliasGroup', { name: 'Lonely', variants: ['only one'] })).toThrow(/at least two different variants/);
  });

  it('imports and exports alias groups as a text file, line by line, naming each bad line', () => {
    const text = '# my groups\nExample institute: Northwind Institute | NWI | Inst. de Nordvent\n\nRiver: river survey | the river\n';
    expect(archive.call('importAliasGroups', { text })).toEqual({ groups: 2, skipped: [] });
    const exported = (archive.call('exportAliasGroups', undefined) as { text: string }).text;
    expect(exported).toContain('Example institute: Inst. de Nordvent | NWI | Northwind Institute');
    // Round trip: importing the export changes nothing.
    const before = archive.call('listAliasGroups', undefined);
    archive.call('importAliasGroups', { text: exported });
    expect(archive.call('listAliasGroups', undefined)).toEqual(before);
    // One bad line no longer rejects the file: the good lines come in, each bad one is named.
    const mixed = archive.call('importAliasGroups', { text: 'Good: alpha | beta\nno colon here\nSolo: just one\n: nameless | x\nAlso good: gamma | delta\n' });
    expect(mixed).toEqual({
      groups: 2,
      skipped: [
        { line: 2, reason: expect.stringMatching(/no ":"/) },
        { line: 3, reason: expect.stringMatching(/"Solo" needs at least two variants/) },
        { line: 4, reason: expect.stringMatching(/no group name/) },
      ],
    });
    // A file with nothing readable is refused, naming the first bad line.
    expect(() => archive.call('importAliasGroups', { text: 'Solo: just one\n' })).toThrow(/No alias group could be read: line 1 "Solo" needs at least two variants/);
    expect((archive.call('listAliasGroups', undefined) as AliasGroup[]).map((g) => g.name).sort()).toEqual(['Also good', 'Example institute', 'Good', 'River']);
  });

  it('matches romanised spelling variants only when transliteration is on', () => {
    expect(titles(search(archive, 'hossein rouhani'))).toEqual(['Visit']);
    const on = search(archive, 'hossein rouhani', { transliteration: true });
    expect(titles(on)).toEqual(['Visit', 'Visit again']);
    expect(on.hits.find((h) => h.title === 'Visit again')?.matchedVariants?.sort()).toEqual(['husain', 'rowhani']);
    expect(titles(search(archive, 'qasem'))).toEqual(['Names']);
    expect(search(archive, 'ghasem', { transliteration: false }).total).toBe(0);
    expect(search(archive, 'ghasem', { transliteration: true }).total).toBe(1);
  });

  it('counts facets for the query and filters, OR within a facet, AND across facets', () => {
    const f = archive.call('facets', { query: '' }) as FacetsResult;
    expect(f.outlet).toEqual([
      { value: 'Herald', label: 'Herald', count: 3 },
      { value: 'Gazette', label: 'Gazette', count: 2 },
    ]);
    expect(f.year).toEqual([
      { value: '2021', label: '2021', count: 3 },
      { value: '2020', label: '2020', count: 2 },
    ]);
    expect(f.source.map((s) => [s.label, s.count])).toEqual([['b.txt', 3], ['a.txt', 2], ['c.txt', 1]]);
    const narrowed = archive.call('facets', { query: 'district OR funding', filters: { outlet: ['Herald'] } }) as FacetsResult;
    // The outlet facet ignores its own selection so other outlets can be added (OR within).
    expect(narrowed.outlet.map((o) => [o.value, o.count])).toEqual([['Herald', 2], ['Gazette', 1]]);
    expect(narrowed.year.map((o) => [o.value, o.count])).toEqual([['2020', 2]]);
    expect(titles(search(archive, '', { filters: { outlet: ['Herald', 'Gazette'], year: ['2021'] } }))).toEqual(['Board meeting', 'Funding', 'Staff']);
    expect(titles(search(archive, '', { filters: { outlet: ['Herald'], month: ['2021-02'] } }))).toEqual(['Staff']);
  });

  it('draws the timeline by month with the undated count', () => {
    const t = archive.call('timeline', { query: '' }) as TimelineResult;
    expect(t).toEqual({
      buckets: [
        { month: '2020-06', count: 1 },
        { month: '2020-07', count: 1 },
        { month: '2021-01', count: 1 },
        { month: '2021-02', count: 2 },
      ],
      undated: 1,
    });
    expect((archive.call('timeline', { query: 'district' }) as TimelineResult).buckets.map((b) => b.month)).toEqual(['2020-06', '2020-07']);
  });

  it('counts entries new since a saved search was last opened', () => {
    const saved = archive.call('saveSearch', { name: 'District news', query: 'district' }) as SavedSearch;
    expect(saved.newSinceOpened).toBe(0);
    seedEntries(archive, [
      { title: 'District fair', body: 'The district fair opens.' },
      { title: 'Other', body: 'Nothing relevant.' },
    ]);
    const listed = (archive.call('listSavedSearches', undefined) as SavedSearch[]).find((s) => s.id === saved.id);
    expect(listed?.newSinceOpened).toBe(1);
    const opened = archive.call('openSavedSearch', { id: saved.id }) as SavedSearch;
    expect(opened.newSinceOpened).toBe(0);
    expect(opened.lastOpenedAt).not.toBeNull();
    expect(() => archive.call('saveSearch', { name: 'Broken', query: '"unclosed' })).toThrow(QuireError);
    expect(archive.call('deleteSavedSearch', { id: saved.id })).toEqual({ deleted: true });
  });

  it('restores a deleted saved search (undo) with its "new since opened" intact', () => {
    const saved = archive.call('saveSearch', { name: 'Harbour watch', query: 'harbour' }) as SavedSearch;
    seedEntries(archive, [
      { title: 'Harbour dredging', body: 'The harbour is dredged.' },
      { title: 'Harbour fees', body: 'Harbour fees rise.' },
    ]);
    const before = (archive.call('listSavedSearches', undefined) as SavedSearch[]).find((s) => s.id === saved.id) as SavedSearch;
    expect(before.newSinceOpened).toBe(2);
    archive.call('deleteSavedSearch', { id: saved.id });
    const restored = archive.call('saveSearch', { name: before.name, query: before.query, seenUpTo: before.seenUpTo, lastOpenedAt: before.lastOpenedAt }) as SavedSearch;
    expect(restored.newSinceOpened).toBe(2);
    expect(restored.lastOpenedAt).toBe(before.lastOpenedAt);
    // Saved afresh, the same search starts from now.
    expect((archive.call('saveSearch', { name: 'Harbour again', query: 'harbour' }) as SavedSearch).newSinceOpened).toBe(0);
  });
});
