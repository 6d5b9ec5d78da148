// How much Quire reads of one file, and how far it unpacks a compressed one. A file is read whole
// (its bytes, decoded text and entries are in memory together), so one file has to fit comfortably
// in memory, unless its format lets it be read in parts (file-parts.ts); a small .zip or .gz must
// not unpack to gigabytes. Its bytes and text are stored in
// compressed chunks (repo/source-content.ts), so no SQLite row limit applies to them.
import { EDIT_SLICE_MS, STEP_ASIDES } from './edit-turns.ts';
import { ImportRejection } from './types.ts';

export interface ImportLimits {
  /** The largest file, or unpacked container member, that is read whole (and the longest record a part may hold): 256 MB. */
  maxFileBytes: number;
  /** The most one compressed member (or .gz) may unpack to: 1 GB. */
  maxUnpackedMember: number;
  /** The most all members of one .zip may unpack to together: 4 GB. */
  maxUnpackedContainer: number;
  /** Unpacking past `ratioFloor` bytes to more than `maxRatio` times the compressed size is refused. */
  maxRatio: number;
  ratioFloor: number;
  /** The pieces a file's original bytes are stored in, each compressed on its own: 1 MB (repo/source-content.ts). */
  sourceChunkBytes: number;
  /**
   * A file over `partFromBytes` (32 MB) in a format that can be cut where records end
   * (file-parts.ts) is read in parts of about `partBytes` (1 MB), however large: read whole, a
   * 64 MB JSON Lines file took 1.2 GB of memory. The import's peak memory with parts of 16, 8 and
   * 4 MB, for 100 MB of JSON Lines: 889, 655 and 596 MB (in one process, import-files.ts called
   * directly); by `quire import`, 540 MB with parts of 4 MB, 432 MB with 2 and 384 MB with 1 (a
   * 2 GB file peaked at 508 MB with parts of 2 MB).
   */
  partFromBytes: number;
  partBytes: number;
  /**
   * A file is written in slices of `editSliceMs` (4 ms) with a turn between them, and steps aside
   * (is rolled back and written again) for an edit sent meanwhile, at most `stepAsides` (2) times
   * (edit-turns.ts).
   */
  editSliceMs: number;
  stepAsides: number;
}

const MB = 1024 * 1024;

/** The limits in force; tests pass lower ones (JobContext.limits, HostOptions.importLimits). */
export const DEFAULT_IMPORT_LIMITS: ImportLimits = Object.freeze({
  maxFileBytes: 256 * MB,
  maxUnpackedMember: 1024 * MB,
  maxUnpackedContainer: 4096 * MB,
  maxRatio: 200,
  ratioFloor: 100 * MB,
  sourceChunkBytes: MB,
  partFromBytes: 32 * MB,
  partBytes: 1 * MB,
  editSliceMs: EDIT_SLICE_MS,
  stepAsides: STEP_ASIDES,
});

export function importLimits(overrides?: Partial<ImportLimits>): ImportLimits {
  return { ...DEFAULT_IMPORT_LIMITS, ...overrides };
}

/** "256 MB", "1 GB", "64 KB": sizes in messages, in binary units as the limits are. */
export function formatSize(bytes: number): string {
  const units: [number, string][] = [
    [1024 * MB, 'GB'],
    [MB, 'MB'],
    [1024, 'KB'],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(bytes % size === 0 ? 0 : 1))} ${unit}`;
  }
  return `${bytes} bytes`;
}

/** `partedFormats`: the formats a larger file may be in (file-parts.ts), which it is not. */
export function tooBigToImport(size: number, limits: ImportLimits, partedFormats: string): ImportRejection {
  return new ImportRejection(
    `This file is ${formatSize(size)}; Quire reads files of up to ${formatSize(limits.maxFileBytes)} whole, and larger ones in parts only when they are ${partedFormats}. Split it into smaller files (e.g. \`split -C 100m\` for text) and import the parts.`,
  );
}

/**
 * The most `compressedSize` bytes may unpack to, and the refusal to give when they would unpack to
 * more: the smallest of the file limit, the member limit, what is left of the container's, and
 * the ratio limit.
 */
export function unpackCap(compressedSize: number, limits: ImportLimits, containerLeft = Infinity): { cap: number; refusal: () => ImportRejection } {
  const byRatio = Math.max(limits.ratioFloor, compressedSize * limits.maxRatio);
  const caps: [number, () => ImportRejection][] = [
    [limits.maxFileBytes, () => new ImportRejection(`This file would unpack to more than ${formatSize(limits.maxFileBytes)}; Quire imports files of up to ${formatSize(limits.maxFileBytes)} (each is read whole). Unpack it, split it into smaller files and import the parts.`)],
    [limits.maxUnpackedMember, () => new ImportRejection(`This file would unpack to more than ${formatSize(limits.maxUnpackedMember)}, Quire's limit for one file inside a .zip or .gz; Quire did not unpack it.`)],
    [containerLeft, () => new ImportRejection(`This .zip would unpack to more than ${formatSize(limits.maxUnpackedContainer)}, Quire's limit for one container; Quire did not unpack the rest of it. Unpack it yourself and import the folder in parts.`)],
    [byRatio, () => new ImportRejection(`This file would unpack to more than ${limits.maxRatio} times its compressed size (past ${formatSize(limits.ratioFloor)}), which Quire refuses as a likely decompression bomb; Quire did not unpack it.`)],
  ];
  caps.sort((a, b) => a[0] - b[0]);
  const [cap, refusal] = caps[0]!;
  return { cap: Math.max(0, Math.floor(cap)), refusal };
}
