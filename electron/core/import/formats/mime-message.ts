// Parses an RFC 822 / MIME message (given as a latin1 binary string) into its headers and the
// readable body: transfer encodings undone, charset honoured, multipart/alternative preferring
// text/plain, HTML turned into text, attachments left out.
import { decodeDeclared } from '../decode/decode-text.ts';
import { htmlToText } from './html-to-text.ts';
import { binaryToBytes, decodeBase64, decodeHeader, decodeQuotedPrintable } from './mime-words.ts';

export interface MailPart {
  headers: Map<string, string>;
  body: string;
}

export interface MailBody {
  text: string;
  charset: string | null;
}

export function parsePart(raw: string): MailPart {
  const split = /\r?\n\r?\n/u.exec(raw);
  const head = split ? raw.slice(0, split.index) : raw;
  const body = split ? raw.slice(split.index + split[0].length) : '';
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/gu, ' ').split(/\r?\n/u)) {
    const m = /^([!-9;-~]+):[ \t]*(.*)$/u.exec(line);
    if (m && !headers.has(m[1]!.toLowerCase())) headers.set(m[1]!.toLowerCase(), m[2]!);
  }
  return { headers, body };
}

/** True when the text starts with an RFC 822 header block naming a sender and a subject or date. */
export function looksLikeMessage(text: string): boolean {
  const split = /\r?\n\r?\n/u.exec(text.slice(0, 16384));
  if (!split) return false;
  const head = text.slice(0, split.index).replace(/\r?\n[ \t]+/gu, ' ').split(/\r?\n/u);
  if (!head.every((l) => /^[!-9;-~]+:/u.test(l))) return false;
  const names = new Set(head.map((l) => l.slice(0, l.indexOf(':')).toLowerCase()));
  return names.has('from') && (names.has('subject') || names.has('date') || names.has('message-id'));
}

function contentType(part: MailPart): { type: string; params: Map<string, string> } {
  const raw = part.headers.get('content-type') ?? 'text/plain';
  const [type, ...rest] = raw.split(';');
  const params = new Map<string, string>();
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq > 0) params.set(p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1).trim().replace(/^"(.*)"$/u, '$1'));
  }
  return { type: (type ?? 'text/plain').trim().toLowerCase(), params };
}

function transferDecode(part: MailPart): Uint8Array {
  const enc = (part.headers.get('content-transfer-encoding') ?? '').trim().toLowerCase();
  if (enc === 'base64') return decodeBase64(part.body);
  if (enc === 'quoted-printable') return decodeQuotedPrintable(part.body);
  return binaryToBytes(part.body);
}

function splitMultipart(body: string, boundary: string): string[] {
  const parts: string[] = [];
  const lines = body.split(/\r?\n/u);
  let current: string[] | null = null;
  for (const line of lines) {
    if (line.startsWith(`--${boundary}`)) {
      if (current) parts.push(current.join('\n'));
      current = line.startsWith(`--${boundary}--`) ? null : [];
      if (!current && line.startsWith(`--${boundary}--`)) break;
      continue;
    }
    current?.push(line);
  }
  if (current) parts.push(current.join('\n'));
  return parts;
}

function isAttachment(part: MailPart): boolean {
  return /^\s*attachment/iu.test(part.headers.get('content-disposition') ?? '');
}

export function readBody(part: MailPart, depth = 0): MailBody | null {
  const { type, params } = contentType(part);
  if (type.startsWith('multipart/')) {
    const boundary = params.get('boundary');
    if (!boundary || depth > 5) return null;
    const parts = splitMultipart(part.body, boundary).map(parsePart).filter((p) => !isAttachment(p));
    if (type === 'multipart/alternative') {
      const plain = parts.find((p) => contentType(p).type === 'text/plain');
      const chosen = plain ?? parts.find((p) => contentType(p).type === 'text/html') ?? parts.find((p) => contentType(p).type.startsWith('multipart/'));
      return chosen ? readBody(chosen, depth + 1) : null;
    }
    const bodies = parts.map((p) => readBody(p, depth + 1)).filter((b): b is MailBody => !!b && b.text.length > 0);
    if (bodies.length === 0) return null;
    return { text: bodies.map((b) => b.text).join('\n\n'), charset: bodies[0]!.charset };
  }
  if (type !== 'text/plain' && type !== 'text/html' && type !== 'text/enriched' && !(type === 'text' || type === '')) return null;
  const decoded = decodeDeclared(transferDecode(part), params.get('charset'));
  const text = type === 'text/html' ? htmlToText(decoded.text) : decoded.text.replace(/[ \t]+$/gmu, '').trim();
  return { text, charset: decoded.encoding };
}

/** "Name <address>" → "Name"; a bare address stays as it is. */
export function senderName(from: string): string | null {
  const decoded = decodeHeader(from);
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>/u.exec(decoded);
  if (m) return m[1]!.trim() || m[2]!.trim();
  const paren = /^\s*(\S+@\S+)\s*\(([^)]+)\)/u.exec(decoded);
  if (paren) return paren[2]!.trim();
  return decoded.trim() || null;
}

export { decodeHeader };
