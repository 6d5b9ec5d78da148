// The JSON export re-imported into an empty archive reproduces the collection (same GUIDs, the
// same highlights at the same code points with the same codes and notes, tags, notes, the
// collection), and importing it a second time changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../../electron/core/archive.ts';
import type { ExportReport, ImportProjectReport } from '../../../shared/contract.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { buildCollection, type BuiltCollection } from './build-collection.ts';

/** Everything a researcher would compare, keyed by GUIDs rather than local ids. */
function picture(archive: Archive) {
  const q = (sql: string) => archive.db.prepare(sql).all();
  return {
    entries: q('SELECT guid, title, body, date, author, outlet, url, language, direction FROM entries ORDER BY guid'),
    codes: q('SELECT c.guid, p.guid AS parent, c.name, c.color, c.description FROM codes c LEFT JOIN codes p ON p.id = c.parent_id WHERE c.deleted_at IS NULL ORDER BY c.guid'),
    highlights: q(
      `SELECT h.guid, e.guid AS entry, h.start, h.end, h.exact, h.prefix, h.suffix, h.note,
              (SELECT group_concat(c.guid, ',') FROM (SELECT c.guid FROM highlight_codes hc JOIN codes c ON c.id = hc.code_id WHERE hc.highlight_id = h.id ORDER BY c.guid) c) AS codes
         FROM highlights h JOIN entries e ON e.id = h.entry_id WHERE h.deleted_at IS NULL ORDER BY h.guid`,
    ),
    tags: q('SELECT e.guid, t.name FROM entry_tags et JOIN entries e ON e.id = et.entry_id JOIN tags t ON t.id = et.tag_id ORDER BY 1, 2'),
    notes: q('SELECT n.guid, e.guid AS entry, n.text FROM entry_notes n JOIN entries e ON e.id = n.entry_id ORDER BY 1'),
    collections: q(
      `SELECT c.guid, c.name, c.description, (SELECT group_concat(g, ',') FROM (SELECT e.guid AS g FROM collection_entries ce JOIN entries e ON e.id = ce.entry_id WHERE ce.collection_id = c.id ORDER BY ce.position)) AS members
         FROM collections c WHERE c.deleted_at IS NULL ORDER BY 1`,
    ),
    sources: q('SELECT guid, sha256, name FROM sources ORDER BY sha256'),
    links: q('SELECT e.guid, s.sha256, es.start, es.end FROM entry_sources es JOIN entries e ON e.id = es.entry_id JOIN sources s ON s.id = es.source_id ORDER BY 1, 2'),
  };
}

/** Every row of the tables an import writes, with times, to prove a second import touches none. */
function rows(archive: Archive) {
  return ['codes', 'highlights', 'highlight_codes', 'entries', 'entry_sources', 'sources', 'tags', 'entry_tags', 'entry_notes', 'collections', 'collection_entries'].map((t) =>
    archive.db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all(),
  );
}

describe('JSON export round trip', () => {
  const dir = tempDir('quire-roundtrip-');
  let built: BuiltCollection;
  let copy: Archive;
  let file: string;

  beforeAll(async () => {
    built = await buildCollection(dir);
    file = path.join(dir, 'study.json');
    (await built.archive.call('exportArchive', { scope: { kind: 'collection', collectionId: built.collection.id }, format: 'json', path: file })) as ExportReport;
    copy = new Archive(path.join(dir, 'empty.quire'));
  });
  afterAll(() => {
    built.archive.close();
    copy.close();
  });

  it('reproduces the collection exactly in an empty archive', async () => {
    const report = (await copy.call('importProject', { path: file })) as ImportProjectReport;
    expect(report.format).toBe('quire-json');
    expect(report.created).toEqual({ sources: 2, entries: 4, codes: 5, highlights: 8, notes: 1, collections: 1 });
    expect(report.warnings).toEqual([]);
    const [a, b] = [picture(built.archive), picture(copy)];
    expect(b.entries).toEqual(a.entries);
    expect(b.codes).toEqual(a.codes);
    expect(b.highlights).toEqual(a.highlights);
    expect(b.tags).toEqual(a.tags);
    expect(b.notes).toEqual(a.notes);
    expect(b.collections).toEqual(a.collections);
    expect(b.sources).toEqual(a.sources);
    expect(b.links).toEqual(a.links);
    // Searchable like any entry.
    expect((copy.call('search', { query: 'ferry' }) as { total: number }).total).toBe(1);
  });

  it('a second import of the same file changes nothing', async () => {
    const before = rows(copy);
    const report = (await copy.call('importProject', { path: file })) as ImportProjectReport;
    expect(report.created).toEqual({ sources: 0, entries: 0, codes: 0, highlights: 0, notes: 0, collections: 0 });
    expect(report.updated).toEqual({ entries: 0, codes: 0, highlights: 0, notes: 0, collections: 0 });
    expect(rows(copy)).toEqual(before);
  });

  it('exporting the copy gives the same entries, codes and highlights again', async () => {
    const again = path.join(dir, 'again.json');
    const collectionId = copy.db.prepare('SELECT id FROM collections').pluck().get() as number;
    await copy.call('exportArchive', { scope: { kind: 'collection', collectionId }, format: 'json', path: again });
    const strip = (f: string) => {
      const d = JSON.parse(fs.readFileSync(f, 'utf8'));
      return { codes: d.codes, entries: d.entries.map((e: Record<string, unknown>) => ({ ...e, createdAt: undefined, provenance: undefined })), collections: d.collections.map((c: Record<string, unknown>) => ({ ...c, createdAt: undefined, updatedAt: undefined })) };
    };
    const [a, b] = [strip(file), strip(again)];
    // Highlights keep their times; their citations name the same files, hashes and spans.
    expect(b.codes).toEqual(a.codes);
    expect(b.collections).toEqual(a.collections);
    expect(b.entries.map((e: { highlights: unknown }) => e.highlights)).toEqual(a.entries.map((e: { highlights: unknown }) => e.highlights));
  });

  it('an edited highlight in the file is updated by GUID, not doubled', async () => {
    const data = JSON.parse(fs.readFileSync(file, 'utf8'));
    const h = data.entries[0].highlights[0];
    h.note = 'Changed in another copy';
    const edited = path.join(dir, 'edited.json');
    fs.writeFileSync(edited, JSON.stringify(data));
    const report = (await copy.call('importProject', { path: edited })) as ImportProjectReport;
    expect(report.updated.highlights).toBe(1);
    expect(report.created.highlights).toBe(0);
    expect(copy.db.prepare('SELECT note FROM highlights WHERE guid = ?').pluck().get(h.guid)).toBe('Changed in another copy');
    expect(copy.db.prepare('SELECT count(*) FROM highlights').pluck().get()).toBe(8);
  });
});
