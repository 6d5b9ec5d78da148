// All SQL about sources (imported files) lives here.
import type { SourceFormat, SourceSummary } from '../../../shared/contract.ts';
import { guidFromHash } from '../db/guids.ts';
import type { Db } from '../db/open-archive.ts';
import { packContent, SOURCE_CHUNK_BYTES, SourceContent, type PackedContent } from './source-content.ts';

export interface NewSource {
  sha256: string;
  name: string;
  path: string | null;
  container: string | null;
  size: number;
  format: SourceFormat;
  encoding: string | null;
  encodingConfidence: number | null;
  importedAt: string;
  bytes: Uint8Array;
  text: string;
  header: string | null;
  warnings: string | null;
  /** The content already compressed (an import does it in its preparing thread), else done here. */
  packed?: PackedContent;
}

/** What "Show original" reads of a source: how it was decoded, and its bytes and text on demand. */
export interface StoredSource {
  name: string;
  format: SourceFormat;
  encoding: string | null;
  header: string | null;
  text(): string;
  bytes(): Uint8Array;
  byteRange(start: number, end: number): Uint8Array;
}

export class SourcesRepo {
  private readonly byHash;
  private readonly insertStmt;
  private readonly listStmt;
  private readonly textStmt;
  private readonly originalStmt;
  private readonly content: SourceContent;
  private readonly chunkBytes: number;

  /** `chunkBytes`: the size of the pieces a file's bytes are stored in (tests set it low). */
  constructor(db: Db, chunkBytes = SOURCE_CHUNK_BYTES) {
    this.content = new SourceContent(db);
    this.chunkBytes = chunkBytes;
    this.byHash = db.prepare<[string], { id: number }>('SELECT id FROM sources WHERE sha256 = ?');
    // Above every id live or in the trash, so undo gives a deleted source its own id back (see EntriesRepo).
    this.insertStmt = db.prepare(
      `INSERT INTO sources (id, sha256, name, path, container, size, format, encoding, encoding_confidence, imported_at, header, warnings, guid,
                           kept_bytes, content_codec, chunk_bytes, text_kind)
       VALUES (max(coalesce((SELECT max(id) FROM sources), 0), coalesce((SELECT max(id) FROM trash_sources), 0)) + 1,
               @sha256, @name, @path, @container, @size, @format, @encoding, @encodingConfidence, @importedAt, @header, @warnings, @guid,
               @keptBytes, @contentCodec, @chunkBytes, @textKind)`,
    );
    this.listStmt = db.prepare<[], SourceSummary>(
      `SELECT s.id, s.name, s.path, s.format, s.encoding, s.size, s.sha256, s.imported_at AS importedAt,
              (SELECT count(*) FROM entry_sources es WHERE es.source_id = s.id) AS entries
         FROM sources s ORDER BY s.id`,
    );
    this.textStmt = db.prepare<[number], { name: string; encoding: string | null }>('SELECT name, encoding FROM sources WHERE id = ?');
    this.originalStmt = db.prepare<[number], { name: string; format: SourceFormat; encoding: string | null; header: string | null }>(
      'SELECT name, format, encoding, header FROM sources WHERE id = ?',
    );
  }

  findByHash(sha256: string): number | null {
    return this.byHash.get(sha256)?.id ?? null;
  }

  insert(source: NewSource): number {
    const { bytes, text, packed: given, ...row } = source;
    const packed = given ?? packContent(bytes, source.encoding, text, this.chunkBytes);
    const id = Number(this.insertStmt.run({ ...row, ...packed.columns, guid: guidFromHash(source.sha256) }).lastInsertRowid);
    this.content.store(id, packed);
    return id;
  }

  /** After its entries are linked: a spliced source that does not read back exactly is stored whole (SourceContent.confirmSpliced). */
  confirmSpliced(id: number, source: Pick<NewSource, 'bytes' | 'encoding' | 'text'>): void {
    this.content.confirmSpliced(id, source.bytes, source.encoding, source.text);
  }

  list(): SourceSummary[] {
    return this.listStmt.all();
  }

  text(id: number): { name: string; encoding: string | null; text: string } | null {
    const row = this.textStmt.get(id);
    return row ? { ...row, text: this.content.text(id) } : null;
  }

  /** Everything "Show original" reads: how the file was decoded, and its bytes and text when asked. */
  original(id: number): StoredSource | null {
    const row = this.originalStmt.get(id);
    if (!row) return null;
    const content = this.content;
    let text: string | null = null;
    return {
      ...row,
      text: () => (text ??= content.text(id)),
      bytes: () => content.bytes(id),
      byteRange: (start, end) => content.byteRange(id, start, end),
    };
  }
}
