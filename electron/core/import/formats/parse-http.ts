// An HTTP response as a WARC response record holds it: status, headers and the body with
// chunked transfer-encoding and gzip/deflate/br content-encoding undone where the stored body
// still has them (crawlers often store it decoded but keep the headers).
import { decodeContentEncoding, isGzip } from '../decode/gunzip.ts';
import { looksBinary } from '../decode/sniff-binary.ts';

export interface HttpResponse {
  status: number;
  headers: Map<string, string>;
  body: Uint8Array;
}

export function indexOfBytes(hay: Uint8Array, needle: number[], from = 0): number {
  outer: for (let i = from; i <= hay.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

const CRLFCRLF = [13, 10, 13, 10];
const LFLF = [10, 10];

export function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** Header block (up to the blank line) and where the rest starts. */
export function splitHead(bytes: Uint8Array, from = 0): { head: string; rest: number } | null {
  let end = indexOfBytes(bytes, CRLFCRLF, from);
  let sep = 4;
  const lf = indexOfBytes(bytes.subarray(0, end < 0 ? bytes.length : end), LFLF, from);
  if (lf >= 0) {
    end = lf;
    sep = 2;
  }
  if (end < 0) return null;
  return { head: latin1(bytes.subarray(from, end)), rest: end + sep };
}

export function parseHeaderLines(lines: string[]): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

const CHUNK_SIZE_LINE = /^[0-9a-f]{1,16}(?:[ \t]*;[^\r\n]*)?[ \t]*$/iu;

/**
 * Undoes chunked transfer-encoding. Crawlers often store a body already de-chunked while its
 * header still says chunked, so it is de-chunked only when it really is chunks (size lines, each
 * chunk followed by CRLF): 'not-chunked' when the first chunk is not one, 'cut-short' when the
 * chunks stop or break before the last (0) chunk.
 */
export function dechunk(body: Uint8Array): Uint8Array | 'not-chunked' | 'cut-short' {
  const out: Uint8Array[] = [];
  const broken = () => (out.length === 0 ? 'not-chunked' : 'cut-short');
  let at = 0;
  for (;;) {
    const eol = indexOfBytes(body.subarray(0, Math.min(body.length, at + 1024)), [13, 10], at);
    if (eol < 0) return broken();
    const line = latin1(body.subarray(at, eol));
    if (!CHUNK_SIZE_LINE.test(line)) return broken();
    const size = parseInt(line, 16);
    at = eol + 2;
    if (size === 0) break;
    if (at + size + 2 > body.length) return 'cut-short';
    if (body[at + size] !== 13 || body[at + size + 1] !== 10) return broken();
    out.push(body.subarray(at, at + size));
    at += size + 2;
  }
  return Buffer.concat(out);
}

/** True when bytes that should be compressed are not: plain text, as a crawler that stored the payload decoded leaves it. */
function storedDecoded(body: Uint8Array): boolean {
  return !isGzip(body) && !looksBinary(body.subarray(0, 4096));
}

export type HttpProblem = 'truncated-chunks' | 'bad-encoding' | 'not-http';

export function parseHttpResponse(bytes: Uint8Array): HttpResponse | HttpProblem {
  const split = splitHead(bytes);
  if (!split) return 'not-http';
  const [statusLine, ...lines] = split.head.split(/\r?\n/u);
  const status = /^HTTP\/\d(?:\.\d)?\s+(\d{3})/u.exec(statusLine ?? '');
  if (!status) return 'not-http';
  const headers = parseHeaderLines(lines);
  let body = bytes.subarray(split.rest);
  if (/chunked/iu.test(headers.get('transfer-encoding') ?? '')) {
    const chunks = dechunk(body);
    if (chunks === 'cut-short') return 'truncated-chunks';
    if (chunks !== 'not-chunked') body = chunks;
  }
  const encoding = headers.get('content-encoding');
  if (encoding) {
    const decoded = decodeContentEncoding(body, encoding);
    if (decoded) body = decoded;
    else if (!storedDecoded(body)) return 'bad-encoding';
  }
  return { status: Number(status[1]), headers, body };
}
