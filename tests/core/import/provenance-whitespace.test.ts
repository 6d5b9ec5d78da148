// "The same entry" from two files that differ only in white space: stored once (the first file's
// text), and each source's citation still quotes its own file exactly.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EntryDetail, ImportReport, SourceLocator } from '../../../shared/contract.ts';
import { Archive } from '../../../electron/core/archive.ts';
import { normalizeForHash } from '../../../electron/core/import/prepare-document.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { storedText as sourceText } from '../../helpers/source-content.ts';

type Of<K extends SourceLocator['kind']> = Extract<SourceLocator, { kind: K }>;

describe('white-space variants of one entry', () => {
  const dir = tempDir();
  const archive = new Archive(path.join(dir, 'ws.quire'));
  afterAll(() => archive.close());
  const importFile = async (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    const report = (await archive.call('importFiles', { paths: [file] })) as ImportReport;
    expect(report.files[0]).toMatchObject({ status: 'imported' });
    return report.files[0]!.sourceId!;
  };
  const storedText = (sourceId: number) => sourceText(archive.db, sourceId);
  const entryCount = () => (archive.db.prepare('SELECT count(*) AS n FROM entries').get() as { n: number }).n;

  it('text files: one entry, and each link cites its own file verbatim', async () => {
    const wrapped = 'Harbour wall repaired\nPosted on: June 2, 2022\n\nThe harbour wall was repaired\nafter the winter storms, and the\nquay reopens on Monday.\n';
    const oneLine = 'Harbour wall repaired\nPosted on: June 2, 2022\n\nThe harbour wall was repaired  after the winter storms, and the quay reopens on Monday.\n';
    const first = await importFile('wrapped.txt', wrapped);
    const before = entryCount();
    const second = await importFile('one-line.txt', oneLine);
    expect(entryCount()).toBe(before);

    const id = (archive.db.prepare('SELECT entry_id AS id FROM entry_sources WHERE source_id = ?').get(second) as { id: number }).id;
    const entry = (await archive.call('getEntry', { id })) as EntryDetail;
    // The entry row keeps the first file's text.
    expect(entry.body).toBe('The harbour wall was repaired\nafter the winter storms, and the\nquay reopens on Monday.');
    expect(entry.provenance.map((p) => p.sourceId).sort()).toEqual([first, second].sort());

    for (const [sourceId, file] of [
      [first, wrapped],
      [second, oneLine],
    ] as const) {
      const prov = entry.provenance.find((p) => p.sourceId === sourceId)!;
      const own = storedText(sourceId).slice(prov.bodyStart!, prov.bodyEnd!);
      // Its own body: in its own file, at its locator's body span, exactly.
      const loc = prov.locator as Of<'text'>;
      expect(file.slice(loc.bodyStart, loc.bodyEnd)).toBe(own);
      expect(file.slice(loc.start, loc.end)).toContain(own);
      // ... and the entry's text modulo the documented normalisation.
      expect(normalizeForHash(own)).toBe(normalizeForHash(entry.body));
      // Show original marks this file's own body, verbatim.
      const original = await archive.call('getEntryOriginal', { id, sourceId });
      const body = original.marks.find((m) => m.field === 'body')!;
      expect(body.verbatim).toBe(true);
      expect(original.text.slice(body.start, body.end)).toBe(own);
    }
    const secondProv = entry.provenance.find((p) => p.sourceId === second)!;
    expect(storedText(second).slice(secondProv.bodyStart!, secondProv.bodyEnd!)).toBe('The harbour wall was repaired  after the winter storms, and the quay reopens on Monday.');
  });

  it('a deleted entry comes back from the trash with each link\'s locator and body span (undo)', async () => {
    const links = () => archive.db.prepare('SELECT entry_id, source_id, locator, body_start, body_end FROM entry_sources ORDER BY entry_id, source_id').all();
    const before = links();
    const id = (before[0] as { entry_id: number }).entry_id;
    await archive.call('deleteEntries', { entryIds: [id] });
    expect(links()).not.toEqual(before);
    await archive.call('undo', undefined);
    expect(links()).toEqual(before);
  });

  it('JSON records: the second file\'s record region holds its own spacing, marked verbatim', async () => {
    const a = JSON.stringify([{ title: 'Tram  timetable', text: 'Trams run every ten minutes\nuntil midnight.' }]);
    const b = JSON.stringify({ items: [{ title: 'Other', text: 'Something else entirely, not the same.' }, { title: 'Tram timetable', text: 'Trams run every ten minutes until   midnight.' }] });
    const first = await importFile('tram-a.json', a);
    const second = await importFile('tram-b.json', b);
    const id = (archive.db.prepare('SELECT entry_id AS id FROM entry_sources WHERE source_id = ? ORDER BY ordinal DESC').get(second) as { id: number }).id;
    const entry = (await archive.call('getEntry', { id })) as EntryDetail;
    expect(entry.provenance.map((p) => p.sourceId).sort()).toEqual([first, second].sort());
    expect(entry.title).toBe('Tram  timetable');

    const prov = entry.provenance.find((p) => p.sourceId === second)!;
    expect(prov.locator).toMatchObject({ kind: 'json', pointer: '/items/1' });
    const original = await archive.call('getEntryOriginal', { id, sourceId: second });
    expect(JSON.parse(original.text)).toEqual({ title: 'Tram timetable', text: 'Trams run every ten minutes until   midnight.' });
    const body = original.marks.find((m) => m.field === 'body')!;
    expect(body).toMatchObject({ verbatim: true });
    expect(original.text.slice(body.start, body.end)).toBe('Trams run every ten minutes until   midnight.');
    // The title differs from the stored one in white space only: found, and said to be not verbatim.
    const title = original.marks.find((m) => m.field === 'title')!;
    expect(title).toMatchObject({ verbatim: false });
    expect(original.text.slice(title.start, title.end)).toBe('Tram timetable');
  });
});
