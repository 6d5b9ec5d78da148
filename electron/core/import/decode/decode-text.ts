// Bytes to the text Quire stores: decoded with the detected (or declared) encoding, NFC, \n lines.
import { ImportRejection } from '../types.ts';
import { detectEncoding } from './detect-encoding.ts';
import { looksBinary, sniffMagic } from './sniff-binary.ts';
import { strayNuls } from './stray-nuls.ts';

export interface DecodedText {
  text: string;
  encoding: string;
  confidence: number;
  /** NUL characters dropped from the text (stray NUL bytes in a text file; see stray-nuls.ts). */
  nulsRemoved?: number;
}

/**
 * NFC, every CR / LF / CRLF as \n, no byte-order mark, no NUL characters (text never needs them, and
 * stray ones are how a few real pages come). Letter variants (ی/ي, ک/ك) and ZWNJ are untouched.
 */
export function normalizeText(text: string): string {
  return text.replace(/^\uFEFF/u, '').replace(/\r\n?/gu, '\n').replace(/\0/gu, '').normalize('NFC');
}

/** Decodes a text file, refusing binary content with a reason. */
export function decodeText(bytes: Uint8Array): DecodedText {
  const guess = detectEncoding(bytes);
  if (!guess.encoding.startsWith('utf-16')) {
    const magic = sniffMagic(bytes);
    if (magic) throw new ImportRejection(`This file is ${magic}, not text; Quire does not read it.`);
    if (looksBinary(bytes) && !strayNuls(bytes)) throw new ImportRejection('This file holds binary data, not text (it has NUL bytes or many control characters); Quire does not read it.');
  }
  const decoded = new TextDecoder(guess.encoding).decode(bytes.subarray(guess.bomLength));
  const text = normalizeText(decoded);
  const nulsRemoved = decoded.split('\0').length - 1;
  return { text, encoding: guess.encoding, confidence: guess.confidence, ...(nulsRemoved > 0 ? { nulsRemoved } : {}) };
}

/** A charset label as a TextDecoder label, or null when Node does not know it. */
export function knownCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const clean = label.trim().replace(/^["']|["']$/gu, '').toLowerCase();
  try {
    return new TextDecoder(clean).encoding;
  } catch {
    return null;
  }
}

/**
 * Decodes bytes whose charset a header declared (e-mail, HTTP, <meta charset>), checking the
 * claim: a declared UTF-8 that is not valid UTF-8 is detected instead, as real mail often lies.
 */
export function decodeDeclared(bytes: Uint8Array, declared: string | null | undefined): DecodedText {
  const label = knownCharset(declared);
  if (label && label !== 'utf-8' && !label.startsWith('utf-16')) {
    return { text: normalizeText(new TextDecoder(label).decode(bytes)), encoding: label, confidence: 0.9 };
  }
  const guess = detectEncoding(bytes);
  if (label === 'utf-8' && guess.encoding === 'utf-8') return { text: normalizeText(new TextDecoder('utf-8').decode(bytes.subarray(guess.bomLength))), encoding: 'utf-8', confidence: 1 };
  return { text: normalizeText(new TextDecoder(guess.encoding).decode(bytes.subarray(guess.bomLength))), encoding: guess.encoding, confidence: guess.confidence };
}
