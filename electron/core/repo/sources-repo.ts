// All SQL about sources (imported files) lives here.
import type { SourceFormat, SourceSummary } from '../../../shared/contract.ts';
import { guidFromHash } from '../db/guids.ts';
import type { Db } from '../db/open-archive.ts';

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
}

export interface StoredSource {
  name: string;
  format: SourceFormat;
  encoding: string | null;
  text: string;
  header: string | null;
  bytes: Uint8Array;
}

export class SourcesRepo {
  private readonly byHash;
  private readonly insertStmt;
  private readonly listStmt;
  private readonly textStmt;
  private readonly originalStmt;

  constructor(db: Db) {
    this.byHash = db.prepare<[string], { id: number }>('SELECT id FROM sources WHERE sha256 = ?');
    // Above every id live or in the trash, so undo gives a deleted source its own id back (see EntriesRepo).
    this.insertStmt = db.prepare(
      `INSERT INTO sources (id, sha256, name, path, container, size, format, encoding, encoding_confidence, imported_at, bytes, text, header, warnings, guid)
       VALUES (max(coalesce((SELECT max(id) FROM sources), 0), coalesce((SELECT max(id) FROM trash_sources), 0)) + 1,
               @sha256, @name, @path, @container, @size, @format, @encoding, @encodingConfidence, @importedAt, @bytes, @text, @header, @warnings, @guid)`,
    );
    this.listStmt = db.prepare<[], SourceSummary>(
      `SELECT s.id, s.name, s.path, s.format, s.encoding, s.size, s.sha256, s.imported_at AS importedAt,
              (SELECT count(*) FROM entry_sources es WHERE es.source_id = s.id) AS entries
         FROM sources s ORDER BY s.id`,
    );
    this.textStmt = db.prepare<[number], { name: string; encoding: string | null; text: string }>(
      'SELECT name, encoding, text FROM sources WHERE id = ?',
    );
    this.originalStmt = db.prepare<[number], StoredSource>('SELECT name, format, encoding, text, header, bytes FROM sources WHERE id = ?');
  }

  findByHash(sha256: string): number | null {
    return this.byHash.get(sha256)?.id ?? null;
  }

  insert(source: NewSource): number {
    return Number(this.insertStmt.run({ ...source, guid: guidFromHash(source.sha256), bytes: Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength) }).lastInsertRowid);
  }

  list(): SourceSummary[] {
    return this.listStmt.all();
  }

  text(id: number): { name: string; encoding: string | null; text: string } | null {
    return this.textStmt.get(id) ?? null;
  }

  /** Everything "Show original" reads: the file's bytes and how they were decoded, and the stored text. */
  original(id: number): StoredSource | null {
    return this.originalStmt.get(id) ?? null;
  }
}
