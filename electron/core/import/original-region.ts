// "Show original": the real region of the source an entry came from (the JSON record, the CSV
// row, the mail message, the element's markup, the WARC page's element, the PDF pages, the text
// span), read back from the file's bytes by following the entry's locator, with the entry's title
// and body marked where they occur. The region is returned as text; nothing here renders markup.
import type { EntryOriginal, EntryProvenance, OriginalMark, SourceLocator } from '../../../shared/contract.ts';
import { normalizeText, decodeDeclared } from './decode/decode-text.ts';
import { gunzipStrict, isGzip } from './decode/gunzip.ts';
import { warcPageAt } from './formats/import-warc.ts';
import type { StoredSource } from '../repo/sources-repo.ts';

export type OriginalRegion = Omit<EntryOriginal, 'entryId' | 'sourceId' | 'sourceName'>;

/** The file's decoded text, exactly as the importer decoded it (see SourceLocator for the definition). */
export function decodedSourceText(bytes: Uint8Array, encoding: string | null): string {
  let data = bytes;
  for (let depth = 0; depth < 3 && isGzip(data); depth++) data = gunzipStrict(data, 'This compressed file');
  let label = encoding ?? 'utf-8';
  try {
    new TextDecoder(label);
  } catch {
    label = 'utf-8';
  }
  return normalizeText(new TextDecoder(label).decode(data));
}

const n = (x: number) => x.toLocaleString('en-US');
const range = (a: number, b: number) => (a === b ? `${a}` : `${a}–${b}`);

/** Page numbers as short runs: [1,2,3,5] → "1–3, 5". */
function pageRuns(pages: number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < pages.length; ) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j]! + 1) j++;
    runs.push(range(pages[i]!, pages[j]!));
    i = j + 1;
  }
  return runs.join(', ');
}

export function locatorLabel(locator: SourceLocator): string {
  switch (locator.kind) {
    case 'text':
      return `characters ${n(locator.start)}–${n(locator.end)}`;
    case 'json':
      return `record ${locator.pointer || '(the whole document)'}${locator.line !== null ? ` on line ${n(locator.line)}` : ''}`;
    case 'csv':
      return `row ${n(locator.row)} (line ${range(locator.firstLine, locator.lastLine)})`;
    case 'html':
    case 'feed':
      return `element ${locator.path}`;
    case 'mail':
      return `message ${n(locator.index)}${locator.messageId ? ` ${locator.messageId}` : ''}, bytes ${n(locator.byteStart)}–${n(locator.byteEnd)}`;
    case 'warc':
      return `record ${locator.recordId ?? `at byte ${n(locator.recordOffset)}`}${locator.targetUri ? ` (${locator.targetUri})` : ''}, element ${locator.path}`;
    case 'pdf':
      return `${locator.pages.length === 1 ? 'page' : 'pages'} ${pageRuns(locator.pages)}`;
  }
}

/** The region a locator points at in the source: its text and where it stands. */
function region(source: StoredSource, locator: SourceLocator): Pick<OriginalRegion, 'text' | 'start' | 'end' | 'unit'> {
  switch (locator.kind) {
    case 'text':
      // A text or Markdown file's stored text is its decoded text.
      return { text: source.text().slice(locator.start, locator.end), start: locator.start, end: locator.end, unit: 'chars' };
    case 'json':
    case 'csv':
    case 'html':
    case 'feed': {
      const decoded = decodedSourceText(source.bytes(), source.encoding);
      return { text: decoded.slice(locator.start, locator.end), start: locator.start, end: locator.end, unit: 'chars' };
    }
    case 'mail': {
      const bytes = source.byteRange(locator.byteStart, locator.byteEnd);
      return { text: decodeDeclared(bytes, source.encoding).text, start: locator.byteStart, end: locator.byteEnd, unit: 'bytes' };
    }
    case 'warc': {
      const html = warcPageAt(source.bytes(), locator.recordOffset) ?? '';
      return { text: html.slice(locator.start, locator.end), start: locator.start, end: locator.end, unit: 'chars' };
    }
    case 'pdf': {
      const starts = pageStarts(source.header);
      const first = locator.pages[0] ?? 1;
      const last = locator.pages[locator.pages.length - 1] ?? first;
      const start = starts[first - 1] ?? 0;
      const end = last < starts.length ? starts[last]! - 2 : source.text().length;
      return { text: source.text().slice(start, end), start, end, unit: 'chars' };
    }
  }
}

