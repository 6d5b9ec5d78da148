// Opens .zip and .gz containers so their members are imported one by one. A .warc.gz (or any
// .gz holding a WARC) is not a container: it is one web archive, read by the WARC importer.
// A zip's table of contents is read first: declared sizes past the limits (import-limits.ts) are
// refused before anything is inflated, and members are then unpacked one at a time, when the
// import reaches them, each with a cap on its output (a lying table of contents gains nothing).
import zlib from 'node:zlib';
import { gunzipStrict, isGzip } from './decode/gunzip.ts';
import { isWarc } from './formats/import-warc.ts';
import { DEFAULT_IMPORT_LIMITS, formatSize, unpackCap, type ImportLimits } from './import-limits.ts';
import type { ContainerMember } from './types.ts';
import { ImportRejection } from './types.ts';
import { readZipDirectory, zipEntryData, type ZipEntry } from './zip-directory.ts';

const SKIP = /(^|\/)(__MACOSX|\.DS_Store|Thumbs\.db|desktop\.ini)(\/|$)|(^|\/)\._/u;

/** One member as the import reaches it: its bytes, or why it was not unpacked. */
export type ContainerItem = ContainerMember | { name: string; error: ImportRejection };

export interface OpenedContainer {
  /** How many members `items` yields (one item each, unpacked or refused). */
  count: number;
  items(): Generator<ContainerItem>;
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05 || bytes[2] === 0x07);
}

/** True when a zip's entries are encrypted (general-purpose flag bit 0 in a local header). */
function zipEncrypted(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && ((bytes[6] ?? 0) & 1) === 1;
}

const PASSWORD = 'This ZIP archive is password-protected; Quire cannot open it.';

function openZip(bytes: Uint8Array, limits: ImportLimits): OpenedContainer {
  if (zipEncrypted(bytes)) throw new ImportRejection(PASSWORD);
  const entries = readZipDirectory(bytes)
    .filter((e) => !e.name.endsWith('/') && !SKIP.test(e.name))
    .map((e) => ({ ...e, name: e.name.replace(/^\/+/u, '') }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const declared = entries.reduce((n, e) => n + e.declaredSize, 0);
  if (declared > limits.maxUnpackedContainer) {
    throw new ImportRejection(
      `This .zip would unpack to ${formatSize(declared)}, more than ${formatSize(limits.maxUnpackedContainer)}, Quire's limit for one container; Quire did not unpack it. Unpack it yourself and import the folder in parts.`,
    );
  }
  return {
    count: entries.length,
    *items() {
      let unpacked = 0;
      for (const entry of entries) {
        try {
          const data = unzipEntry(bytes, entry, limits, limits.maxUnpackedContainer - unpacked);
          unpacked += data.byteLength;
          yield { name: entry.name, bytes: data };
        } catch (error) {
          if (!(error instanceof ImportRejection)) throw error;
          yield { name: entry.name, error };
        }
      }
    },
  };
}

function unzipEntry(bytes: Uint8Array, entry: ZipEntry, limits: ImportLimits, containerLeft: number): Uint8Array {
  if (entry.encrypted) throw new ImportRejection(PASSWORD);
  if (entry.method !== 0 && entry.method !== 8) throw new ImportRejection(`This file is compressed with a method Quire cannot unpack (ZIP method ${entry.method}); unpack the archive yourself and import the folder.`);
  const data = zipEntryData(bytes, entry);
  const { cap, refusal } = unpackCap(data.byteLength, limits, containerLeft);
  if (entry.declaredSize > cap) throw refusal();
  if (entry.method === 0) {
    if (data.byteLength > cap) throw refusal();
    return data.slice();
  }
  let out: Uint8Array;
  try {
    out = new Uint8Array(zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, cap) }));
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw refusal();
    throw new ImportRejection('This file inside the ZIP archive is corrupt: its compressed data cannot be read.');
  }
  if (out.byteLength > cap) throw refusal();
  return out;
}

/** The members of a container, unpacked as they are reached, or null when the bytes are not a container. Throws ImportRejection when corrupt or past the limits. */
export function openContainer(name: string, bytes: Uint8Array, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): OpenedContainer | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.zip')) {
    if (bytes.length === 0) throw new ImportRejection('The file is empty.');
    if (!isZip(bytes)) throw new ImportRejection('This file is named .zip but is not a ZIP archive (or its start is damaged).');
    return openZip(bytes, limits);
  }
  if ((lower.endsWith('.gz') || lower.endsWith('.tgz')) && !lower.endsWith('.warc.gz')) {
    if (bytes.length === 0) throw new ImportRejection('The file is empty.');
    if (!isGzip(bytes)) throw new ImportRejection('This file is named .gz but is not gzip-compressed (or its start is damaged).');
    const inner = gunzipStrict(bytes, 'This .gz file', limits);
    if (isWarc(inner)) return null;
    if (lower.endsWith('.tar.gz') || lower.endsWith('.tgz') || (inner.length > 262 && Buffer.from(inner.subarray(257, 262)).toString('latin1') === 'ustar')) {
      throw new ImportRejection('This is a compressed tar archive (.tar.gz); Quire opens .zip and .gz files but not tar archives. Unpack it and import the folder.');
    }
    if (isZip(inner)) return openZip(inner, limits);
    const base = name.split(/[\\/]/u).pop()!.replace(/\.gz$/iu, '') || 'file';
    return {
      count: 1,
      *items() {
        yield { name: base, bytes: inner };
      },
    };
  }
  return null;
}

/** Every member at once (for small inputs and tests); the first member that cannot be unpacked is thrown. */
export function expandContainer(name: string, bytes: Uint8Array, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): ContainerMember[] | null {
  const opened = openContainer(name, bytes, limits);
  if (!opened) return null;
  const members: ContainerMember[] = [];
  for (const item of opened.items()) {
    if ('error' in item) throw item.error;
    members.push(item);
  }
  return members;
}
