// Labelled digests: records separated by rules (or by an `Article No. 3` counter), each opening
// with labelled lines (`Headline:`, `Source:`, `Date:`, `Link:`, `Summary:`) and then its text.
// Labels become fields; the counter and placeholders ("No summary available") are not body text.
// Spans stay exact: the body is one verbatim slice of the text, from its first to its last real
// piece of text, so it still leads back to the file.
import type { EntryDraft, SiteHeader } from '../types.ts';
import { buildEntry } from './build-entry.ts';
import { classifyBlocksIn } from './classify-blocks.ts';
import { isSeparatorLine } from './find-separators.ts';
import { type Line, toParagraphs } from './paragraphs.ts';
import { parseDateLine } from './parse-date-line.ts';
import { type DateOptions, parseDate } from './parse-date.ts';
import { isPlaceholder } from './placeholders.ts';
import { titleFromText } from './post-title.ts';
import type { Span, SplitResult } from './split-text-dump.ts';

type Field = 'title' | 'outlet' | 'date' | 'author' | 'url' | 'body';

const LABELS: Record<Field, string[]> = {
  title: ['headline', 'title', 'heading', 'subject'],
  outlet: ['source', 'outlet', 'publication', 'publisher', 'newspaper', 'site', 'website', 'media'],
  date: ['date', 'published', 'publication date', 'date published', 'published on', 'posted', 'posted on', 'pub date'],
  author: ['author', 'authors', 'by', 'byline', 'writer', 'reporter'],
  url: ['link', 'url', 'permalink', 'web link', 'article link', 'source url', 'original url'],
  body: ['summary', 'text', 'body', 'content', 'abstract', 'full text', 'article text', 'description'],
};
const FIELD_OF = new Map(Object.entries(LABELS).flatMap(([field, names]) => names.map((n): [string, Field] => [n, field as Field])));

