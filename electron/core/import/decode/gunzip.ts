// gzip, including the multi-member files WARC tools write (one member per record).
import zlib from 'node:zlib';
import { ImportRejection } from '../types.ts';

export const isGzip = (bytes: Uint8Array): boolean => bytes[0] === 0x1f && bytes[1] === 0x8b;

/** Every member, strictly: a truncated or corrupt file is refused. */
export function gunzipStrict(bytes: Uint8Array, what = 'This .gz file'): Uint8Array {
  try {
    return new Uint8Array(zlib.gunzipSync(bytes));
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'Z_BUF_ERROR' || /unexpected end/iu.test(String(error))) throw new ImportRejection(`${what} is truncated: it ends before its compressed data does (an interrupted download or copy?).`);
    throw new ImportRejection(`${what} is corrupt: its compressed data cannot be read.`);
  }
}

/** As much as can be read; `complete` is false when the data was cut short or damaged part-way. */
export function gunzipLenient(bytes: Uint8Array): { data: Uint8Array; complete: boolean } {
  try {
    return { data: new Uint8Array(zlib.gunzipSync(bytes)), complete: true };
  } catch {
    try {
      const data = zlib.gunzipSync(bytes, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
      return { data: new Uint8Array(data), complete: false };
    } catch {
      return { data: new Uint8Array(0), complete: false };
    }
  }
}

/** Decompresses an HTTP body by its Content-Encoding; null when it cannot be read. */
export function decodeContentEncoding(body: Uint8Array, encoding: string): Uint8Array | null {
  const e = encoding.trim().toLowerCase();
  try {
    if (e === 'gzip' || e === 'x-gzip') return new Uint8Array(zlib.gunzipSync(body));
    if (e === 'deflate') {
      try {
        return new Uint8Array(zlib.inflateSync(body));
      } catch {
        return new Uint8Array(zlib.inflateRawSync(body));
      }
    }
    if (e === 'br') return new Uint8Array(zlib.brotliDecompressSync(body));
    if (e === '' || e === 'identity') return body;
  } catch {
    return null;
  }
  return null;
}
