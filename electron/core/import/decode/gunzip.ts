// gzip, including the multi-member files WARC tools write (one member per record). Every
// decompression here runs with a cap on its output (zlib stops as soon as it is passed), so a
// small file that unpacks to gigabytes is refused before it takes the memory.
import zlib from 'node:zlib';
import { DEFAULT_IMPORT_LIMITS, unpackCap, type ImportLimits } from '../import-limits.ts';
import { ImportRejection } from '../types.ts';

export const isGzip = (bytes: Uint8Array): boolean => bytes[0] === 0x1f && bytes[1] === 0x8b;

const tooLarge = (error: unknown): boolean => (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';

/** Every member, strictly: a truncated or corrupt file is refused, and so is one past the limits. */
export function gunzipStrict(bytes: Uint8Array, what = 'This .gz file', limits: ImportLimits = DEFAULT_IMPORT_LIMITS): Uint8Array {
  const { cap, refusal } = unpackCap(bytes.byteLength, limits);
  try {
    return new Uint8Array(zlib.gunzipSync(bytes, { maxOutputLength: Math.max(1, cap) }));
  } catch (error) {
    if (tooLarge(error)) throw refusal();
    const code = (error as { code?: string }).code;
    if (code === 'Z_BUF_ERROR' || /unexpected end/iu.test(String(error))) throw new ImportRejection(`${what} is truncated: it ends before its compressed data does (an interrupted download or copy?).`);
    throw new ImportRejection(`${what} is corrupt: its compressed data cannot be read.`);
  }
}

/**
 * As much as can be read; `complete` is false when the data was cut short or damaged part-way.
 * A damaged member is skipped and reading goes on with the next one (`damagedMembers` counts
 * them): in a .warc.gz each record is its own member, so one bad record costs only itself. Past
 * the limits it is refused (a .warc.gz is unpacked whole before its records are read).
 */
export function gunzipLenient(bytes: Uint8Array, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): { data: Uint8Array; complete: boolean; damagedMembers: number } {
  const { cap, refusal } = unpackCap(bytes.byteLength, { ...limits, maxFileBytes: Math.max(limits.maxFileBytes, limits.maxUnpackedMember) });
  const maxOutputLength = Math.max(1, cap);
  try {
    return { data: new Uint8Array(zlib.gunzipSync(bytes, { maxOutputLength })), complete: true, damagedMembers: 0 };
  } catch (error) {
    if (tooLarge(error)) throw refusal();
    return gunzipMembers(bytes, maxOutputLength, refusal);
  }
}

/** Where the compressed data of a gzip member starting at `at` begins (RFC 1952 header), or -1. */
function memberData(bytes: Uint8Array, at: number): number {
  if (bytes[at] !== 0x1f || bytes[at + 1] !== 0x8b || bytes[at + 2] !== 8) return -1;
  const flags = bytes[at + 3]!;
  let p = at + 10;
  if (flags & 4) p += 2 + ((bytes[p] ?? 0) | ((bytes[p + 1] ?? 0) << 8));
  for (const flag of [8, 16]) {
    if (!(flags & flag)) continue;
    while (p < bytes.length && bytes[p] !== 0) p++;
    p++;
  }
  if (flags & 2) p += 2;
  return p < bytes.length ? p : -1;
}

function nextMember(bytes: Uint8Array, from: number): number {
  for (let i = from; i + 2 < bytes.length; i++) if (bytes[i] === 0x1f && bytes[i + 1] === 0x8b && bytes[i + 2] === 8) return i;
  return -1;
}

const BAD_CRC = 'gzip member fails its CRC-32';

/** Member by member, skipping damaged ones; the last one cut short gives what it holds. */
function gunzipMembers(bytes: Uint8Array, maxOutputLength: number, refusal: () => ImportRejection): { data: Uint8Array; complete: boolean; damagedMembers: number } {
  const out: Uint8Array[] = [];
  let total = 0;
  let damagedMembers = 0;
  let complete = true;
  let at = 0;
  while (at < bytes.length) {
    const start = memberData(bytes, at);
    const options = { maxOutputLength: Math.max(1, maxOutputLength - total) };
    try {
      if (start < 0) throw new Error('not a gzip member');
      // `info` gives the engine, whose bytesWritten is how much compressed input the member took.
      const { buffer, engine } = zlib.inflateRawSync(bytes.subarray(start), { ...options, info: true } as zlib.ZlibOptions) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
      // Raw inflate does not check the member's trailer (CRC-32 and length), so it is checked here.
      const trailer = Buffer.from(bytes.buffer, bytes.byteOffset + start + engine.bytesWritten, Math.min(8, bytes.length - start - engine.bytesWritten));
      if (trailer.length === 8 && (trailer.readUInt32LE(0) !== zlib.crc32(buffer) || trailer.readUInt32LE(4) !== buffer.length % 2 ** 32)) throw new Error(BAD_CRC);
      if (trailer.length < 8) throw new Error('cut short');
      out.push(buffer);
      total += buffer.length;
      at = start + engine.bytesWritten + 8;
    } catch (error) {
      if (tooLarge(error)) throw refusal();
      complete = false;
      const next = nextMember(bytes, at + 1);
      if (next < 0) {
        // The last member, cut short: what it holds up to the cut.
        try {
          if (start >= 0 && (error as Error).message !== BAD_CRC) out.push(zlib.inflateRawSync(bytes.subarray(start), { ...options, finishFlush: zlib.constants.Z_SYNC_FLUSH }));
        } catch (inner) {
          if (tooLarge(inner)) throw refusal();
        }
        break;
      }
      damagedMembers++;
      at = next;
    }
  }
  return { data: new Uint8Array(Buffer.concat(out)), complete, damagedMembers };
}

/** Decompresses an HTTP body by its Content-Encoding; null when it cannot be read (or would unpack past the limits). */
export function decodeContentEncoding(body: Uint8Array, encoding: string, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): Uint8Array | null {
  const e = encoding.trim().toLowerCase();
  const maxOutputLength = Math.max(1, unpackCap(body.byteLength, limits).cap);
  try {
    if (e === 'gzip' || e === 'x-gzip') return new Uint8Array(zlib.gunzipSync(body, { maxOutputLength }));
    if (e === 'deflate') {
      try {
        return new Uint8Array(zlib.inflateSync(body, { maxOutputLength }));
      } catch (error) {
        if (tooLarge(error)) return null;
        return new Uint8Array(zlib.inflateRawSync(body, { maxOutputLength }));
      }
    }
    if (e === 'br') return new Uint8Array(zlib.brotliDecompressSync(body, { maxOutputLength }));
    if (e === '' || e === 'identity') return body;
  } catch {
    return null;
  }
  return null;
}
