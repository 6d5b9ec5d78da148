// Deleting a wrong import, or single entries, and taking it back: real files imported through the
// real pipeline, annotated, deleted by source and by entry, undone and redone.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../../electron/core/archive.ts';
import type {
  Code,
  DeleteEntriesResult,
  EntryAnnotations,
  EntryDetail,
  FacetCount,
  Highlight,
  HighlightList,
  ImportReport,
  SearchResult,
  SourceSummary,
  UndoResult,
} from '../../../shared/contract.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const LONG = (word: string) => Array.from({ length: 40 }, (_, i) => `${word} ${['water', 'river', 'bank', 'notice', 'level'][i % 5]} ${i}`).join(' ');

describe('deleting sources and entries', () => {
  const dir = tempDir();
  const archive = new Archive(path.join(dir, 'delete.quire'));
  afterAll(() => archive.close());

  const write = (name: string, records: { title: string; text: string; date?: string }[]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    return file;
  };
  const importFile = async (file: string) => {
    const report = (await archive.call('importFiles', { paths: [file] })) as ImportReport;
    expect(report.files[0]?.status).toBe('imported');
    return report.files[0]!.sourceId!;
  };
  const search = (query: string) => archive.call('search', { query, limit: 100 }) as SearchResult;
  const found = (query: string) => search(query).hits.map((h) => h.title).sort();
  const idOf = (title: string) => archive.db.prepare('SELECT id FROM entries WHERE title = ?').pluck().get(title) as number;
  const guidOf = (id: number) => archive.db.prepare('SELECT guid FROM entries WHERE id = ?').pluck().get(id) as string | undefined;
  const sourceNames = () => (archive.call('listSources', undefined) as SourceSummary[]).map((s) => s.name).sort();
  const del = (req: { sourceIds?: number[]; entryIds?: number[] }) => archive.call('deleteEntries', req) as DeleteEntriesResult;
  const undo = () => archive.call('undo', undefined) as UndoResult;
  const redo = () => archive.call('redo', undefined) as UndoResult;
  const getEntry = (id: number) => archive.call('getEntry', { id }) as EntryDetail;

  let bands = 0;
  let wrong: number;
  let other: number;
  let highlight: Highlight;
  const ids: Record<string, number> = {};
  const guids: Record<string, string> = {};

  beforeAll(async () => {
    wrong = await importFile(
      write('wrong-import.jsonl', [
        { title: 'Levee breach', text: `Levee breach at the north dyke. ${LONG('breach')}`, date: '2021-05-01' },
        { title: 'Pump station', text: `Pump station failed overnight. ${LONG('station')}`, date: '2021-05-02' },
        { title: 'Shared bulletin', text: `Shared bulletin about the harbour. ${LONG('bulletin')}`, date: '2021-05-03' },
      ]),
    );
    other = await importFile(
      write('good-import.jsonl', [
        { title: 'Shared bulletin', text: `Shared bulletin about the harbour. ${LONG('bulletin')}`, date: '2021-05-03' },
        { title: 'Tide tables', text: `Tide tables for June. ${LONG('tables')}`, date: '2021-06-01' },
      ]),
    );
    for (const t of ['Levee breach', 'Pump station', 'Shared bulletin', 'Tide tables']) {
      ids[t] = idOf(t);
      guids[t] = guidOf(ids[t]!)!;
    }
    const code = archive.call('saveCode', { name: 'Damage' }) as Code;
    highlight = archive.call('createHighlight', { entryId: ids['Levee breach']!, start: 0, end: 12, codeIds: [code.id], note: 'north side' }) as Highlight;
    archive.call('setEntryTags', { entryId: ids['Levee breach']!, tags: ['breach'] });
    archive.call('saveEntryNote', { entryId: ids['Pump station']!, text: 'Ask the operator.' });
    const collection = archive.call('saveCollection', { name: 'Incidents' }) as { id: number };
    archive.call('addToCollection', { collectionId: collection.id, entryIds: [ids['Levee breach']!, ids['Tide tables']!] });
  });

  it('deletes a wrong import: its source and the entries only it held leave search and browse', () => {
    expect(search('').total).toBe(4);
    bands = archive.db.prepare('SELECT count(*) FROM entry_bands').pluck().get() as number;
    expect(bands).toBeGreaterThan(0);
    expect(del({ sourceIds: [wrong] })).toEqual({ sources: 1, entries: 2, orphanedHighlights: 1 });
    // Their near-duplicate bands go with them: 8 each.
    expect(archive.db.prepare('SELECT count(*) FROM entry_bands').pluck().get()).toBe(bands - 16);
    expect(sourceNames()).toEqual(['good-import.jsonl']);
    expect(search('').total).toBe(2);
    expect(found('levee')).toEqual([]);
    expect(found('pump station')).toEqual([]);
    expect(found('collection:Incidents')).toEqual(['Tide tables']);
    expect(() => getEntry(ids['Levee breach']!)).toThrow(/not in this archive/);
    // The entry another file also holds stays, with only that file as its provenance.
    expect(getEntry(ids['Shared bulletin']!).provenance.map((p) => p.sourceName)).toEqual(['good-import.jsonl']);
    expect(found('bulletin')).toEqual(['Shared bulletin']);
  });

  it('keeps every annotation on the deleted entries: the highlight is listed as an orphan', () => {
    const orphans = archive.call('listHighlights', { orphaned: true }) as HighlightList;
    expect(orphans.items.map((h) => [h.id, h.entryExists, h.note])).toEqual([[highlight.id, false, 'north side']]);
    expect(archive.db.prepare('SELECT count(*) FROM entry_tags WHERE entry_id = ?').pluck().get(ids['Levee breach']!)).toBe(1);
    expect(archive.db.prepare('SELECT count(*) FROM entry_notes WHERE entry_id = ? AND deleted_at IS NULL').pluck().get(ids['Pump station']!)).toBe(1);
    // Lists count live entries only.
    expect(archive.call('listTags', undefined)).toEqual([]);
    expect((archive.call('listCollections', undefined) as { entries: number }[])[0]?.entries).toBe(1);
  });

  it('undo restores the source, the entries with their ids and GUIDs, search, provenance and annotations', async () => {
    expect(undo().done).toBe('Delete a source (2 entries)');
    expect(sourceNames()).toEqual(['good-import.jsonl', 'wrong-import.jsonl']);
    expect(search('').total).toBe(4);
    for (const t of ['Levee breach', 'Pump station', 'Shared bulletin', 'Tide tables']) {
      expect(idOf(t)).toBe(ids[t]);
      expect(guidOf(ids[t]!)).toBe(guids[t]);
    }
    expect(found('levee')).toEqual(['Levee breach']);
    expect(found('"pump station" date:2021-05')).toEqual(['Pump station']);
    expect(getEntry(ids['Shared bulletin']!).provenance.map((p) => p.sourceName).sort()).toEqual(['good-import.jsonl', 'wrong-import.jsonl']);
    // The original bytes came back with the source.
    const original = (await archive.call('getEntryOriginal', { id: ids['Levee breach']!, sourceId: wrong })) as { text: string };
    expect(original.text).toContain('Levee breach at the north dyke.');
    const ann = archive.call('getEntryAnnotations', { entryId: ids['Levee breach']! }) as EntryAnnotations;
    expect(ann.highlights.map((h) => h.id)).toEqual([highlight.id]);
    expect(ann.tags).toEqual(['breach']);
    expect((archive.call('listHighlights', { orphaned: true }) as HighlightList).total).toBe(0);
    expect(archive.call('listTags', undefined) as FacetCount[]).toEqual([{ value: 'breach', label: 'breach', count: 1 }]);
    expect(archive.db.prepare('SELECT count(*) FROM trash_entries').pluck().get()).toBe(0);
    // Near-duplicate lookup finds them again.
    expect(archive.db.prepare('SELECT count(*) FROM entry_bands').pluck().get()).toBe(bands);
  });

  it('redo deletes them again, and undo brings them back again', () => {
    expect(redo().done).toBe('Delete a source (2 entries)');
    expect(found('levee')).toEqual([]);
    expect(search('').total).toBe(2);
    undo();
    expect(found('levee')).toEqual(['Levee breach']);
  });

  it('deleting an entry held by two sources removes it from both; undo restores both links', () => {
    const bulletin = ids['Shared bulletin']!;
    expect(del({ entryIds: [bulletin] })).toEqual({ sources: 0, entries: 1, orphanedHighlights: 0 });
    expect(found('bulletin')).toEqual([]);
    expect(sourceNames()).toEqual(['good-import.jsonl', 'wrong-import.jsonl']);
    expect(undo().done).toBe('Delete an entry');
    expect(getEntry(bulletin).provenance.map((p) => p.sourceName).sort()).toEqual(['good-import.jsonl', 'wrong-import.jsonl']);
    expect(guidOf(bulletin)).toBe(guids['Shared bulletin']);
  });

  it('a new import never takes the id of an entry or source in the trash', async () => {
    // The newest entry and source go to the trash: SQLite alone would hand their ids out again.
    const newestEntry = archive.db.prepare('SELECT max(id) FROM entries').pluck().get() as number;
    expect(newestEntry).toBe(ids['Tide tables']);
    del({ sourceIds: [other] });
    expect(archive.db.prepare('SELECT max(id) FROM entries').pluck().get()).toBeLessThan(newestEntry);
    const fresh = await importFile(write('later.jsonl', [{ title: 'Later report', text: `A later report. ${LONG('later')}`, date: '2021-07-01' }]));
    expect(fresh).toBeGreaterThan(other);
    expect(idOf('Later report')).toBeGreaterThan(newestEntry);
    // Both the deletion and the new file stand: undo the deletion (the import is not an undoable change).
    expect(undo().done).toBe('Delete a source (1 entry)');
    expect(found('tables')).toEqual(['Tide tables']);
    expect(found('later')).toEqual(['Later report']);
    expect(idOf('Tide tables')).toBe(newestEntry);
  });

  it('an undo that would duplicate a file imported again since says so and changes nothing', async () => {
    del({ sourceIds: [other] });
    await importFile(path.join(dir, 'good-import.jsonl'));
    expect(() => undo()).toThrow(/good-import\.jsonl cannot come back: it has been imported again since/);
    expect(found('tables')).toEqual(['Tide tables']);
    expect(archive.db.prepare('SELECT count(*) FROM trash_sources').pluck().get()).toBe(1);
  });

  it('removes a deleted entry’s near-duplicate bands by their keys, not by reading every band', () => {
    // trash.ts deletes each of an entry's 8 band rows this way (migration 9: no cascade, no index by entry).
    const plan = archive.db.prepare('EXPLAIN QUERY PLAN DELETE FROM entry_bands WHERE band = ? AND hash = ? AND entry_id = ?').all(0, 0, 1) as { detail: string }[];
    expect(plan.map((p) => p.detail).join('; ')).toMatch(/USING PRIMARY KEY/);
    const tables = archive.db.prepare("SELECT DISTINCT entry_id FROM entry_bands WHERE entry_id NOT IN (SELECT id FROM entries)").pluck().all();
    expect(tables).toEqual([]);
  });

  it('refuses a request naming nothing, and deletes nothing for ids that are not there', () => {
    expect(() => del({})).toThrow(/Say which sources or entries/);
    expect(del({ entryIds: [999_999], sourceIds: [999_999] })).toEqual({ sources: 0, entries: 0, orphanedHighlights: 0 });
  });
});
