// An HTTP response as a WARC response record holds it: status, headers and the body with
// chunked transfer-encoding and gzip/deflate/br content-encoding undone.
import { decodeContentEncoding } from '../decode/gunzip.ts';

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

/** Undoes chunked transfer-encoding; null when the chunks are cut short. */
export function dechunk(body: Uint8Array): Uint8Array | null {
  const out: Uint8Array[] = [];
  let at = 0;
  for (;;) {
    const eol = indexOfBytes(body, [13, 10], at);
    if (eol < 0) return null;
    const size = parseInt(latin1(body.subarray(at, eol)).split(';')[0]!.trim(), 16);
    if (!Number.isFinite(size)) return null;
    at = eol + 2;
    if (size === 0) break;
    if (at + size > body.length) return null;
    out.push(body.subarray(at, at + size));
    at += size + 2;
  }
  return Buffer.concat(out);
}

export type HttpProblem = 'truncated-chunks' | 'bad-encoding' | 'not-http';

export function parseHttpResponse(bytes: Uint8Array): HttpResponse | HttpProblem {
  const split = splitHead(bytes);
  if (!split) return 'not-http';
  const [statusLine, ...lines] = split.head.split(/\r?\n/u);
  const status = /^HTTP\/\d(?:\.\d)?\s+(\d{3})/u.exec(statusLine ?? '');
  if (!status) return 'not-http';
  const headers = parseHeaderLines(lines);
  let body: Uint8Array | null = bytes.subarray(split.rest);
  if (/chunked/iu.test(headers.get('transfer-encoding') ?? '')) {
    body = dechunk(body);
    if (!body) return 'truncated-chunks';
  }
  const encoding = headers.get('content-encoding');
  if (encoding) {
    body = decodeContentEncoding(body, encoding);
    if (!body) return 'bad-encoding';
  }
  return { status: Number(status[1]), headers, body };
}
