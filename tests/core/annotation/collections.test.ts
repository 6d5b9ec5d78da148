// Collections as a researcher uses them: make one, add entries, highlights or a whole search,
// see it as a list with collection: and its facet, remove, delete and undo.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../../electron/core/archive.ts';
import { MEMBER_CHUNK } from '../../../electron/core/annotation/collections-repo.ts';
import type { CollectionSummary, EntryAnnotations, FacetsResult, Highlight, UndoResult } from '../../../shared/contract.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { search, seedEntries, titles } from '../search/helpers/seed-entries.ts';

describe('collections', () => {
  const dir = tempDir();
  const archive = new Archive(path.join(dir, 'collections.quire'));
  let ids: number[] = [];
  beforeAll(() => {
    ids = seedEntries(archive, [
      { title: 'Flood report', body: 'The river rose over the quay.', date: '2021-03-01' },
      { title: 'Flood warning', body: 'A river warning for the valley.', date: '2021-02-01' },
      { title: 'Budget vote', body: 'The council voted on the budget.', date: '2021-01-01' },
      { title: 'Market day', body: 'Stalls lined the square by the river.' },
    ]);
  });
  afterAll(() => archive.close());

  const save = (name: string, more: { id?: number; description?: string | null } = {}) => archive.call('saveCollection', { name, ...more }) as CollectionSummary;
  const list = () => archive.call('listCollections', undefined) as CollectionSummary[];
  const add = (req: { collectionId: number; entryIds?: number[]; highlightIds?: number[]; search?: { query: string } }) => (archive.call('addToCollection', req) as { added: number }).added;
  const members = (collectionId: number) =>
    archive.db.prepare('SELECT entry_id FROM collection_entries WHERE collection_id = ? ORDER BY position').pluck().all(collectionId) as number[];
  const byName = (name: string) => list().find((c) => c.name === name)!;
  const undo = () => archive.call('undo', undefined) as UndoResult;

  it('creates, renames and describes collections; names are unique whatever their case', () => {
    const c = save('  Chapter 2 ');
    expect(c).toMatchObject({ name: 'Chapter 2', description: null, entries: 0, highlights: 0 });
    expect(() => save('chapter 2')).toThrow(/already a collection named “Chapter 2”/);
    const accented = save('Économie');
    expect(() => save('ÉCONOMIE')).toThrow(/already a collection named “Économie”/);
    archive.call('deleteCollection', { id: accented.id });
    const renamed = save('Chapter two', { id: c.id, description: 'Floods and votes' });
    expect(renamed).toMatchObject({ id: c.id, guid: c.guid, name: 'Chapter two', description: 'Floods and votes' });
    // An absent description is left as it is.
    expect(save('Chapter 2', { id: c.id }).description).toBe('Floods and votes');
    save('Appendix');
    expect(list().map((x) => x.name)).toEqual(['Appendix', 'Chapter 2']);
  });

  it('adds entries and highlights once each, appended in order, and counts them', () => {
    const c = byName('Chapter 2');
    expect(add({ collectionId: c.id, entryIds: [ids[2]!, ids[0]!] })).toBe(2);
    expect(add({ collectionId: c.id, entryIds: [ids[0]!, ids[1]!, 999_999] })).toBe(1);
    expect(members(c.id)).toEqual([ids[2], ids[0], ids[1]]);
    const code = archive.call('saveCode', { name: 'Water' }) as { id: number };
    const h = archive.call('createHighlight', { entryId: ids[3]!, start: 0, end: 6, codeIds: [code.id] }) as Highlight;
    expect(add({ collectionId: c.id, highlightIds: [h.id, h.id] })).toBe(1);
    expect(byName('Chapter 2')).toMatchObject({ entries: 3, highlights: 1 });
    // A deleted highlight no longer counts.
    archive.call('deleteHighlight', { id: h.id });
    expect(byName('Chapter 2').highlights).toBe(0);
    undo();
    expect(byName('Chapter 2').highlights).toBe(1);
  });

  it('keeps an entry in two collections and shows both in the reader', () => {
    const appendix = byName('Appendix');
    expect(add({ collectionId: appendix.id, entryIds: [ids[0]!] })).toBe(1);
    const ann = archive.call('getEntryAnnotations', { entryId: ids[0]! }) as EntryAnnotations;
    expect(ann.collections.map((c) => c.name)).toEqual(['Appendix', 'Chapter 2']);
  });

  it('opens a collection as a list with collection:, combined with words, and counts it in the facet', () => {
    expect(titles(search(archive, 'collection:"chapter 2"'))).toEqual(['Budget vote', 'Flood report', 'Flood warning']);
    expect(titles(search(archive, 'collection:"Chapter 2" river'))).toEqual(['Flood report', 'Flood warning']);
    expect(titles(search(archive, 'collection:Appendix OR collection:"Chapter 2"'))).toHaveLength(3);
    expect(titles(search(archive, '-collection:"Chapter 2"'))).toEqual(['Market day']);
    const facets = archive.call('facets', { query: 'river' }) as FacetsResult;
    expect(facets.collection).toEqual([
      { value: 'Chapter 2', label: 'Chapter 2', count: 2 },
      { value: 'Appendix', label: 'Appendix', count: 1 },
    ]);
    expect(titles(search(archive, '', { filters: { collection: ['Appendix'] } }))).toEqual(['Flood report']);
  });

  it('adds every entry a search matches', () => {
    const c = save('Rivers');
    expect(add({ collectionId: c.id, search: { query: 'river' } })).toBe(3);
    // Oldest first, undated last.
    expect(members(c.id)).toEqual([ids[1], ids[0], ids[3]]);
    expect(add({ collectionId: c.id, search: { query: 'river OR budget' } })).toBe(1);
    expect(byName('Rivers').entries).toBe(4);
  });

  it(`adds a search of more than ${MEMBER_CHUNK.toLocaleString('en')} matches in chunks, as one undoable change`, () => {
    const many = seedEntries(
      archive,
      Array.from({ length: MEMBER_CHUNK + 300 }, (_, i) => ({ title: `Tide table ${i}`, body: `tide gauge reading ${i}`, date: `2020-01-${String((i % 28) + 1).padStart(2, '0')}` })),
    );
    const c = save('Tides');
    expect(add({ collectionId: c.id, search: { query: 'tide' } })).toBe(many.length);
    expect(byName('Tides').entries).toBe(many.length);
    expect(new Set(members(c.id)).size).toBe(many.length);
    // Over 5,000 the search's own count is a lower bound; countMatches gives the exact one.
    const found = search(archive, 'collection:Tides');
    expect(found.total).toBeLessThanOrEqual(many.length);
    let exact = 0;
    for (let after: number | null = 0; after !== null; ) {
      const slice = archive.call('countMatches', { query: 'collection:Tides', after }) as { counted: number; next: number | null };
      exact += slice.counted;
      after = slice.next;
    }
    expect(exact).toBe(many.length);
    expect(undo().done).toBe(`Add ${many.length.toLocaleString('en')} items to “Tides”`);
    expect(byName('Tides').entries).toBe(0);
  });

  it('removes members, keeping the entries in the archive', () => {
    const c = byName('Chapter 2');
    expect((archive.call('removeFromCollection', { collectionId: c.id, entryIds: [ids[0]!, 999_999] }) as { removed: number }).removed).toBe(1);
    expect(titles(search(archive, 'collection:"Chapter 2"'))).toEqual(['Budget vote', 'Flood warning']);
    expect(titles(search(archive, '"flood report"'))).toEqual(['Flood report']);
    expect(undo().done).toBe('Remove one item from “Chapter 2”');
    expect(titles(search(archive, 'collection:"Chapter 2"'))).toEqual(['Budget vote', 'Flood report', 'Flood warning']);
  });

  it('deletes a collection (its name free again) and undo brings it back with its members', () => {
    const c = byName('Chapter 2');
    expect(archive.call('deleteCollection', { id: c.id })).toEqual({ deleted: true });
    expect(list().map((x) => x.name)).not.toContain('Chapter 2');
    expect(search(archive, 'collection:"Chapter 2"').total).toBe(0);
    expect((archive.call('facets', { query: 'river' }) as FacetsResult).collection.map((f) => f.value)).not.toContain('Chapter 2');
    expect(() => archive.call('addToCollection', { collectionId: c.id, entryIds: [ids[0]!] })).toThrow(/not in this archive/);
    expect(undo().done).toBe('Delete collection “Chapter 2”');
    expect(byName('Chapter 2')).toMatchObject({ id: c.id, guid: c.guid, entries: 3, highlights: 1 });
    expect(archive.call('redo', undefined)).toMatchObject({ done: 'Delete collection “Chapter 2”' });
    // A new collection may take the deleted one's name.
    expect(save('Chapter 2').id).not.toBe(c.id);
  });
});
