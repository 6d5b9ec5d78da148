// The code tree is kept per connection (CodeTree.current) for the highlights list and an entry's
// highlights: the code paths they show must still follow every change to the codes, made on this
// connection (rename, undo, re-parent), on another connection (the worker's writer and readers are
// separate connections), or undone by a rollback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../../electron/core/archive.ts';
import type { Code, HighlightList } from '../../../shared/contract.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { openTestArchive, seedEntries } from '../search/helpers/seed-entries.ts';

describe('code paths on listed highlights', () => {
  const dir = tempDir();
  let archive: Archive;
  let entry: number;
  let place: Code;
  let river: Code;
  let other: Code;
  beforeAll(() => {
    archive = openTestArchive(dir, 'tree');
    entry = seedEntries(archive, [{ title: 'Flood', body: 'The river rose over the bank in the night.' }])[0]!;
    place = archive.call('saveCode', { name: 'Place' }) as Code;
    river = archive.call('saveCode', { name: 'River', parentId: place.id }) as Code;
    other = archive.call('saveCode', { name: 'Other' }) as Code;
    archive.call('createHighlight', { entryId: entry, start: 0, end: 5, codeIds: [river.id] });
  });
  afterAll(() => archive.close());

  const listed = (a: Archive = archive) => (a.call('listHighlights', {}) as HighlightList).items.flatMap((h) => h.codes.map((c) => c.path));
  const onEntry = () => (archive.call('getEntryAnnotations', { entryId: entry }) as { highlights: { codes: { path: string }[] }[] }).highlights.flatMap((h) => h.codes.map((c) => c.path));

  it('follows a rename, its undo and a move on the same connection', () => {
    expect(listed()).toEqual(['Place/River']);
    archive.call('saveCode', { id: place.id, name: 'Landscape' });
    expect(listed()).toEqual(['Landscape/River']);
    expect(onEntry()).toEqual(['Landscape/River']);
    archive.call('undo', undefined);
    expect(listed()).toEqual(['Place/River']);
    archive.call('saveCode', { id: river.id, parentId: other.id });
    expect(listed()).toEqual(['Other/River']);
    archive.call('undo', undefined);
    expect(onEntry()).toEqual(['Place/River']);
  });

  it('follows a rename made by another connection to the archive', () => {
    const reader = new Archive(archive.path);
    try {
      expect(listed(reader)).toEqual(['Place/River']);
      archive.call('saveCode', { id: river.id, name: 'Stream' });
      expect(listed(reader)).toEqual(['Place/Stream']);
      archive.call('undo', undefined);
      expect(listed(reader)).toEqual(['Place/River']);
    } finally {
      reader.close();
    }
  });

  it('shows no name from a change that was rolled back', () => {
    expect(listed()).toEqual(['Place/River']);
    expect(() =>
      archive.db.transaction(() => {
        archive.db.prepare('UPDATE codes SET name = ? WHERE id = ?').run('Never saved', river.id);
        expect(listed()).toEqual(['Place/Never saved']); // seen inside the transaction
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    expect(listed()).toEqual(['Place/River']);
  });
});
