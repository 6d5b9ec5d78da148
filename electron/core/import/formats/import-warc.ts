// WARC web archives (plain or gzip, one member per record or one for the whole file): each HTML
// response becomes entries with its URL and capture date; requests, revisits, metadata, non-HTML
// and non-2xx responses are skipped and counted in one warning; records cut short are skipped
// with a warning each.
import { decodeDeclared } from '../decode/decode-text.ts';
import { gunzipLenient, isGzip } from '../decode/gunzip.ts';
import type { EntryDraft } from '../types.ts';
import { ImportRejection, NothingToImport } from '../types.ts';
import { TextBuilder, type FormatResult } from './format-result.ts';
import { readerNotes, readHtmlPage, type WholePages } from './import-html.ts';
import { indexOfBytes, latin1, parseHeaderLines, parseHttpResponse, splitHead } from './parse-http.ts';
import { normalizeDate } from './normalize-date.ts';
import { metaCharset } from './meta-charset.ts';
import { EXTRACTORS } from './extractors.ts';

const WARC_MAGIC = [0x57, 0x41, 0x52, 0x43, 0x2f]; // "WARC/"

export function isWarc(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length && (bytes[i] === 0x0d || bytes[i] === 0x0a)) i++;
  return WARC_MAGIC.every((b, j) => bytes[i + j] === b);
}

interface WarcRecord {
  headers: Map<string, string>;
  content: Uint8Array;
  /** Byte offset of its "WARC/" line in the (decompressed) file. */
  offset: number;
}

function* records(bytes: Uint8Array, warnings: string[], from = 0): Generator<WarcRecord> {
  let at = from;
  let n = 0;
  for (;;) {
    const next = indexOfBytes(bytes, WARC_MAGIC, at);
    if (next < 0) return;
    n++;
    const split = splitHead(bytes, next);
    if (!split) {
      warnings.push(`WARC record ${n} is cut short (its header never ends) and was skipped.`);
      return;
    }
    const headers = parseHeaderLines(split.head.split(/\r?\n/u).slice(1));
    const length = Number(headers.get('content-length') ?? NaN);
    if (!Number.isFinite(length)) {
      warnings.push(`WARC record ${n} has no Content-Length and was skipped.`);
      at = split.rest;
      continue;
    }
    if (split.rest + length > bytes.length) {
      const uri = headers.get('warc-target-uri');
      warnings.push(`WARC record ${n}${uri ? ` (${uri})` : ''} is cut short: it declares ${length} bytes but only ${bytes.length - split.rest} remain. It was skipped.`);
      return;
    }
    yield { headers, content: bytes.subarray(split.rest, split.rest + length), offset: next };
    at = split.rest + length;
  }
}

/** The WARC stream of a file: decompressed when gzip (per-record members or one for the whole file). */
export function warcStream(raw: Uint8Array): { bytes: Uint8Array; complete: boolean; damagedMembers: number } {
  if (!isGzip(raw)) return { bytes: raw, complete: true, damagedMembers: 0 };
  const { data, complete, damagedMembers } = gunzipLenient(raw);
  return { bytes: data, complete, damagedMembers };
}

// A page served without a usable Content-Type is still read when its first bytes are HTML.
const HTML_START = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/iu;
const UNTYPED = /^\s*(?:$|application\/octet-stream|binary\/octet-stream|unknown)/iu;

function sniffsHtml(body: Uint8Array): boolean {
  const head = latin1(body.subarray(0, 2048)).replace(/^\xef\xbb\xbf/u, '');
  return HTML_START.test(head);
}

/** Why a record is not imported as a page, as words a count stands before: one, and more than one. */
type SkipReason = [one: string, many: string];

const typeReason = (type: string): SkipReason => (type ? [`${type} record`, `${type} records`] : ['record with no WARC-Type', 'records with no WARC-Type']);

/**
 * The HTML page a response or resource record holds (HTTP transfer and content encodings undone
 * where the stored body still has them, decoded with its charset), why it is not an HTML page,
 * or a problem.
 */
