// Duplicates and provenance: what a researcher relies on to trace every entry to its bytes.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EntryDetail, ImportReport } from '../../../shared/contract.ts';
import { Archive } from '../../../electron/core/archive.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { storedBytes } from '../../helpers/source-content.ts';

const ARTICLE = Array.from(
  { length: 120 },
  (_, i) => ['the', 'river', 'council', 'met', 'on', 'tuesday', 'to', 'discuss', 'flood', 'barriers', 'and', 'budgets'][i % 12] + (i % 7 === 0 ? ` w${i}` : ''),
).join(' ');

describe('duplicates and provenance', () => {
  const dir = tempDir();
  const archive = new Archive(path.join(dir, 'prov.quire'));
  afterAll(() => archive.close());
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  const importFiles = async (paths: string[]) => (await archive.call('importFiles', { paths })) as ImportReport;
  const entryIds = () => (archive.db.prepare('SELECT id FROM entries ORDER BY id').all() as { id: number }[]).map((r) => r.id);

  it('re-importing the same bytes is a no-op reported as duplicate', async () => {
    const file = write('council.txt', `River council notes\n\n${ARTICLE}.\n`);
    const first = await importFiles([file]);
    expect(first.files[0]).toMatchObject({ status: 'imported' });
    const before = archive.call('stats', undefined);
    const again = await importFiles([file]);
    expect(again.files[0]).toMatchObject({ status: 'duplicate', entries: 0 });
    expect(archive.call('stats', undefined)).toEqual(before);
  });

  it('the same entry text from two files is stored once and lists both sources', async () => {
    const count = entryIds().length;
    const copy = write('council-copy.txt', `River council notes\n\n${ARTICLE}.\n\n\n`);
    const report = await importFiles([copy]);
    expect(report.files[0]).toMatchObject({ status: 'imported' });
    expect(entryIds().length).toBe(count);
    const entry = (await archive.call('getEntry', { id: entryIds()[0]! })) as EntryDetail;
    expect(entry.provenance.map((p) => p.sourceName).sort()).toEqual(['council-copy.txt', 'council.txt']);
  });

  it('every entry shows its exact original text and where it came from', async () => {
    const id = entryIds()[0]!;
    const entry = (await archive.call('getEntry', { id })) as EntryDetail;
    for (const p of entry.provenance) {
      const original = await archive.call('getEntryOriginal', { id, sourceId: p.sourceId });
      const sourceText = fs.readFileSync(path.join(dir, p.sourceName), 'utf8');
      expect(original.text).toBe(sourceText.slice(p.start, p.end));
      expect(original.text).toContain(ARTICLE);
    }
    const bytes = { bytes: storedBytes(archive.db, 'council.txt') };
    expect(bytes.bytes.equals(fs.readFileSync(path.join(dir, 'council.txt')))).toBe(true);
  });

  it('groups a republished article with small edits as a version, with the earliest date', async () => {
    const edited = ARTICLE.replace('tuesday', 'wednesday').replace('budgets', 'the budget');
    await importFiles([write('republished.txt', `River council notes (updated)\n\n${edited}.\n`)]);
    const ids = entryIds();
    const newest = ids.at(-1)!;
    const entry = (await archive.call('getEntry', { id: newest })) as EntryDetail;
    expect(entry.versions.map((v) => v.id)).toContain(ids[0]);
    const unrelated = write('other.txt', `Garden club\n\n${Array.from({ length: 100 }, (_, i) => `tulip${i % 13} bulb soil`).join(' ')}\n`);
    await importFiles([unrelated]);
    const other = (await archive.call('getEntry', { id: entryIds().at(-1)! })) as EntryDetail;
    expect(other.versions).toEqual([]);
  });

  it('groups a republished article under a new headline with a few words changed', async () => {
    const words = Array.from({ length: 150 }, (_, i) => `word${i % 97}x${Math.floor(i / 97)}`);
    const original = words.join(' ');
    const edited = [...words];
    edited[20] = 'changed';
    edited[70] = 'altered';
    edited[120] = 'revised';
    await importFiles([write('wire-original.txt', `Dam inspection finds cracks\n\n${original}.\n`)]);
    const first = entryIds().at(-1)!;
    await importFiles([write('wire-reprint.txt', `Engineers warn over ageing reservoir wall\n\n${edited.join(' ')}.\n`)]);
    const reprint = (await archive.call('getEntry', { id: entryIds().at(-1)! })) as EntryDetail;
    expect(reprint.versions.map((v) => v.id)).toEqual([first]);
  });

  it('rejects missing paths plainly and imports the rest', async () => {
    const ok = write('fine.txt', 'A fine note\n\nWith some words.');
    const report = await importFiles([path.join(dir, 'missing.txt'), ok]);
    const byPath = Object.fromEntries(report.files.map((f) => [path.basename(f.path), f]));
    expect(byPath['missing.txt']).toMatchObject({ status: 'rejected', error: 'No such file or folder.' });
    expect(byPath['fine.txt']).toMatchObject({ status: 'imported' });
  });

  it('imports folders recursively, skipping hidden files', async () => {
    const folder = path.join(dir, 'nested');
    fs.mkdirSync(path.join(folder, 'deeper', 'deepest'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'a.txt'), 'Note A\n\nalpha words');
    fs.writeFileSync(path.join(folder, 'deeper', 'deepest', 'b.txt'), 'Note B\n\nbeta words');
    fs.writeFileSync(path.join(folder, '.hidden.txt'), 'Hidden\n\nshould be skipped');
    const report = await importFiles([folder]);
    expect(report.files.map((f) => path.basename(f.path)).sort()).toEqual(['a.txt', 'b.txt']);
  });

  it('expands globs', async () => {
    const folder = path.join(dir, 'globbed');
    fs.mkdirSync(folder);
    for (const n of ['x1.txt', 'x2.txt', 'y.md']) fs.writeFileSync(path.join(folder, n), `${n}\n\nbody of ${n} here`);
    const report = await importFiles([path.join(folder, 'x*.txt')]);
    expect(report.files.map((f) => path.basename(f.path)).sort()).toEqual(['x1.txt', 'x2.txt']);
  });
});
