// Opens .zip and .gz containers so their members are imported one by one. A .warc.gz (or any
// .gz holding a WARC) is not a container: it is one web archive, read by the WARC importer.
import { unzipSync } from 'fflate';
import { gunzipStrict, isGzip } from './decode/gunzip.ts';
import { isWarc } from './formats/import-warc.ts';
import type { ContainerMember } from './types.ts';
import { ImportRejection } from './types.ts';

const SKIP = /(^|\/)(__MACOSX|\.DS_Store|Thumbs\.db|desktop\.ini)(\/|$)|(^|\/)\._/u;

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05 || bytes[2] === 0x07);
}

/** True when a zip's entries are encrypted (general-purpose flag bit 0 in a local header). */
function zipEncrypted(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && ((bytes[6] ?? 0) & 1) === 1;
}

function expandZip(bytes: Uint8Array): ContainerMember[] {
  if (zipEncrypted(bytes)) throw new ImportRejection('This ZIP archive is password-protected; Quire cannot open it.');
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (error) {
    const message = String((error as Error).message ?? error);
    if (/end of central directory|invalid zip|unexpected EOF|invalid length/iu.test(message)) {
      throw new ImportRejection('This ZIP archive is truncated or corrupt: its table of contents cannot be read (an interrupted download or copy?).');
    }
    throw new ImportRejection(`This ZIP archive is corrupt: ${message.replace(/\.$/u, '')}.`);
  }
  return Object.entries(files)
    .filter(([name]) => !name.endsWith('/') && !SKIP.test(name))
    .map(([name, data]) => ({ name: name.replace(/^\/+/u, ''), bytes: data }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Members of a container, or null when the bytes are not a container. Throws ImportRejection when corrupt. */
export function expandContainer(name: string, bytes: Uint8Array): ContainerMember[] | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.zip')) {
    if (bytes.length === 0) throw new ImportRejection('The file is empty.');
    if (!isZip(bytes)) throw new ImportRejection('This file is named .zip but is not a ZIP archive (or its start is damaged).');
    return expandZip(bytes);
  }
  if ((lower.endsWith('.gz') || lower.endsWith('.tgz')) && !lower.endsWith('.warc.gz')) {
    if (bytes.length === 0) throw new ImportRejection('The file is empty.');
    if (!isGzip(bytes)) throw new ImportRejection('This file is named .gz but is not gzip-compressed (or its start is damaged).');
    const inner = gunzipStrict(bytes);
    if (isWarc(inner)) return null;
    if (lower.endsWith('.tar.gz') || lower.endsWith('.tgz') || (inner.length > 262 && Buffer.from(inner.subarray(257, 262)).toString('latin1') === 'ustar')) {
      throw new ImportRejection('This is a compressed tar archive (.tar.gz); Quire opens .zip and .gz files but not tar archives. Unpack it and import the folder.');
    }
    if (isZip(inner)) return expandZip(inner).map((m) => m);
    const base = name.split(/[\\/]/u).pop()!.replace(/\.gz$/iu, '') || 'file';
    return [{ name: base, bytes: inner }];
  }
  return null;
}
