// A source's content: its original bytes and its decoded text. The only place that reads or
// writes them (migration 007 says why they are stored this way):
//  - the bytes in chunks of `chunk_bytes` (1 MB), each compressed on its own, so a byte range
//    (a mail message, a WARC record) is read without unpacking the whole file and no row comes
//    near SQLite's 1 GB limit;
//  - the text not at all when decoding the bytes gives it exactly (`text_kind = 'derived'`), else
//    as UTF-8 in compressed chunks too (`'stored'`: PDF, WARC, gzip, and any text that differs).
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { QuireError } from '../../../shared/errors.ts';
import type { Db } from '../db/open-archive.ts';

export const SOURCE_CHUNK_BYTES = 1024 * 1024;

/**
 * Brotli at quality 5: on the bench corpus (generated digests) it kept 0.328 of the bytes at
 * 33 MB/s, where deflateRaw level 6 kept 0.330 at 22 MB/s and level 1 0.377 at 65 MB/s; brotli
 * also unpacked faster (313 against 261 MB/s). Quality 9 gains 6% for a fifth of the speed.
 */
export const SOURCE_CODEC = 'brotli-5';

export type TextKind = 'derived' | 'stored';

const BROTLI = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } };

function compress(codec: string, data: Uint8Array): Buffer {
  if (codec === 'brotli-5') return zlib.brotliCompressSync(data, { params: { ...BROTLI.params, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.byteLength } });
  if (codec === 'deflate-raw') return zlib.deflateRawSync(data);
  throw new Error(`Unknown source codec ${codec}`);
}

function decompress(codec: string, data: Uint8Array): Buffer {
  if (codec.startsWith('brotli')) return zlib.brotliDecompressSync(data);
  if (codec === 'deflate-raw') return zlib.inflateRawSync(data);
  throw new QuireError('archive-newer', `This archive stores a file compressed as ${codec}, which this Quire cannot read. Update Quire to read it.`);
}

/**
 * The text a derived source has: the bytes decoded with the recorded encoding (a BOM dropped),
 * every CR / CRLF as \n, no NUL, NFC. Frozen: it is part of the archive format, so it does not
 * follow later changes to the importer's decoding (decode-text.ts), which only decide whether a
 * new file's text equals it.
 */
export function derivedText(bytes: Uint8Array, encoding: string | null): string {
  const decoded = new TextDecoder(encoding ?? 'utf-8').decode(bytes);
  return decoded.replace(/^\uFEFF/u, '').replace(/\r\n?/gu, '\n').replace(/\0/gu, '').normalize('NFC');
}

/**
 * Legacy multi-byte tables have changed between Encoding Standard versions (GB18030-2022, Big5
 * additions), so text in them is stored. A code point unassigned today may be given a decomposition
 * or a combining class later, which would change NFC, so such text is stored too.
 */
const UNSTABLE_ENCODINGS = new Set(['gbk', 'gb18030', 'big5', 'shift_jis', 'euc-jp', 'iso-2022-jp', 'euc-kr']);

/** Whether `text` is exactly what derivedText gives for these bytes, now and in later Quires. */
export function textIsDerivable(bytes: Uint8Array, encoding: string | null, text: string): boolean {
  if (bytes.byteLength === 0) return text === '';
  let label: string;
  try {
    label = new TextDecoder(encoding ?? 'utf-8').encoding;
  } catch {
    return false;
  }
  if (UNSTABLE_ENCODINGS.has(label)) return false;
  // Gzip (a .gz member, WARC.gz) and binary files (PDF) never decode to their text; this is quick.
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return false;
  if (/\p{Cn}/u.test(text)) return false;
  return derivedText(bytes, encoding) === text;
}

/** The columns of a source's row that say how its content is stored. */
export interface ContentColumns {
  keptBytes: number;
  contentCodec: string;
  chunkBytes: number;
  textKind: TextKind;
}

export function contentColumns(bytes: Uint8Array, encoding: string | null, text: string, chunkBytes = SOURCE_CHUNK_BYTES): ContentColumns {
  return { keptBytes: bytes.byteLength, contentCodec: SOURCE_CODEC, chunkBytes, textKind: textIsDerivable(bytes, encoding, text) ? 'derived' : 'stored' };
}

/** A source's content ready to store: its columns and its compressed chunks. */
export interface PackedContent {
  columns: ContentColumns;
  chunks: { kind: 'bytes' | 'text'; seq: number; data: Uint8Array }[];
}

/**
 * Compresses a source's content. An import does it in its preparing thread (prepare-document.ts):
 * on the writer's thread, inside the file's transaction, it was the biggest part of the write,
 * and a highlight saved meanwhile waited for it.
 */