function recordPage(record: WarcRecord): { html: string } | { skip: SkipReason } | 'truncated-chunks' | 'bad-encoding' {
  const type = (record.headers.get('warc-type') ?? '').toLowerCase();
  if (type !== 'response' && type !== 'resource') return { skip: typeReason(type) };
  let contentType = record.headers.get('content-type') ?? '';
  let body = record.content;
  const startsHttp = latin1(body.subarray(0, 5)) === 'HTTP/';
  if (type === 'response' && (/application\/http/iu.test(contentType) || startsHttp)) {
    const http = parseHttpResponse(record.content);
    if (http === 'truncated-chunks' || http === 'bad-encoding') return http;
    if (http === 'not-http') return { skip: ['response with no HTTP status line', 'responses with no HTTP status line'] };
    if (http.status < 200 || http.status >= 300) return { skip: [`response with HTTP status ${http.status}`, `responses with HTTP status ${http.status}`] };
    contentType = http.headers.get('content-type') ?? '';
    body = http.body;
  }
  const html = /text\/html|application\/xhtml/iu.test(contentType) || (UNTYPED.test(contentType) && sniffsHtml(body));
  if (!html) {
    const what = contentType.split(';')[0]!.trim().toLowerCase() || 'no Content-Type';
    return { skip: [`${type} that is not HTML (${what})`, `${type}s that are not HTML (${what})`] };
  }
  const charset = /charset\s*=\s*["']?([\w.:-]+)/iu.exec(contentType)?.[1] ?? metaCharset(body);
  return { html: decodeDeclared(body, charset).text };
}

/** The decoded HTML payload of the record at `offset` of a WARC file (see SourceLocator 'warc'), or null. */
export function warcPageAt(raw: Uint8Array, offset: number): string | null {
  const { bytes } = warcStream(raw);
  for (const record of records(bytes, [], offset)) {
    if (record.offset !== offset) return null;
    const page = recordPage(record);
    return typeof page === 'object' && 'html' in page ? page.html : null;
  }
  return null;
}

export function importWarc(raw: Uint8Array): FormatResult {
  const warnings: string[] = [];
  const { bytes, complete, damagedMembers } = warcStream(raw);
  if (damagedMembers > 0) warnings.push(`${damagedMembers} damaged compressed ${damagedMembers === 1 ? 'part' : 'parts'} of the WARC file (a record each, in a per-record .warc.gz) could not be read and ${damagedMembers === 1 ? 'was' : 'were'} skipped; the rest was read.`);
  else if (!complete) warnings.push('The compressed WARC file is cut short or damaged; the records before the damage were read.');
  if (!isWarc(bytes)) throw new ImportRejection('This file is not a WARC web archive: it does not start with a WARC/1.x record.');
  const builder = new TextBuilder();
  const entries: EntryDraft[] = [];
  const skipped = new Map<string, { reason: SkipReason; n: number }>();
  const whole: WholePages = {};
  let pages = 0;
  const skip = (reason: SkipReason) => {
    const seen = skipped.get(reason[0]);
    if (seen) seen.n++;
    else skipped.set(reason[0], { reason, n: 1 });
  };
  for (const record of records(bytes, warnings)) {
    const uri = record.headers.get('warc-target-uri')?.replace(/^<|>$/gu, '') ?? null;
    const html = recordPage(record);
    if (html === 'truncated-chunks' || html === 'bad-encoding') {
      warnings.push(`The page ${uri ?? '(no URL)'} has ${html === 'truncated-chunks' ? 'a body cut short' : 'a body that cannot be decompressed'} and was skipped.`);
      continue;
    }
    if ('skip' in html) {
      skip(html.skip);
      continue;
    }
    const page = readHtmlPage(html.html);
    if (page.entries.length === 0) {
      skip(['HTML page with no text', 'HTML pages with no text']);
      continue;
    }
    pages++;
    if (page.reader === 'whole-page' || page.reader === 'too-large') whole[page.reader] = (whole[page.reader] ?? 0) + 1;
    const captured = normalizeDate(record.headers.get('warc-date') ?? '');
    const offset = builder.add(page.text);
    for (const e of page.entries) {
      entries.push({
        ...e,
        url: e.url && /^https?:/u.test(e.url) ? e.url : (uri ?? e.url ?? null),
        date: e.date ?? captured,
        dateSource: e.date ? e.dateSource : captured ? 'warc-date' : null,
        start: e.start + offset,
        end: e.end + offset,
        locator: {
          kind: 'warc',
          extractor: EXTRACTORS.warc,
          recordId: record.headers.get('warc-record-id') ?? null,
          targetUri: uri,
          payloadDigest: record.headers.get('warc-payload-digest') ?? null,
          recordOffset: record.offset,
          path: e.locator?.kind === 'html' ? e.locator.path : ':root',
          start: e.locator?.kind === 'html' ? e.locator.start : 0,
          end: e.locator?.kind === 'html' ? e.locator.end : html.html.length,
        },
      });
    }
  }
  const why = skippedSummary(skipped);
  if (entries.length === 0) throw new NothingToImport(`This WARC file holds no HTML pages to import${why ? `: it has ${why}` : ''}.`);
  if (why) warnings.push(`Records that are not HTML pages were skipped: ${why}.`);
  warnings.push(...readerNotes(whole, pages));
  return { format: 'warc', text: builder.toString(), header: null, entries, warnings };
}

/** "21 request records, 1 revisit record, 1 response with HTTP status 404", most frequent first. */
function skippedSummary(skipped: Map<string, { reason: SkipReason; n: number }>): string {
  return [...skipped.values()]
    .sort((a, b) => b.n - a.n)
    .map(({ reason, n }) => `${n} ${n === 1 ? reason[0] : reason[1]}`)
    .join(', ');
}
