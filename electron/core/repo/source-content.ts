// A source's content: its original bytes and its decoded text. The only place that reads or
// writes them (migration 007 says why they are stored this way):
//  - the bytes in chunks of `chunk_bytes` (1 MB), each compressed on its own, so a byte range
//    (a mail message, a WARC record) is read without unpacking the whole file and no row comes
//    near SQLite's 1 GB limit;
//  - the text not at all when decoding the bytes gives it exactly (`text_kind = 'derived'`), else
//    as UTF-8 in compressed chunks too (`'stored'`: PDF, WARC, gzip, and any text that differs);
//  - a plain UTF-8 text file whose entries' bodies stand verbatim in it (most dumps) without those
//    bodies (`content_codec = 'spliced-brotli-5'`): they are in `entries` already, and were the
//    file a second time (a third of the bench archive). Reading it puts them back from the live or
//    trashed entries its links name, and checks the result against the file's SHA-256, so a body
//    that could ever differ makes the file read as damaged, never as other bytes. An entry's body
//    is never edited; whatever someday removes trashed entries for good must first re-store the
//    sources that splice them (packContent).
import type { Statement } from 'better-sqlite3';
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

/** Text files whose entries' bodies are cut out of the stored bytes (see the top of this file). */
export const SPLICED_CODEC = 'spliced-brotli-5';

/** Up to this size a file may be spliced: reading any of it rebuilds it whole, as text() does anyway. */
export const SPLICE_MAX_BYTES = 64 * 1024 * 1024;

const BROTLI = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } };

function compress(codec: string, data: Uint8Array): Buffer {
  if (codec === 'brotli-5' || codec === SPLICED_CODEC) return zlib.brotliCompressSync(data, { params: { ...BROTLI.params, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.byteLength } });
  if (codec === 'deflate-raw') return zlib.deflateRawSync(data);
  throw new Error(`Unknown source codec ${codec}`);
}

function decompress(codec: string, data: Uint8Array): Buffer {
  // A Quire from before splicing refuses it here (it names no codec it knows), rather than misreading it.
  if (codec.startsWith('brotli') || codec === SPLICED_CODEC) return zlib.brotliDecompressSync(data);
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
  if (hasUnassigned(text)) return false;
  return derivedText(bytes, encoding) === text;
}

const UNASSIGNED = /\p{Cn}/u;
/** Per UTF-16 unit: 0 not looked at yet, 1 assigned, 2 unassigned. A lone surrogate is Cs: assigned. */
const BMP_UNASSIGNED = new Uint8Array(0x10000);

/**
 * Whether the text holds an unassigned code point (`\p{Cn}`). The regex over a whole file was two
 * thirds of an import's content packing (15 ns a character); each unit's answer is learnt once here.
 */
export function hasUnassigned(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    if (u < 0x80) continue; // every ASCII code point is assigned
    if (u >= 0xd800 && u <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        if (UNASSIGNED.test(text.slice(i, i + 2))) return true;
        i++;
        continue;
      }
    }
    let known = BMP_UNASSIGNED[u]!;
    if (known === 0) BMP_UNASSIGNED[u] = known = UNASSIGNED.test(String.fromCharCode(u)) ? 2 : 1;
    if (known === 2) return true;
  }
  return false;
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

/** Where an entry's body stands verbatim in a file's text (UTF-16 offsets, as every span of an import). */
export interface BodySpan {
  start: number;
  end: number;
}

/**
 * A text file's content without its entries' bodies, when its bytes are exactly its text in UTF-8
 * (so the text rebuilt gives them back) and some body can be cut; else null (store it with
 * packContent). `bodies` must each hold an entry's body verbatim. The stored residue starts with one
 * line of JSON: for each cut, the characters kept before it and its length.
 */
