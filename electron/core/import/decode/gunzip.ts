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
 * Past the limits it is refused (a .warc.gz is unpacked whole before its records are read).
 */
export function gunzipLenient(bytes: Uint8Array, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): { data: Uint8Array; complete: boolean } {
  const { cap, refusal } = unpackCap(bytes.byteLength, { ...limits, maxFileBytes: Math.max(limits.maxFileBytes, limits.maxUnpackedMember) });
  const maxOutputLength = Math.max(1, cap);
  try {
    return { data: new Uint8Array(zlib.gunzipSync(bytes, { maxOutputLength })), complete: true };
  } catch (error) {
    if (tooLarge(error)) throw refusal();
    try {
      const data = zlib.gunzipSync(bytes, { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength });
      return { data: new Uint8Array(data), complete: false };
    } catch (inner) {
      if (tooLarge(inner)) throw refusal();
      return { data: new Uint8Array(0), complete: false };
    }
  }
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
