// Files too large to read whole (ImportLimits.maxFileBytes) are read in parts, when their format
// has records that can be cut apart where one ends and the next begins: JSON Lines (a record a
// line), CSV and TSV (a row from each line break outside quotes; every part after the first is
// read after the file's header row, which it does not hold), mbox (a message from each "From "
// line after a blank one) and WARC (a record from each "WARC/" header, its length declared). Each part is a byte range of the file, imported as a
// source of its own named by that range, so every citation still points at bytes a reader can cut
// out of the original and check against the part's SHA-256; import-files.ts writes all the parts of
// one file in one transaction, so the file is still all-or-nothing. Only one part (and the parts
// read ahead) is in memory at a time: the memory an import takes no longer grows with the file.
import fs from 'node:fs';
import type { SourceFormat } from '../../../shared/contract.ts';
import { indexOfBytes, parseHeaderLines, splitHead } from './formats/parse-http.ts';
import { formatSize, type ImportLimits } from './import-limits.ts';
import { ImportRejection } from './types.ts';

/** The formats read in parts, and how each finds the last place a part may end. */
const CUTTERS: Partial<Record<SourceFormat, (buf: Uint8Array) => number>> = {
  jsonl: cutJsonLines,
  csv: cutRows,
  tsv: cutRows,
  mbox: cutMbox,
  warc: cutWarc,
};

/** What the refusal of a large file in another format says can be read in parts. */
/** Names of files in the formats read in parts (their content decides: partedFormat). */
export const PARTED_NAME = /\.(?:jsonl|ndjson|csv|tsv|tab|mbox|mbx|warc)$/iu;

export const PARTED_FORMATS = 'JSON Lines (.jsonl), CSV or TSV (.csv, .tsv), mbox mail and uncompressed WARC';

/**
 * A part of a large file: its byte range and its bytes (and, for a table's later parts, the
 * header row it is read after), or why the file cannot be cut there.
 */
export type FilePart = { start: number; end: number; bytes: Uint8Array; header?: Uint8Array } | { start: number; error: ImportRejection };

const MBOX_FROM = /^From \S+ +.*\d{4}\r?\n[\w-]+:/u;

/**
 * The format of a large file if it is one read in parts, sniffed from its first 64 KB, else null.
 * The same signs detect-format.ts reads first (a WARC/ line, a From line and a header, a .jsonl or
 * .ndjson name or lines of JSON objects), without the parsers it brings, which the writer's thread
 * does not load: each part is then read by the importer its own content calls for, and a part
 * that is not what the file seemed fails the file, whole.
 */
