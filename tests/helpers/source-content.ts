// A source's stored bytes and text as the archive reads them (repo/source-content.ts), for tests
// that look at, or tamper with, what an import kept.
import type { Db } from '../../electron/core/db/open-archive.ts';
import { packContent, SourceContent } from '../../electron/core/repo/source-content.ts';

const idOf = (db: Db, source: number | string) =>
  typeof source === 'number' ? source : (db.prepare('SELECT id FROM sources WHERE name = ?').pluck().get(source) as number);

export function storedText(db: Db, source: number | string): string {
  return new SourceContent(db).text(idOf(db, source));
}

export function storedBytes(db: Db, source: number | string): Buffer {
  return new SourceContent(db).bytes(idOf(db, source));
}

/** Replaces what the archive keeps of a source (as a damaged or edited archive would hold it). */
export function replaceContent(db: Db, source: number | string, bytes: Uint8Array, text: string): void {
  const id = idOf(db, source);
  const packed = packContent(bytes, null, text, undefined, 'stored');
  const { columns } = packed;
  db.prepare('DELETE FROM source_chunks WHERE source_id = ?').run(id);
  db.prepare('UPDATE sources SET kept_bytes = ?, content_codec = ?, chunk_bytes = ?, text_kind = ? WHERE id = ?').run(columns.keptBytes, columns.contentCodec, columns.chunkBytes, columns.textKind, id);
  new SourceContent(db).store(id, packed);
}
