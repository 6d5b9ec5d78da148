// Works out how a text file's bytes are encoded: byte-order marks first, then UTF-16 by its byte
// lanes, then strict UTF-8, then a legacy multi-byte encoding (CJK) when jschardet names one and
// the text bears it out (detect-multi-byte.ts), then the legacy single-byte code page whose decoding
// reads most like real words (see score-single-byte.ts).
import { detectMultiByte } from './detect-multi-byte.ts';
import { scoreSingleByte, SINGLE_BYTE_CANDIDATES } from './score-single-byte.ts';
import { detectUtf16 } from './utf16.ts';

export interface EncodingGuess {
  /** A WHATWG encoding label TextDecoder understands. */
  encoding: string;
  /** 0..1: how sure the guess is. */
  confidence: number;
  /** Length of the byte-order mark to skip. */
  bomLength: number;
}

export function detectEncoding(bytes: Uint8Array): EncodingGuess {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', confidence: 1, bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', confidence: 1, bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', confidence: 1, bomLength: 2 };
  const utf16 = detectUtf16(bytes);
  if (utf16) return { ...utf16, bomLength: 0 };
  let ascii = true;
  for (const b of bytes) {
    if (b >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return { encoding: 'utf-8', confidence: 1, bomLength: 0 };
  if (isUtf8(bytes)) return { encoding: 'utf-8', confidence: 0.99, bomLength: 0 };
  const multiByte = detectMultiByte(bytes);
  if (multiByte) return { ...multiByte, bomLength: 0 };
  const ranked = SINGLE_BYTE_CANDIDATES.map((encoding) => ({ encoding, score: scoreSingleByte(bytes, encoding) })).sort((a, b) => b.score - a.score);
  const best = ranked[0]!;
  // The runner-up that reads the file differently: code pages that agree on every byte present are not rivals.
  const sample = bytes.subarray(0, 65536);
  const bestText = new TextDecoder(best.encoding).decode(sample);
  const second = ranked.slice(1).find((r) => new TextDecoder(r.encoding).decode(sample) !== bestText);
  const margin = second ? best.score - second.score : 10;
  // Score is per high byte in -10..+10: a margin of 3 or more per high byte is a clear win.
  const confidence = Math.max(0.1, Math.min(0.95, 0.35 + margin / 6 + Math.max(0, best.score) / 40));
  return { encoding: best.encoding, confidence: Math.round(confidence * 100) / 100, bomLength: 0 };
}

/** Valid UTF-8, forgiving one multi-byte sequence cut off at the very end (a truncated download). */
export function isUtf8(bytes: Uint8Array): boolean {
  let end = bytes.length;
  // Drop an incomplete trailing sequence: up to 3 bytes after the last lead byte.
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = bytes[end - back]!;
    if (b < 0x80) break;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (back < need) end -= back;
      break;
    }
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}
