// RFC 2047 encoded words in mail headers ("=?UTF-8?B?...?=", "=?windows-1256?Q?...?=") and raw
// 8-bit header bytes, decoded to text.
import { decodeDeclared, knownCharset } from '../decode/decode-text.ts';

/** A latin1 "binary string" (one char per byte) back to bytes. */
export function binaryToBytes(s: string): Uint8Array {
  return Uint8Array.from(Buffer.from(s, 'latin1'));
}

export function decodeQuotedPrintable(s: string, header = false): Uint8Array {
  const text = header ? s.replace(/_/gu, ' ') : s.replace(/[ \t]+(?=\r?\n)/gu, '').replace(/=\r?\n/gu, '');
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/u.test(text.slice(i + 1, i + 3))) {
      out.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(c.charCodeAt(0) & 0xff);
  }
  return Uint8Array.from(out);
}

export function decodeBase64(s: string): Uint8Array {
  return Uint8Array.from(Buffer.from(s.replace(/[^A-Za-z0-9+/=_-]/gu, ''), 'base64'));
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/gu;

/** A header value (latin1 binary string) as text. */
export function decodeHeader(raw: string): string {
  // Whitespace between two encoded words is not part of the text.
  const joined = raw.replace(/(\?=)\s+(?==\?)/gu, '$1');
  const plain = /[\x80-\xff]/u.test(joined) ? decodeDeclared(binaryToBytes(joined), null).text : joined;
  return plain
    .replace(ENCODED_WORD, (whole, charset: string, enc: string, data: string) => {
      const label = knownCharset(charset.split('*')[0]);
      if (!label) return whole;
      const bytes = enc.toUpperCase() === 'B' ? decodeBase64(data) : decodeQuotedPrintable(data, true);
      return new TextDecoder(label).decode(bytes);
    })
    .replace(/\s+/gu, ' ')
    .trim()
    .normalize('NFC');
}
