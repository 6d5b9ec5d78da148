// Migration 7 moves every source's bytes and text out of its row into compressed chunks. An archive
// as version 6 kept it (files of several formats and encodings, one of them in the trash) upgrades
// with every byte and every character of text the same, "Show original" the same, and the
// citations of an export made before the upgrade still verifying against the original bytes.
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { EntryOriginal, ExportFormat, ImportReport } from '../../../shared/contract.ts';
import { Archive } from '../../../electron/core/archive.ts';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/db/migrations/index.ts';
import { verifyExportFile } from '../../../electron/core/export/verify-export.ts';
import type { Db } from '../../../electron/core/db/open-archive.ts';
import { buildCollection } from '../export/build-collection.ts';
import { encodeSingleByte, encodeUtf16, utf8 } from '../import/fixtures/encode-legacy.ts';
import { makePdf } from '../import/fixtures/make-pdf.ts';
import { storedBytes, storedText } from '../../helpers/source-content.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const MBOX = [
  'From ines@example.net Mon Mar 02 08:00:00 2020',
  'From: Ines Varga <ines@example.net>',
  'Subject: Ferry timetable draft',
  'Date: Mon, 02 Mar 2020 08:00:00 +0000',
  'Message-ID: <draft-1@example.net>',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'The early crossing moves to 06:40 from April; the café on deck stays open.',
  '',
  'From otto@example.net Tue Mar 03 09:30:00 2020',
  'From: Otto Lind <otto@example.net>',
  'Subject: Re: Ferry timetable draft',
  'Date: Tue, 03 Mar 2020 09:30:00 +0000',
  'Message-ID: <draft-2@example.net>',
  '',
  'Agreed, but the late boat should wait for the last train.',
  '',
].join('\n');

const FILES: [string, Uint8Array][] = [
  ['harbour-1252.txt', encodeSingleByte('Harbour notes\r\n\r\nThe pier café reopened on Tuesday, said the señora who runs it.\r\n\r\nRates\r\n\r\nMooring fees rise by 4 % next year.\r\n', 'windows-1252')],
  ['bulletin-utf16.txt', encodeUtf16('Bulletin\n\nThe lighthouse keeper retired after thirty winters.\n\nNew keeper\n\nA volunteer rota takes over in May.\n', 'le', true)],
  ['notice-gbk.txt', Uint8Array.from(iconv.encode('港口通知\n\n渡轮时刻表将在四月调整，早班船提前二十分钟出发。\n\n码头咖啡馆继续营业，周末延长到晚上九点。\n', 'gbk'))],
  ['ferry.mbox', utf8(MBOX)],
  ['minutes.pdf', makePdf({ pages: [['Council minutes', 'The harbour board approved the new pontoon.'], ['Any other business', 'None was raised.']], title: 'Minutes' })],
  ['wrong-dump.txt', utf8('Misfiled\n\nThis dump was imported by mistake and deleted at once.\n')],
];

/** What a reader sees of each source, and of each entry's original in each of its sources. */
async function snapshot(archive: Archive): Promise<{ sources: Record<string, { bytes: string; text: string }>; originals: Record<string, EntryOriginal> }> {
  const db = archive.db;
  const sources: Record<string, { bytes: string; text: string }> = {};
  for (const { id, name } of db.prepare('SELECT id, name FROM sources ORDER BY id').all() as { id: number; name: string }[]) {
    sources[name] = { bytes: storedBytes(db, id).toString('base64'), text: storedText(db, id) };
  }
  const originals: Record<string, EntryOriginal> = {};
  for (const { entryId, sourceId } of db.prepare('SELECT entry_id AS entryId, source_id AS sourceId FROM entry_sources ORDER BY 1, 2').all() as { entryId: number; sourceId: number }[]) {
    originals[`${entryId}/${sourceId}`] = await archive.call('getEntryOriginal', { id: entryId, sourceId });
  }
  return { sources, originals };
}

