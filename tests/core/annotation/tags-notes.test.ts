// Tags and notes on whole entries: what the reader shows, what listTags counts, and undo/redo
// bringing back the same rows (ids and GUIDs), across reopening the archive.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../../electron/core/archive.ts';
import type { EntryAnnotations, EntryNote, FacetCount, UndoResult } from '../../../shared/contract.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { search, seedEntries, titles } from '../search/helpers/seed-entries.ts';

describe('tags and entry notes', () => {
  const dir = tempDir();
  const file = path.join(dir, 'tags.quire');
  let archive = new Archive(file);
  let ids: number[] = [];
  beforeAll(() => {
    ids = seedEntries(archive, [
      { title: 'Flood report', body: 'The river rose over the quay.' },
      { title: 'Budget vote', body: 'The council voted on the budget.' },
      { title: 'Market day', body: 'Stalls lined the square.' },
    ]);
  });
  afterAll(() => archive.close());

  const first = () => ids[0]!;
  const second = () => ids[1]!;
  const setTags = (entryId: number, tags: string[]) => (archive.call('setEntryTags', { entryId, tags }) as { tags: string[] }).tags;
  const listTags = () => archive.call('listTags', undefined) as FacetCount[];
  const annotations = (entryId: number) => archive.call('getEntryAnnotations', { entryId }) as EntryAnnotations;
  const undo = () => archive.call('undo', undefined) as UndoResult;
  const redo = () => archive.call('redo', undefined) as UndoResult;

  it('sets and replaces an entry’s tags, trimmed, without duplicates', () => {
    expect(setTags(first(), ['  flood ', 'Infrastructure', 'flood', ''])).toEqual(['flood', 'Infrastructure']);
    expect(annotations(first()).tags).toEqual(['flood', 'Infrastructure']);
    expect(setTags(first(), ['flood', 'urgent'])).toEqual(['flood', 'urgent']);
    expect(annotations(first()).tags).toEqual(['flood', 'urgent']);
  });

  it('reuses a tag whatever its case, keeping the spelling first used', () => {
    expect(setTags(second(), ['FLOOD', 'Council'])).toEqual(['Council', 'flood']);
    expect(setTags(ids[2]!, ['Économie'])).toEqual(['Économie']);
    expect(setTags(second(), ['FLOOD', 'Council', 'économie'])).toEqual(['Council', 'Économie', 'flood']);
    // One row per tag: the case variants were not stored again.
    expect(archive.db.prepare('SELECT name FROM tags ORDER BY name').pluck().all()).toEqual(['Council', 'flood', 'urgent', 'Économie']);
  });

  it('lists tags with the number of entries carrying each, and drops a tag nobody uses', () => {
    expect(listTags()).toEqual([
      { value: 'Council', label: 'Council', count: 1 },
      { value: 'Économie', label: 'Économie', count: 2 },
      { value: 'flood', label: 'flood', count: 2 },
      { value: 'urgent', label: 'urgent', count: 1 },
    ]);
    setTags(first(), ['flood']);
    expect(listTags().map((t) => t.value)).not.toContain('urgent');
    expect(archive.db.prepare("SELECT count(*) FROM tags WHERE name = 'urgent'").pluck().get()).toBe(0);
  });

  it('finds tagged entries with tag: in any case', () => {
    expect(titles(search(archive, 'tag:flood'))).toEqual(['Budget vote', 'Flood report']);
    expect(titles(search(archive, 'tag:FLOOD river'))).toEqual(['Flood report']);
    // As words do, tag names match whatever their case and accents.
    expect(titles(search(archive, 'tag:ECONOMIE'))).toEqual(['Budget vote', 'Market day']);
  });

  it('undoes and redoes a tag change, bringing back the same tag row', () => {
    const before = archive.db.prepare("SELECT id, guid FROM tags WHERE name = 'Council'").get();
    setTags(second(), ['flood']);
    expect(archive.db.prepare("SELECT count(*) FROM tags WHERE name = 'Council'").pluck().get()).toBe(0);
    expect(undo().done).toBe('Change tags');
    expect(annotations(second()).tags).toEqual(['Council', 'Économie', 'flood']);
    expect(archive.db.prepare("SELECT id, guid FROM tags WHERE name = 'Council'").get()).toEqual(before);
    redo();
    expect(annotations(second()).tags).toEqual(['flood']);
    undo();
  });

  it('creates, edits and deletes a note; undo restores the same note with its id and GUID', () => {
    const note = archive.call('saveEntryNote', { entryId: first(), text: 'Check the tide tables.' }) as EntryNote;
    expect(note).toMatchObject({ entryId: first(), text: 'Check the tide tables.' });
    const edited = archive.call('saveEntryNote', { id: note.id, entryId: first(), text: 'Check the tide tables for August.' }) as EntryNote;
    expect(edited).toMatchObject({ id: note.id, guid: note.guid, text: 'Check the tide tables for August.' });
    expect(annotations(first()).notes.map((n) => n.text)).toEqual(['Check the tide tables for August.']);
    expect(titles(search(archive, 'has:note'))).toEqual(['Flood report']);

    expect(archive.call('deleteEntryNote', { id: note.id })).toEqual({ deleted: true });
    expect(annotations(first()).notes).toEqual([]);
    expect(titles(search(archive, 'has:note'))).toEqual([]);
    expect(archive.call('deleteEntryNote', { id: note.id })).toEqual({ deleted: false });

    // Undo survives closing and reopening the archive.
    archive.close();
    archive = new Archive(file);
    expect(undo().done).toBe('Delete note');
    expect(annotations(first()).notes).toEqual([edited]);
    expect(undo().done).toBe('Edit note');
    expect(annotations(first()).notes.map((n) => [n.id, n.guid, n.text])).toEqual([[note.id, note.guid, 'Check the tide tables.']]);
    redo();
    redo();
    expect(annotations(first()).notes).toEqual([]);
  });

  it('refuses an empty note and a note for an entry that is not there', () => {
    expect(() => archive.call('saveEntryNote', { entryId: first(), text: '   ' })).toThrow(/needs some text/);
    expect(() => archive.call('saveEntryNote', { entryId: 999_999, text: 'x' })).toThrow(/not in this archive/);
    expect(() => archive.call('setEntryTags', { entryId: 999_999, tags: ['x'] })).toThrow(/not in this archive/);
  });
});