function pageStarts(header: string | null): number[] {
  try {
    const pages = header ? (JSON.parse(header) as { pages?: unknown }).pages : null;
    return Array.isArray(pages) ? pages.filter((p): p is number => typeof p === 'number') : [0];
  } catch {
    return [0];
  }
}

/** How the file writes a piece of text when not as itself: JSON string escapes, HTML character references. */
const ENCODINGS: ((s: string) => string)[] = [
  (s) => JSON.stringify(s).slice(1, -1),
  (s) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;').replace(/\u00a0/gu, '&nbsp;'),
];

const collapse = (s: string) => s.trim().replace(/\s+/gu, ' ');

/** JavaScript's \s: the characters `/\s+/u` collapses. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** The region with every run of white space as one space, and where each of its chars came from. */
class CollapsedText {
  readonly text: string;
  private readonly from: Int32Array;

  constructor(original: string) {
    this.text = original.replace(/\s+/gu, ' ');
    // One pass over the chars (JavaScript's \s set): each kept char, and each run's first space.
    const from = new Int32Array(this.text.length + 1);
    let n = 0;
    let inRun = false;
    for (let i = 0; i < original.length; i++) {
      const space = isSpace(original.charCodeAt(i));
      if (!space || !inRun) from[n++] = i;
      inRun = space;
    }
    from[n] = original.length;
    this.from = from;
  }

  /** The first collapsed index whose char comes from at or after `original`. */
  indexAt(original: number): number {
    let lo = 0;
    let hi = this.from.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.from[mid]! < original) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The original span of collapsed chars [start, end). */
  span(start: number, end: number): { start: number; end: number } {
    return { start: this.from[start]!, end: this.from[end - 1]! + 1 };
  }
}

/**
 * The first occurrence of `needle` at or after `from`: verbatim; else with other white space
 * between its words; else as the file escapes it (the last two are marked not verbatim).
 */
function findText(hay: string, needle: string, from: number, spaced: CollapsedText): { start: number; end: number; verbatim: boolean } | null {
  if (!needle.trim()) return null;
  const at = hay.indexOf(needle, from);
  if (at >= 0) return { start: at, end: at + needle.length, verbatim: true };
  const words = collapse(needle);
  const c = spaced.text.indexOf(words, spaced.indexAt(from));
  if (c >= 0) return { ...spaced.span(c, c + words.length), verbatim: false };
  for (const encode of ENCODINGS) {
    const written = encode(needle);
    const found = written !== needle ? hay.indexOf(written, from) : -1;
    if (found >= 0) return { start: found, end: found + written.length, verbatim: false };
  }
  return null;
}

/**
 * Where the title and body occur in the region. The body is looked for whole, then line by line
 * (an extractor joins paragraphs the file keeps apart: HTML elements, JSON-escaped line breaks).
 */
export function findMarks(text: string, title: string, body: string): OriginalMark[] {
  const marks: OriginalMark[] = [];
  const spaced = new CollapsedText(text);
  const t = findText(text, title, 0, spaced);
  if (t) marks.push({ field: 'title', ...t });
  const whole = body !== title ? findText(text, body, 0, spaced) : null;
  if (whole) marks.push({ field: 'body', ...whole });
  else if (body !== title) {
    let from = 0;
    let tried = 0;
    let missed = 0;
    for (const line of body.split('\n')) {
      const piece = line.trim();
      if (piece.length < 2) continue;
      // Each miss scans the whole rest of the region: a page whose lines the file never has as
      // such (inline markup in every paragraph) stops after a few dozen instead of taking seconds.
      if (++tried > 2000 || missed >= 40) break;
      const found = findText(text, piece, from, spaced);
      if (!found) {
        missed++;
        continue;
      }
      missed = 0;
      marks.push({ field: 'body', ...found });
      from = found.end;
    }
  }
  return marks.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * The original of one entry in one source. `own` is the entry's title and THIS source's version of
 * the body (its verbatim span of the stored text, which may differ from the entry row's body in
 * white space: see entryContentHash).
 */
export function originalRegion(source: StoredSource, prov: EntryProvenance, own: { title: string; body: string }): OriginalRegion {
  const locator = prov.locator;
  if (!locator) {
    const text = source.text().slice(prov.start, prov.end);
    return { text, start: prov.start, end: prov.end, unit: 'chars', encoding: source.encoding, locator: null, label: `characters ${n(prov.start)}–${n(prov.end)} of the stored text`, marks: findMarks(text, own.title, own.body) };
  }
  const r = region(source, locator);
  return { ...r, encoding: source.encoding, locator, label: locatorLabel(locator), marks: findMarks(r.text, own.title, own.body) };
}