export function partedFormat(name: string, head: Uint8Array): SourceFormat | null {
  if (head.length === 0 || (head[0] === 0x1f && head[1] === 0x8b)) return null;
  // UTF-16 (a byte-order mark, or a NUL beside most ASCII bytes): its line breaks are two bytes, which a cut at 0x0A would split.
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return null;
  const sample = head.subarray(0, 4096);
  if (sample.filter((b) => b === 0).length > sample.length / 4) return null;
  const text = new TextDecoder('utf-8').decode(head).replace(/^\uFEFF/u, '');
  const start = text.replace(/^\s+/u, '');
  if (/^WARC\/\d/u.test(start)) return 'warc';
  if (MBOX_FROM.test(start)) return 'mbox';
  if (/\.(?:jsonl|ndjson)$/iu.test(name)) return 'jsonl';
  if (/\.csv$/iu.test(name)) return 'csv';
  if (/\.(?:tsv|tab)$/iu.test(name)) return 'tsv';
  const lines = start.split('\n', 3);
  if (lines.length < 3) return null;
  try {
    // Two whole lines, each a JSON object or array: JSON Lines (a JSON document would not parse line by line).
    return lines.slice(0, 2).every((l) => /^\s*[[{]/u.test(l) && JSON.parse(l) !== null) ? 'jsonl' : null;
  } catch {
    return null;
  }
}

/** Reads `size` bytes from the start of a file (fewer at its end). */
export function readHead(file: string, size = 64 * 1024): Uint8Array {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(size);
    return buf.subarray(0, fs.readSync(fd, buf, 0, size, 0));
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The parts of a large file, read one at a time as they are asked for: each about `partBytes`
 * long, ending where a record ends. A record longer than a part makes its part longer, up to
 * `maxFileBytes` (what a file read whole may be); past that the file cannot be cut and the part
 * says why.
 */
export function* fileParts(file: string, size: number, format: SourceFormat, limits: Pick<ImportLimits, 'partBytes' | 'maxFileBytes'>): Generator<FilePart> {
  const cutter = CUTTERS[format];
  if (!cutter) throw new Error(`${format} is not read in parts`);
  const fd = fs.openSync(file, 'r');
  // A table's header row: the first part's first row, read before each later part.
  let header: Uint8Array | undefined;
  try {
    let start = 0;
    while (start < size) {
      let window = Math.max(1, limits.partBytes);
      let part: FilePart | null = null;
      while (!part) {
        const length = Math.min(window, size - start);
        const buf = Buffer.allocUnsafe(length);
        let got = 0;
        while (got < length) {
          const n = fs.readSync(fd, buf, got, length - got, start + got);
          if (n === 0) break;
          got += n;
        }
        if (got < length) {
          part = { start, error: new ImportRejection(`The file changed while it was read: it ended at byte ${start + got} of ${size}. Nothing of it was kept.`) };
          break;
        }
        const atEnd = start + length === size;
        const cut = atEnd ? length : cutter(buf);
        if (cut > 0) {
          const bytes = cut === length ? buf : buf.subarray(0, cut);
          part = { start, end: start + cut, bytes, ...(header ? { header } : {}) };
          if ((format === 'csv' || format === 'tsv') && start === 0) {
            const rowEnd = firstRowEnd(bytes);
            if (rowEnd > 0) header = Uint8Array.from(bytes.subarray(0, rowEnd));
          }
        } else if (window >= limits.maxFileBytes) {
          part = { start, error: new ImportRejection(`No ${recordName(format)} ends within ${formatSize(limits.maxFileBytes)} after byte ${start}, so Quire cannot read this file in parts (files over ${formatSize(limits.maxFileBytes)} are). Nothing of it was kept.`) };
        } else {
          window = Math.min(limits.maxFileBytes, window * 4);
        }
      }
      yield part;
      if ('error' in part) return;
      start = part.end;
    }
  } finally {
    fs.closeSync(fd);
  }
}

function recordName(format: SourceFormat): string {
  return format === 'jsonl' ? 'line' : format === 'mbox' ? 'message' : format === 'csv' || format === 'tsv' ? 'row' : 'record';
}

/** The ends of the rows of a table: each line break outside double quotes (a quote inside a quoted field is doubled, so they pair up). */
function rowEnds(buf: Uint8Array, first: boolean): number {
  let quoted = false;
  let last = 0;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i]!;
    if (b === 0x22) quoted = !quoted;
    else if (b === 0x0a && !quoted) {
      last = i + 1;
      if (first) return last;
    }
  }
  return last;
}

/** After the last row that ends in `buf` (parts start where a row starts, outside quotes). */
export function cutRows(buf: Uint8Array): number {
  return rowEnds(buf, false);
}

/** Where the first row (a table's header) ends, or 0. */
function firstRowEnd(buf: Uint8Array): number {
  return rowEnds(buf, true);
}

/** After the last line break: a part of whole lines. */
export function cutJsonLines(buf: Uint8Array): number {
  return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).lastIndexOf(0x0a) + 1;
}

/** At the last "From " line that follows a blank line (where importMbox starts a message), past the start. */
export function cutMbox(buf: Uint8Array): number {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  for (let at = b.length; at > 0; ) {
    const from = b.lastIndexOf('\nFrom ', at - 1, 'latin1');
    if (from < 0) return 0;
    const lineStart = from + 1;
    // The line before is blank: "\n\n" or "\n\r\n" ends just before the From line.
    if (from >= 1 && (b[from - 1] === 0x0a || (b[from - 1] === 0x0d && from >= 2 && b[from - 2] === 0x0a))) return lineStart;
    at = from;
  }
  return 0;
}

const WARC_MAGIC = [0x57, 0x41, 0x52, 0x43, 0x2f]; // "WARC/"

/** After the last whole record: each record's header says how long its content is. */
export function cutWarc(buf: Uint8Array): number {
  let at = 0;
  let cut = 0;
  for (;;) {
    const next = indexOfBytes(buf, WARC_MAGIC, at);
    if (next < 0) return cut;
    const split = splitHead(buf, next);
    if (!split) return cut;
    const length = Number(parseHeaderLines(split.head.split(/\r?\n/u).slice(1)).get('content-length') ?? NaN);
    if (!Number.isFinite(length) || length < 0) {
      // No length: the importer skips the header alone and reads on from its end.
      at = split.rest;
      continue;
    }
    const end = split.rest + length;
    if (end > buf.length) return cut;
    // The blank line after the content goes with this record.
    let after = end;
    while (after < buf.length && after < end + 4 && (buf[after] === 0x0d || buf[after] === 0x0a)) after++;
    cut = after;
    at = after;
  }
}
