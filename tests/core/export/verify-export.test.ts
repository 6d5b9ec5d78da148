// `verify` on every checkable format: untouched exports pass; a passage tampered with in the
// file, or a source whose stored bytes changed, fails with its reason while the rest pass.
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyExportFile } from '../../../electron/core/export/verify-export.ts';
import type { ExportFormat } from '../../../shared/contract.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { buildCollection, type BuiltCollection } from './build-collection.ts';
import { replaceContent, storedBytes, storedText } from '../../helpers/source-content.ts';

describe('verify an export against the archive', () => {
  const dir = tempDir('quire-verify-');
  let built: BuiltCollection;
  const files = {} as Record<'json' | 'csv' | 'w3c' | 'qdpx', string>;

  beforeAll(async () => {
    built = await buildCollection(dir);
    for (const format of ['json', 'csv', 'w3c', 'qdpx'] as const satisfies ExportFormat[]) {
      files[format] = path.join(dir, `study.${format}`);
      await built.archive.call('exportArchive', { scope: { kind: 'all' }, format, path: files[format] });
    }
  });
  afterAll(() => built.archive.close());

  it('every passage of an untouched export holds, in every format', () => {
    for (const [format, file] of Object.entries(files)) {
      const report = verifyExportFile(built.archive.db, file);
      expect(report, format).toMatchObject({ format, checked: 8, failures: [] });
    }
  });

  it('a quote changed in the CSV fails on its row only', () => {
    const text = fs.readFileSync(files.csv, 'utf8').replace('Fares stay the same', 'Fares went up');
    const tampered = path.join(dir, 'tampered.csv');
    fs.writeFileSync(tampered, text);
    const report = verifyExportFile(built.archive.db, tampered);
    expect(report.checked).toBe(8);
    expect(report.failures).toEqual([{ where: expect.stringMatching(/^row \d+$/), reason: expect.stringContaining('reads “Fares stay the same”, not the quoted “Fares went up”') }]);
  });

  it('a span moved in the JSON, and a quote changed in the W3C annotations, fail with their reasons', () => {
    const data = JSON.parse(fs.readFileSync(files.json, 'utf8'));
    const persian = data.entries.find((e: { direction: string }) => e.direction === 'rtl');
    persian.highlights[0].start += 1;
    const json = path.join(dir, 'tampered.json');
    fs.writeFileSync(json, JSON.stringify(data));
    expect(verifyExportFile(built.archive.db, json).failures).toEqual([{ where: `highlight ${persian.highlights[0].guid}`, reason: expect.stringContaining('not the quoted') }]);

    const w3c = JSON.parse(fs.readFileSync(files.w3c, 'utf8'));
    w3c.first.items[0].target.selector[0].exact += '!';
    const w3cFile = path.join(dir, 'tampered.jsonld');
    fs.writeFileSync(w3cFile, JSON.stringify(w3c));
    const report = verifyExportFile(built.archive.db, w3cFile);
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]!.where).toMatch(/^annotation 1 /);
  });

  it('a source text changed inside the .qdpx fails for the passages on it', () => {
    const zip = unzipSync(fs.readFileSync(files.qdpx));
    const name = Object.keys(zip).find((n) => strFromU8(zip[n]!).includes('قیمت نان'))!;
    zip[name] = strToU8(strFromU8(zip[name]!).replace('قیمت نان', 'قیمت شیر'));
    const tampered = path.join(dir, 'tampered.qdpx');
    fs.writeFileSync(tampered, zipSync(zip));
    const report = verifyExportFile(built.archive.db, tampered);
    expect(report.failures).toEqual([{ where: expect.stringContaining('selection'), reason: expect.stringContaining('قیمت نان') }]);
  });

  it("a passage no longer in its file's own text where the locator points fails", () => {
    const db = built.archive.db;
    const [bytes, before] = [storedBytes(db, 'posts.json'), storedText(db, 'posts.json')];
    replaceContent(db, 'posts.json', bytes, before.replace('قیمت نان', 'قیمت شیر'));
    try {
      expect(verifyExportFile(db, files.json).failures).toEqual([{ where: expect.any(String), reason: expect.stringMatching(/^The passage is not in posts\.json's text where its locator points/) }]);
    } finally {
      replaceContent(db, 'posts.json', bytes, before);
    }
  });

  it('a source whose stored bytes no longer match its SHA-256 fails every passage citing it', () => {
    replaceContent(built.archive.db, 'docks.warc', Buffer.from('tampered'), storedText(built.archive.db, 'docks.warc'));
    const report = verifyExportFile(built.archive.db, files.csv);
    expect(report.failures).toEqual([{ where: expect.any(String), reason: expect.stringMatching(/stored bytes of docks\.warc no longer hash/) }]);
  });

  it('an entry that is gone fails plainly', () => {
    const data = JSON.parse(fs.readFileSync(files.json, 'utf8'));
    data.entries[0].guid = '00000000-0000-4000-8000-000000000000';
    const file = path.join(dir, 'gone.json');
    fs.writeFileSync(file, JSON.stringify(data));
    const failures = verifyExportFile(built.archive.db, file).failures.filter((f) => f.reason.includes('not in this archive'));
    expect(failures.length).toBe(data.entries[0].highlights.length);
  });
});
