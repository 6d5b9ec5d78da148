// Migration 7: a source's content in compressed chunks (repo/source-content.ts reads and writes it).
// Each file's original bytes and its decoded text sat uncompressed in its `sources` row: the
// archive came to 4.85 times its text, and SQLite's 1 GB row limit capped a file at 256 MB.
//  - `source_chunks` holds the bytes (kind 'bytes') in pieces of `chunk_bytes` (1 MB), each
//    compressed on its own, so a byte range is read without unpacking the file and a big file is
//    written piece by piece. No foreign key: a trashed source keeps its chunks under its id, which
//    is never reused, so undo brings the file back whole.
//  - The text is kept (kind 'text', compressed UTF-8) only when decoding the bytes does not give
//    it exactly (`text_kind = 'stored'`: PDF, WARC, gzip, legacy CJK encodings); otherwise it is
//    derived from the bytes when read (`'derived'`).
//  - `kept_bytes`: the bytes held (the size, or 0 for a source brought in from an export without
//    its file); `content_codec` names the compression, so a later Quire may change it per file.
// Every existing source (live or in the trash) is converted here, every byte kept.
import type { Database } from 'better-sqlite3';
import { packContent, SourceContent } from '../../repo/source-content.ts';
import type { Migration } from '../migration-types.ts';

const COLUMNS = `
  ADD COLUMN kept_bytes INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE %T ADD COLUMN content_codec TEXT NOT NULL DEFAULT 'brotli-5';
  ALTER TABLE %T ADD COLUMN chunk_bytes INTEGER NOT NULL DEFAULT 1048576;
  ALTER TABLE %T ADD COLUMN text_kind TEXT NOT NULL DEFAULT 'stored' CHECK (text_kind IN ('derived', 'stored'));
`;

export const migration007: Migration = {
  version: 7,
  name: 'source content in compressed chunks; text kept only where the bytes do not give it',
  // Its closing foreign_key_check: these and the tables pointing at them (entry_sources), not every table.
  touches: ['sources', 'trash_sources', 'source_chunks'],
  up: (db: Database, progress?: (fraction: number) => void) => {
    db.exec(`
      CREATE TABLE source_chunks (
        source_id INTEGER NOT NULL,
        kind      TEXT NOT NULL CHECK (kind IN ('bytes', 'text')),
        seq       INTEGER NOT NULL,
        data      BLOB NOT NULL,
        PRIMARY KEY (source_id, kind, seq)
      ) STRICT;
    `);
    for (const table of ['sources', 'trash_sources']) db.exec(`ALTER TABLE ${table} ${COLUMNS.replaceAll('%T', table)}`);
    const content = new SourceContent(db);
    const total = ['sources', 'trash_sources'].reduce((n, table) => n + (db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number), 0);
    let done = 0;
    for (const table of ['sources', 'trash_sources']) {
      // One row at a time: a big file is in memory once, not the whole archive.
      const ids = db.prepare(`SELECT id FROM ${table} ORDER BY id`).pluck().all() as number[];
      const read = db.prepare<[number], { bytes: Buffer; text: string; encoding: string | null }>(`SELECT bytes, text, encoding FROM ${table} WHERE id = ?`);
      const update = db.prepare(`UPDATE ${table} SET kept_bytes = ?, content_codec = ?, chunk_bytes = ?, text_kind = ? WHERE id = ?`);
      for (const id of ids) {
        const row = read.get(id)!;
        const packed = packContent(row.bytes, row.encoding, row.text);
        const { columns } = packed;
        update.run(columns.keptBytes, columns.contentCodec, columns.chunkBytes, columns.textKind, id);
        content.store(id, packed);
        progress?.(++done / total);
      }
      db.exec(`ALTER TABLE ${table} DROP COLUMN bytes; ALTER TABLE ${table} DROP COLUMN text;`);
    }
  },
};
