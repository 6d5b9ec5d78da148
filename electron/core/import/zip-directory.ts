// Reads a ZIP archive's table of contents (the central directory, ZIP64 included) without
// unpacking anything, so each member's declared size is checked before it is inflated and members
// are then unpacked one at a time, each with a cap on its output.
import { ImportRejection } from './types.ts';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate; anything else is refused per member. */
  method: number;
  encrypted: boolean;
  compressedSize: number;
  /** As the table of contents declares it (a hostile file may lie; inflating is capped anyway). */
  declaredSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const corrupt = () => new ImportRejection('This ZIP archive is truncated or corrupt: its table of contents cannot be read (an interrupted download or copy?).');
const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

function u64(view: DataView, at: number): number {
  const value = view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
  if (!Number.isSafeInteger(value)) throw corrupt();
  return value;
}

function entryName(raw: Uint8Array, utf8Flag: boolean): string {
  if (utf8Flag) return new TextDecoder('utf-8').decode(raw);
  try {
    // Many tools write UTF-8 names without setting the flag; fall back to Latin-1 when they are not.
    return utf8.decode(raw);
  } catch {
    return latin1.decode(raw);
  }
}

/** Every entry of the central directory, in its order; throws ImportRejection when it cannot be read. */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.byteLength;
  let eocd = -1;
  for (let at = n - 22; at >= 0 && at >= n - 22 - 0xffff; at--) {
    if (view.getUint32(at, true) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw corrupt();
  let count = view.getUint16(eocd + 10, true);
  let dirOffset = view.getUint32(eocd + 16, true);
  if ((count === 0xffff || dirOffset === 0xffffffff) && eocd >= 20 && view.getUint32(eocd - 20, true) === ZIP64_LOCATOR) {
    const at = u64(view, eocd - 12);
    if (at + 56 > n || view.getUint32(at, true) !== ZIP64_EOCD) throw corrupt();
    count = u64(view, at + 32);
    dirOffset = u64(view, at + 48);
  }
  const entries: ZipEntry[] = [];
  let at = dirOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > n || view.getUint32(at, true) !== CENTRAL) throw corrupt();
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    let compressedSize = view.getUint32(at + 20, true);
    let declaredSize = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    let localHeaderOffset = view.getUint32(at + 42, true);
    const nameAt = at + 46;
    const extraAt = nameAt + nameLength;
    const next = extraAt + extraLength + commentLength;
    if (next > n) throw corrupt();
    // ZIP64: the 64-bit values stand in the extra field, in this order, for each 32-bit one that is all ones.
    for (let x = extraAt; x + 4 <= extraAt + extraLength; ) {
      const id = view.getUint16(x, true);
      const size = view.getUint16(x + 2, true);
      if (id === 0x0001) {
        let f = x + 4;
        const end = f + size;
        const take = () => {
          if (f + 8 > end || end > extraAt + extraLength) throw corrupt();
          const v = u64(view, f);
          f += 8;
          return v;
        };
        if (declaredSize === 0xffffffff) declaredSize = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = take();
      }
      x += 4 + size;
    }
    entries.push({
      name: entryName(bytes.subarray(nameAt, extraAt), (flags & 0x800) !== 0),
      method,
      encrypted: (flags & 1) === 1,
      compressedSize,
      declaredSize,
      localHeaderOffset,
    });
    at = next;
  }
  return entries;
}

/** The compressed bytes of one entry (after its local header). */
export function zipEntryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const at = entry.localHeaderOffset;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (at + 30 > bytes.byteLength || view.getUint32(at, true) !== LOCAL) throw corrupt();
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.byteLength) throw corrupt();
  return bytes.subarray(start, start + entry.compressedSize);
}
