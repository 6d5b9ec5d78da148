// The encoding an XML file declares in its prolog (<?xml version="1.0" encoding="windows-1252"?>),
// read from its first bytes, and a feed's text decoded with it.
import { decodeDeclared, type DecodedText, knownCharset } from '../decode/decode-text.ts';

export function xmlCharset(bytes: Uint8Array): string | null {
  // NUL bytes are dropped first so a UTF-16 prolog reads too.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1').replace(/\0/gu, '');
  const m = /^[^<]{0,8}<\?xml\s[^>]*?\bencoding\s*=\s*["']\s*([\w.:-]+)\s*["']/u.exec(head);
  return m ? m[1]! : null;
}

/**
 * A feed's text in the encoding its prolog declares, with a note when the declaration was not
 * followed. A legacy code page declared on bytes that are valid UTF-8 holding non-ASCII text is a
 * common server misconfiguration, and legacy text is almost never valid UTF-8 by chance: the
 * UTF-8 reading is kept then. A byte-order mark outranks the declaration, as XML says.
 */
export function decodeFeed(bytes: Uint8Array, detected: DecodedText): { decoded: DecodedText; note: string | null } {
  const declared = detected.confidence < 1 ? xmlCharset(bytes) : null;
  if (!declared) return { decoded: detected, note: null };
  const label = knownCharset(declared);
  if (!label) return { decoded: detected, note: `This feed declares an encoding Quire does not know (${declared}); it was read as ${detected.encoding}.` };
  if (detected.encoding === 'utf-8' && label !== 'utf-8' && !label.startsWith('utf-16')) {
    return { decoded: detected, note: `This feed declares ${declared}, but its bytes are valid UTF-8 text; it was read as UTF-8.` };
  }
  return { decoded: decodeDeclared(bytes, declared), note: null };
}