// `Headline: …`, also bold (`**Headline:** …`). The value runs to the end of the line.
const LABEL_LINE = /^[*_]{0,2}([\p{L}][\p{L} ]{0,24}?)[*_]{0,2}\s*[:：][*_]{0,2}[ \t]*(.*)$/u;
const COUNTER = /^(?:(?:article|item|story|document|doc|entry|record|result|news)\s*(?:no\.?|nr\.?|number|#)?\s*\d+(?:\s*(?:of|\/)\s*\d+)?|(?:no\.|#)\s*\d+)\s*[.:)]?$/iu;
const URL = /^<?(?:https?:\/\/|www\.)\S+>?$/iu;

interface Label {
  field: Field | null;
  value: string;
  /** Where the value starts in the text. */
  at: number;
}

function readLabel(line: Line): Label | null {
  const m = LABEL_LINE.exec(line.text);
  if (!m) return null;
  const value = m[2]!;
  const name = m[1]!.trim().toLowerCase().replace(/\s+/gu, ' ');
  const field = FIELD_OF.get(name) ?? null;
  // An unknown label is metadata (`Section: Business`) only when short; otherwise it is prose.
  if (field === null && (name.split(' ').length > 3 || value.length === 0 || value.length > 80)) return null;
  return { field, value, at: line.start + line.text.length - value.length };
}

export function isCounter(line: string): boolean {
  return COUNTER.test(line.replace(/^[\s=#*\-–—[(]+|[\s=#*\-–—\])]+$/gu, ''));
}

interface DigestRecord {
  lines: Line[];
  counter: boolean;
  fields: Partial<Record<Exclude<Field, 'body'>, string>>;
  /** The real (non-placeholder) pieces of text, in order. */
  pieces: Span[];
  labelled: boolean;
}

function readRecord(lines: Line[]): DigestRecord {
  const record: DigestRecord = { lines, counter: false, fields: {}, pieces: [], labelled: false };
  let i = 0;
  if (lines[0] && isCounter(lines[0].text)) {
    record.counter = true;
    i = 1;
  }
  const seen = new Set<Field>();
  let inHead = true;
  let afterBodyLabel = false;
  const piece = (start: number, end: number, value: string) => {
    if (value.trim() && !isPlaceholder(value)) record.pieces.push({ start, end });
  };
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const label = inHead ? readLabel(line) : null;
    if (!label) {
      // Text under a body label continues it; other text ends the labelled head.
      if (!afterBodyLabel) inHead = false;
      piece(line.start, line.end, line.text);
      continue;
    }
    afterBodyLabel = false;
    if (label.field === null) continue;
    seen.add(label.field);
    if (label.field === 'body') {
      piece(label.at, line.end, label.value);
      afterBodyLabel = true;
      // `Body:` alone on its line: the text follows, and may hold lines that look like labels.
      if (!label.value.trim()) inHead = false;
      continue;
    }
    const value = label.value.trim();
    if (!value || isPlaceholder(value)) continue;
    const field = label.field === 'outlet' && URL.test(value) ? 'url' : label.field;
    record.fields[field] ??= field === 'author' ? value.replace(/^by\s+/iu, '') : field === 'url' ? value.replace(/^<|>$/gu, '') : value;
  }
  record.labelled = seen.size >= 2 && (record.counter || seen.has('title') || seen.has('url'));
  return record;
}

/** Records: runs of lines between rules; a counter line also starts one. */
function records(text: string, separators: Span[]): Line[][] {
  const out: Line[][] = [[]];
  for (const p of toParagraphs(text)) {
    for (const line of p.lines) {
      if (isSeparatorLine(line.text)) {
        separators.push({ start: line.start, end: line.end });
        out.push([]);
        continue;
      }
      if (isCounter(line.text) && out[out.length - 1]!.length > 0) out.push([]);
      out[out.length - 1]!.push(line);
    }
  }
  return out.filter((r) => r.length > 0);
}

function entryOf(text: string, r: DigestRecord, options: DateOptions): EntryDraft | null {
  const first = r.pieces[0];
  const last = r.pieces[r.pieces.length - 1];
  const bodyStart = first?.start ?? r.lines[r.lines.length - 1]!.end;
  const bodyEnd = last?.end ?? bodyStart;
  const body = text.slice(bodyStart, bodyEnd);
  const title = r.fields.title ?? (body ? titleFromText(body) : '');
  if (!title && !body) return null;
  const rawDate = r.fields.date;
  const date = rawDate ? (parseDateLine(rawDate, options)?.date ?? parseDate(rawDate, options)) : null;
  return {
    title,
    body,
    date,
    dateSource: date ? 'posted-on' : null,
    author: r.fields.author ?? null,
    outlet: r.fields.outlet ?? null,
    url: r.fields.url ?? null,
    start: r.lines[0]!.start,
    end: r.lines[r.lines.length - 1]!.end,
    bodyStart,
    bodyEnd,
  };
}

// Every labelled record has a title, a link or a counter line: a text whose opening has none is
// not a digest, and is not read line by line a second time (dumps can be a gigabyte).
const LIKELY =
  /^[ \t]*[*_=#\-–—[(]*[ \t]*(?:(?:headline|title|heading|subject|link|url|permalink|web link|article link)[*_]{0,2}\s*[:：]|(?:article|item|story|document|doc|entry|record|result|news|no\.|#)\s*(?:no\.?|nr\.?|number|#)?\s*\d)/imu;

/** The digest's entries, or null when the text is not a labelled digest. */
export function splitLabelledDigest(text: string, options: DateOptions): SplitResult | null {
  if (!LIKELY.test(text.slice(0, 65536))) return null;
  const separators: Span[] = [];
  const recs = records(text, separators).map(readRecord);
  const labelled = recs.filter((r) => r.labelled).length;
  if (labelled === 0 || labelled * 2 < recs.length) return null;

  let header: SiteHeader | null = null;
  const entries: EntryDraft[] = [];
  recs.forEach((r, i) => {
    const start = r.lines[0]!.start;
    const end = r.lines[r.lines.length - 1]!.end;
    if (!r.labelled) {
      // A short unlabelled opening names the digest; other unlabelled records are plain posts.
      if (i === 0 && !r.counter && r.lines.length <= 3 && labelled >= 2) {
        header = { siteName: r.lines[0]!.text, description: r.lines.slice(1).map((l) => l.text).join('\n') || null, start, end };
      } else entries.push(buildEntry(text, classifyBlocksIn(text, start, end, options), options));
      return;
    }
    const entry = entryOf(text, r, options);
    if (entry) entries.push(entry);
    // A record with neither a title nor text (a counter and a date) holds nothing to read.
    else separators.push({ start, end });
  });
  return { header, entries, separators };
}
