// The code tree: create nested codes, rename, recolour, re-parent, refuse cycles and duplicate
// sibling names, merge, and the three ways of deleting, each undone exactly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../../electron/core/archive.ts';
import type { Code, CodeImpact, Highlight, HistoryState } from '../../../shared/contract.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { openTestArchive, seedEntries } from '../search/helpers/seed-entries.ts';

describe('codes', () => {
  const dir = tempDir();
  let archive: Archive;
  let entry: number;
  beforeAll(() => {
    archive = openTestArchive(dir, 'codes');
    entry = seedEntries(archive, [{ title: 'Flood', body: 'The river rose over the bank and the town was flooded in the night.' }])[0]!;
  });
  afterAll(() => archive.close());

  const save = (req: Parameters<typeof archive.handlers.saveCode>[0]) => archive.call('saveCode', req) as Code;
  const codes = () => archive.call('listCodes', undefined) as Code[];
  const paths = () => codes().map((c) => c.path).sort();
  const mark = (start: number, codeIds: number[]) => archive.call('createHighlight', { entryId: entry!, start, end: start + 5, codeIds }) as Highlight;
  const codesOf = (h: Highlight) => (archive.call('getEntryAnnotations', { entryId: entry! }) as { highlights: Highlight[] }).highlights.find((x) => x.id === h.id)?.codes.map((c) => c.path) ?? null;
  const undo = () => archive.call('undo', undefined);

  it('creates nested codes with paths, and renames, recolours and describes them', () => {
    const place = save({ name: 'Place' });
    const river = save({ name: 'River', parentId: place.id, color: '#3366cc' });
    const bank = save({ name: 'Bank / shore', parentId: river.id });
    expect(bank.path).toBe('Place/River/Bank \\/ shore');
    expect(river.color).toBe('#3366cc');
    const renamed = save({ id: river.id, name: 'Stream', description: 'Any running water' });
    expect(renamed).toMatchObject({ name: 'Stream', description: 'Any running water', parentId: place.id, color: '#3366cc' });
    expect(paths()).toEqual(['Place', 'Place/Stream', 'Place/Stream/Bank \\/ shore']);
    expect((archive.call('history', undefined) as HistoryState).undo).toBe('Rename code “River”');
    undo();
    expect(paths()).toEqual(['Place', 'Place/River', 'Place/River/Bank \\/ shore']);
  });

  it('refuses duplicate sibling names (any case) at the root and below, naming where', () => {
    const place = codes().find((c) => c.path === 'Place')!;
    expect(() => save({ name: 'place' })).toThrow('A code named “place” already exists at the top level.');
    expect(() => save({ name: 'river', parentId: place.id })).toThrow('A code named “river” already exists under “Place”.');
    // The same name under another parent is fine.
    const people = save({ name: 'People' });
    expect(save({ name: 'River', parentId: people.id }).path).toBe('People/River');
    const other = save({ name: 'Other' });
    expect(() => save({ id: other.id, name: 'PEOPLE' })).toThrow(/already exists at the top level/);
    expect(() => save({ id: other.id, name: '   ' })).toThrow('A code needs a name.');
    expect(() => archive.call('saveCode', { id: 999_999, name: 'Gone' })).toThrow('Code 999999 is not in this archive.');
  });

  it('re-parents a code with its sub-codes and refuses to make a cycle', () => {
    const byPath = new Map(codes().map((c) => [c.path, c]));
    const place = byPath.get('Place')!;
    const bank = byPath.get('Place/River/Bank \\/ shore')!;
    expect(() => save({ id: place.id, parentId: bank.id })).toThrow('“Place” cannot be moved under itself or one of its sub-codes.');
    expect(() => save({ id: place.id, parentId: place.id })).toThrow(/cannot be moved under itself/);
    const other = byPath.get('Other')!;
    save({ id: place.id, parentId: other.id });
    expect(paths()).toContain('Other/Place/River/Bank \\/ shore');
    undo();
    expect(paths()).toContain('Place/River/Bank \\/ shore');
  });

  it('counts the highlights carrying each code, and says what deleting would touch', () => {
    const byPath = new Map(codes().map((c) => [c.path, c]));
    const place = byPath.get('Place')!;
    const river = byPath.get('Place/River')!;
    const people = byPath.get('People')!;
    mark(0, [river.id]);
    mark(10, [river.id, people.id]);
    mark(20, [place.id]);
    expect(codes().find((c) => c.id === river.id)!.highlights).toBe(2);
    expect(archive.call('codeImpact', { id: place.id })).toEqual({ id: place.id, descendants: 2, highlights: 3, highlightsOnlyThese: 2 });
    for (let i = 0; i < 3; i++) undo();
  });

  it('merges one code into another: highlights and sub-codes move, same-named sub-codes merge', () => {
    const a = save({ name: 'Weather' });
    const aRain = save({ name: 'Rain', parentId: a.id });
    const b = save({ name: 'Climate' });
    const bRain = save({ name: 'rain', parentId: b.id });
    const h1 = mark(0, [a.id]);
    const h2 = mark(10, [aRain.id, bRain.id]);
    const merged = archive.call('mergeCodes', { from: a.id, into: b.id }) as Code;
    expect(merged.highlights).toBe(1);
    expect(paths().filter((p) => /Weather|Climate/.test(p))).toEqual(['Climate', 'Climate/rain']);
    expect(codesOf(h1)).toEqual(['Climate']);
    expect(codesOf(h2)).toEqual(['Climate/rain']);
    expect(() => archive.call('mergeCodes', { from: b.id, into: bRain.id })).toThrow(/cannot be merged into itself or one of its sub-codes/);
    undo();
    expect(paths().filter((p) => /Weather|Climate/.test(p))).toEqual(['Climate', 'Climate/rain', 'Weather', 'Weather/Rain']);
    expect(codesOf(h1)).toEqual(['Weather']);
    expect(codesOf(h2)?.sort()).toEqual(['Climate/rain', 'Weather/Rain']);
  });

  it('deletes with move-up: sub-codes go up a level, highlights just lose the code', () => {
    const weather = codes().find((c) => c.path === 'Weather')!;
    const h = mark(30, [weather.id]);
    const impact = archive.call('deleteCode', { id: weather.id, mode: 'move-up' }) as CodeImpact;
    expect(impact).toMatchObject({ descendants: 1, highlights: 3, highlightsOnlyThese: 2 });
    expect(paths()).toContain('Rain');
    expect(paths()).not.toContain('Weather');
    expect(codesOf(h)).toEqual([]); // kept, with no code
    undo();
    expect(codesOf(h)).toEqual(['Weather']);
    expect(paths()).toContain('Weather/Rain');
  });

  it('deletes with merge: everything goes to the target', () => {
    const weather = codes().find((c) => c.path === 'Weather')!;
    const climate = codes().find((c) => c.path === 'Climate')!;
    expect(() => archive.call('deleteCode', { id: weather.id, mode: 'merge' })).toThrow(/Say which code to merge into/);
    archive.call('deleteCode', { id: weather.id, mode: 'merge', into: climate.id });
    expect(paths().filter((p) => /Weather|Climate/.test(p))).toEqual(['Climate', 'Climate/rain']);
    undo();
  });

  it('deletes with delete: the code and sub-codes go to the trash with the highlights left with no code, and undo brings back the same rows', () => {
    const weather = codes().find((c) => c.path === 'Weather')!;
    const rain = codes().find((c) => c.path === 'Weather/Rain')!;
    const before = (archive.call('getEntryAnnotations', { entryId: entry! }) as { highlights: Highlight[] }).highlights;
    const impact = archive.call('deleteCode', { id: weather.id, mode: 'delete' }) as CodeImpact;
    // h1 (Weather) and h at 30 (Weather) had only these codes; h2 keeps Climate/rain.
    expect(impact).toEqual({ id: weather.id, descendants: 1, highlights: 3, highlightsOnlyThese: 2 });
    const after = (archive.call('getEntryAnnotations', { entryId: entry! }) as { highlights: Highlight[] }).highlights;
    expect(after).toHaveLength(before.length - 2);
    expect(after.find((h) => h.start === 10)!.codes.map((c) => c.path)).toEqual(['Climate/rain']);
    expect(paths()).not.toContain('Weather');
    // Trashed, not removed: the rows are still there, marked deleted.
    expect(archive.db.prepare('SELECT count(*) AS n FROM codes WHERE id IN (?, ?) AND deleted_at IS NOT NULL').get(weather.id, rain.id)).toEqual({ n: 2 });
    undo();
    const restored = (archive.call('getEntryAnnotations', { entryId: entry! }) as { highlights: Highlight[] }).highlights;
    expect(restored).toEqual(before);
    expect(codes().find((c) => c.path === 'Weather')).toMatchObject({ id: weather.id, guid: weather.guid });
  });
});