export function packSpliced(bytes: Uint8Array, encoding: string | null, text: string, bodies: BodySpan[], chunkBytes = SOURCE_CHUNK_BYTES): PackedContent | null {
  if (bytes.byteLength === 0 || bytes.byteLength > SPLICE_MAX_BYTES) return null;
  if (!textIsDerivable(bytes, encoding, text) || !Buffer.from(text, 'utf8').equals(bytes)) return null;
  const spans = bodies.filter((b) => b.end > b.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const cuts: number[] = [];
  const kept: string[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue; // overlaps the previous cut: stays in the residue
    kept.push(text.slice(at, span.start));
    cuts.push(span.start - at, span.end - span.start);
    at = span.end;
  }
  if (cuts.length === 0) return null;
  kept.push(text.slice(at));
  const residue = Buffer.from(`${JSON.stringify(cuts)}\n${kept.join('')}`, 'utf8');
  const columns: ContentColumns = { keptBytes: bytes.byteLength, contentCodec: SPLICED_CODEC, chunkBytes, textKind: 'derived' };
  const chunks: PackedContent['chunks'] = [];
  for (let seq = 0, from = 0; from < residue.byteLength; seq++, from += chunkBytes) chunks.push({ kind: 'bytes', seq, data: compress(SPLICED_CODEC, residue.subarray(from, from + chunkBytes)) });
  return { columns, chunks };
}

interface ContentRow {
  /** The original bytes kept: the file's size, or 0 for a source brought in from an export without its file. */
  keptBytes: number;
  encoding: string | null;
  codec: string;
  chunkBytes: number;
  textKind: TextKind;
  sha256: string;
}

interface LinkedBody {
  start: number | null;
  end: number | null;
  body: string | null;
}

/** Reads and writes source content; one instance per connection, statements prepared once. */
export class SourceContent {
  private readonly rowStmt;
  private readonly chunksStmt;
  private readonly rangeStmt;
  private readonly insertStmt;
  private readonly db: Db;
  private bodiesStmts: { live: Statement<[number], LinkedBody>; trashed: Statement<[number], LinkedBody> } | null = null;

  constructor(db: Db) {
    this.db = db;
    this.rowStmt = db.prepare<[number], ContentRow>(
      'SELECT kept_bytes AS keptBytes, encoding, content_codec AS codec, chunk_bytes AS chunkBytes, text_kind AS textKind, sha256 FROM sources WHERE id = ?',
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
    if (row.codec === SPLICED_CODEC) return this.spliced(id, row).bytes;
    return this.join(row, this.chunksStmt.all(id, 'bytes'), row.keptBytes);
  }

  /**
   * After an import has written a spliced source and its entries' links: whether reading it back
   * gives `bytes`. When not (a body it cut belongs to an entry stored earlier with other white
   * space, see entryContentHash), the file is stored whole instead, with packContent.
   */
  confirmSpliced(id: number, bytes: Uint8Array, encoding: string | null, text: string): void {
    const row = this.row(id);
    if (row.codec !== SPLICED_CODEC) return;
    let same = false;
    try {
      same = this.spliced(id, row).bytes.equals(bytes);
    } catch {
      same = false;
    }
    if (same) return;
    const packed = packContent(bytes, encoding, text, row.chunkBytes);
    this.db.prepare('DELETE FROM source_chunks WHERE source_id = ?').run(id);
    this.db.prepare('UPDATE sources SET kept_bytes = ?, content_codec = ?, chunk_bytes = ?, text_kind = ? WHERE id = ?').run(packed.columns.keptBytes, packed.columns.contentCodec, packed.columns.chunkBytes, packed.columns.textKind, id);
    this.store(id, packed);
  }

  /** A spliced file rebuilt: its residue with each cut body put back, checked against its SHA-256. */
  private spliced(id: number, row: ContentRow): { text: string; bytes: Buffer } {
    const residue = this.join(row, this.chunksStmt.all(id, 'bytes'), null).toString('utf8');
    const newline = residue.indexOf('\n');
    let cuts: unknown;
    try {
      cuts = JSON.parse(residue.slice(0, Math.max(0, newline)));
    } catch {
      cuts = null;
    }
    if (!Array.isArray(cuts) || !cuts.every((n) => Number.isSafeInteger(n) && n >= 0)) throw notRebuilt();
    this.bodiesStmts ??= {
      live: this.db.prepare<[number], LinkedBody>(
        'SELECT es.body_start AS start, es.body_end AS end, e.body FROM entry_sources es JOIN entries e ON e.id = es.entry_id WHERE es.source_id = ?',
      ),
      trashed: this.db.prepare<[number], LinkedBody>(
        `SELECT t.body_start AS start, t.body_end AS end, coalesce(e.body, te.body) AS body FROM trash_entry_sources t
           LEFT JOIN entries e ON e.id = t.entry_id LEFT JOIN trash_entries te ON te.id = t.entry_id WHERE t.source_id = ?`,
      ),
    };
    const bodies = new Map<string, string>();
    const collect = (rows: LinkedBody[]) => {
      for (const r of rows) if (r.body !== null && r.start !== null && r.end !== null && r.body.length === r.end - r.start) bodies.set(`${r.start}:${r.end}`, r.body);
    };
    collect(this.bodiesStmts.live.all(id));
    const parts: string[] = [];
    let at = 0;
    let from = newline + 1;
    let lookedInTrash = false;
    for (let i = 0; i < cuts.length; i += 2) {
      const gap = cuts[i] as number;
      const length = cuts[i + 1] as number;
      parts.push(residue.slice(from, from + gap));
      from += gap;
      at += gap;
      const key = `${at}:${at + length}`;
      // An entry deleted by itself while its file stays keeps its body in the trash.
      if (!bodies.has(key) && !lookedInTrash) {
        collect(this.bodiesStmts.trashed.all(id));
        lookedInTrash = true;
      }
      const body = bodies.get(key);
      if (body === undefined) throw notRebuilt();
      parts.push(body);
      at += length;
    }
    parts.push(residue.slice(from));
    const text = parts.join('');
    const bytes = Buffer.from(text, 'utf8');
    if (bytes.byteLength !== row.keptBytes || crypto.createHash('sha256').update(bytes).digest('hex') !== row.sha256) throw notRebuilt();
    return { text, bytes };
  }

  /** Bytes [start, end) of the original file (clipped to it), reading only the chunks they lie in. */
  byteRange(id: number, start: number, end: number): Buffer {
    const row = this.row(id);
    const from = Math.max(0, Math.min(start, row.keptBytes));
    const to = Math.max(from, Math.min(end, row.keptBytes));
    if (to === from) return Buffer.alloc(0);
    if (row.codec === SPLICED_CODEC) return this.spliced(id, row).bytes.subarray(from, to);
    const first = Math.floor(from / row.chunkBytes);
    const last = Math.floor((to - 1) / row.chunkBytes);
    const joined = this.join(row, this.rangeStmt.all(id, first, last), null);
    return joined.subarray(from - first * row.chunkBytes, to - first * row.chunkBytes);
  }

  /** The SHA-256 of the original file, read a chunk at a time (a big file is never held whole). */
  sha256(id: number): { sha256: string; byteLength: number } {
    const row = this.row(id);
    if (row.codec === SPLICED_CODEC) {
      const { bytes } = this.spliced(id, row);
      return { sha256: crypto.createHash('sha256').update(bytes).digest('hex'), byteLength: bytes.byteLength };
    }
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
    // Spliced only when the bytes are the text in UTF-8 and derivedText gives it back (packSpliced).
    if (row.codec === SPLICED_CODEC) return this.spliced(id, row).text;
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

function notRebuilt(): QuireError {
  return new QuireError(
    'archive-corrupt',
    "A file's stored bytes could not be rebuilt from its entries (an entry it holds is missing or changed): the archive is damaged. Restore it from a backup.",
  );
}

function damaged(found: number, expected: number): QuireError {
  return new QuireError('archive-corrupt', `A file's stored bytes come to ${found} where it had ${expected}: the archive is damaged. Restore it from a backup.`);
}