/** Puts the content back into the rows, as every Quire before migration 7 kept it, and marks the archive version 6. */
function asVersion6(db: Db, kept: Map<string, { table: string; id: number; bytes: Buffer; text: string }>): void {
  db.pragma('foreign_keys = OFF');
  for (const table of ['sources', 'trash_sources']) {
    db.exec(`ALTER TABLE ${table} ADD COLUMN bytes BLOB; ALTER TABLE ${table} ADD COLUMN text TEXT;`);
  }
  for (const row of kept.values()) db.prepare(`UPDATE ${row.table} SET bytes = ?, text = ? WHERE id = ?`).run(row.bytes, row.text, row.id);
  for (const table of ['sources', 'trash_sources']) {
    for (const column of ['kept_bytes', 'content_codec', 'chunk_bytes', 'text_kind']) db.exec(`ALTER TABLE ${table} DROP COLUMN ${column}`);
  }
  db.exec('DROP TABLE source_chunks; DELETE FROM migration_log WHERE version = 7;');
  db.pragma('user_version = 6');
}

describe('migration 7: source content in compressed chunks', () => {
  it('keeps every byte, every text, every "Show original" and every citation of an older archive', async () => {
    const dir = tempDir('quire-chunks-migration-');
    const built = await buildCollection(dir, 'old.quire');
    const archive = built.archive;
    for (const [name, bytes] of FILES) fs.writeFileSync(path.join(dir, name), bytes);
    const report = (await archive.call('importFiles', { paths: FILES.map(([name]) => path.join(dir, name)) })) as ImportReport;
    expect(report.files.map((f) => f.status)).toEqual(FILES.map(() => 'imported'));
    const exports: [ExportFormat, string][] = [
      ['json', path.join(dir, 'before.json')],
      ['qdpx', path.join(dir, 'before.qdpx')],
    ];
    for (const [format, file] of exports) await archive.call('exportArchive', { scope: { kind: 'all' }, format, path: file });

    const wrongId = report.files.at(-1)!.sourceId!;
    const [wrongBytes, wrongText] = [storedBytes(archive.db, wrongId), storedText(archive.db, wrongId)];
    archive.call('deleteEntries', { sourceIds: [wrongId] });
    const before = await snapshot(archive);
    expect(Object.keys(before.sources).sort()).toEqual(['docks.warc', 'posts.json', ...FILES.map(([n]) => n).slice(0, -1)].sort());
    // The test would prove nothing if the old rows did not hold these files in their own encodings.
    expect(Buffer.from(before.sources['notice-gbk.txt']!.bytes, 'base64').equals(Buffer.from(FILES[2]![1]))).toBe(true);
    expect(before.sources['notice-gbk.txt']!.text).toContain('渡轮时刻表');

    const kept = new Map<string, { table: string; id: number; bytes: Buffer; text: string }>();
    for (const { id, name } of archive.db.prepare('SELECT id, name FROM sources').all() as { id: number; name: string }[]) {
      kept.set(name, { table: 'sources', id, bytes: storedBytes(archive.db, id), text: storedText(archive.db, id) });
    }
    kept.set('wrong-dump.txt', { table: 'trash_sources', id: wrongId, bytes: wrongBytes, text: wrongText });
    asVersion6(archive.db, kept);
    archive.close();

    // The old shape, as version 6 wrote it: bytes and text in the row, no chunks.
    const upgraded = new Archive(path.join(dir, 'old.quire'));
    try {
      expect(upgraded.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(upgraded.db.prepare("SELECT count(*) FROM pragma_table_info('sources') WHERE name IN ('bytes', 'text')").pluck().get()).toBe(0);
      const after = await snapshot(upgraded);
      expect(after.sources).toEqual(before.sources);
      expect(after.originals).toEqual(before.originals);
      for (const [format, file] of exports) {
        expect(verifyExportFile(upgraded.db, file), format).toMatchObject({ failures: [] });
      }
      // A text dump's text is its decoded bytes, so it is not stored twice; a text the bytes do not
      // give (records rendered from JSON, mail, a WARC's or PDF's pages, a legacy CJK encoding) is kept.
      const kinds = Object.fromEntries(upgraded.db.prepare('SELECT name, text_kind FROM sources').raw().all() as [string, string][]);
      expect(kinds).toEqual({
        'harbour-1252.txt': 'derived',
        'bulletin-utf16.txt': 'derived',
        'posts.json': 'stored',
        'ferry.mbox': 'stored',
        'notice-gbk.txt': 'stored',
        'minutes.pdf': 'stored',
        'docks.warc': 'stored',
      });

      // The trashed file comes back whole.
      upgraded.call('undo', undefined);
      expect(storedBytes(upgraded.db, 'wrong-dump.txt').equals(wrongBytes)).toBe(true);
      expect(storedText(upgraded.db, 'wrong-dump.txt')).toBe(wrongText);
    } finally {
      upgraded.close();
    }
  });
});