export function packContent(bytes: Uint8Array, encoding: string | null, text: string, chunkBytes = SOURCE_CHUNK_BYTES, textKind?: TextKind): PackedContent {
  const columns = { ...contentColumns(bytes, encoding, text, chunkBytes), ...(textKind ? { textKind } : {}) };
  const chunks: PackedContent['chunks'] = [];
  const pack = (kind: 'bytes' | 'text', data: Uint8Array) => {
    for (let seq = 0, at = 0; at < data.byteLength; seq++, at += chunkBytes) chunks.push({ kind, seq, data: compress(columns.contentCodec, data.subarray(at, at + chunkBytes)) });
  };
  pack('bytes', bytes.subarray(0, columns.keptBytes));
  if (columns.textKind === 'stored') pack('text', Buffer.from(text, 'utf8'));
  return { columns, chunks };
}

interface ContentRow {
  /** The original bytes kept: the file's size, or 0 for a source brought in from an export without its file. */
  keptBytes: number;
  encoding: string | null;
  codec: string;
  chunkBytes: number;
  textKind: TextKind;
}

/** Reads and writes source content; one instance per connection, statements prepared once. */
export class SourceContent {
  private readonly rowStmt;
  private readonly chunksStmt;
  private readonly rangeStmt;
  private readonly insertStmt;

  constructor(db: Db) {
    this.rowStmt = db.prepare<[number], ContentRow>(
      'SELECT kept_bytes AS keptBytes, encoding, content_codec AS codec, chunk_bytes AS chunkBytes, text_kind AS textKind FROM sources WHERE id = ?',
    );
    this.chunksStmt = db.prepare<[number, string], Buffer>('SELECT data FROM source_chunks WHERE source_id = ? AND kind = ? ORDER BY seq').pluck();
    this.rangeStmt = db.prepare<[number, number, number], Buffer>("SELECT data FROM source_chunks WHERE source_id = ? AND kind = 'bytes' AND seq BETWEEN ? AND ? ORDER BY seq").pluck();
    this.insertStmt = db.prepare<[number, string, number, Buffer]>('INSERT INTO source_chunks (source_id, kind, seq, data) VALUES (?, ?, ?, ?)');
  }

  /** Writes a new source's chunks (its row, with `packed.columns`, is written by the caller). */
  store(sourceId: number, packed: PackedContent): void {
    for (const chunk of packed.chunks) this.insertStmt.run(sourceId, chunk.kind, chunk.seq, Buffer.from(chunk.data.buffer, chunk.data.byteOffset, chunk.data.byteLength));
  }

  private row(id: number): ContentRow {
    const row = this.rowStmt.get(id);
    if (!row) throw new QuireError('not-found', `Source ${id} is not in this archive.`);
    return row;
  }

  /** The whole original file. */
  bytes(id: number): Buffer {
    const row = this.row(id);
    return this.join(row, this.chunksStmt.all(id, 'bytes'), row.keptBytes);
  }

  /** Bytes [start, end) of the original file (clipped to it), reading only the chunks they lie in. */
  byteRange(id: number, start: number, end: number): Buffer {
    const row = this.row(id);
    const from = Math.max(0, Math.min(start, row.keptBytes));
    const to = Math.max(from, Math.min(end, row.keptBytes));
    if (to === from) return Buffer.alloc(0);
    const first = Math.floor(from / row.chunkBytes);
    const last = Math.floor((to - 1) / row.chunkBytes);
    const joined = this.join(row, this.rangeStmt.all(id, first, last), null);
    return joined.subarray(from - first * row.chunkBytes, to - first * row.chunkBytes);
  }

  /** The SHA-256 of the original file, read a chunk at a time (a big file is never held whole). */
  sha256(id: number): { sha256: string; byteLength: number } {
    const row = this.row(id);
    const hash = crypto.createHash('sha256');
    let byteLength = 0;
    for (const chunk of this.chunksStmt.iterate(id, 'bytes')) {
      const data = decompress(row.codec, chunk);
      hash.update(data);
      byteLength += data.byteLength;
    }
    if (byteLength !== row.keptBytes) throw damaged(byteLength, row.keptBytes);
    return { sha256: hash.digest('hex'), byteLength };
  }

  /** The decoded text every offset of the source refers to. */
  text(id: number): string {
    const row = this.row(id);
    if (row.textKind === 'derived') return derivedText(this.join(row, this.chunksStmt.all(id, 'bytes'), row.keptBytes), row.encoding);
    return this.join(row, this.chunksStmt.all(id, 'text'), null).toString('utf8');
  }

  private join(row: ContentRow, chunks: Buffer[], expected: number | null): Buffer {
    const parts = chunks.map((c) => decompress(row.codec, c));
    const whole = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    // A missing chunk must never pass for a shorter file.
    if (expected !== null && whole.byteLength !== expected) throw damaged(whole.byteLength, expected);
    return whole;
  }
}

function damaged(found: number, expected: number): QuireError {
  return new QuireError('archive-corrupt', `A file's stored bytes come to ${found} where it had ${expected}: the archive is damaged. Restore it from a backup.`);
}
