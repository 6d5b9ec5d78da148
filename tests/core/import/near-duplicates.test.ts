// MinHash signatures are stored with each entry, and a version imported later is grouped by
// comparing its signature with the stored ones: the one-pass word hashing must give exactly the
// hashes of the regex it replaced, or an archive's old entries would stop finding their versions.
import { describe, expect, it } from 'vitest';
import { bandHashes, blobBands, blobToSignature, estimatedJaccard, minhash, signatureToBlob, wordHashes } from '../../../electron/core/import/near-duplicates.ts';

/** The definition: FNV-1a of each `[\p{L}\p{N}]+` match of the lower-cased text. */
function referenceHashes(text: string): number[] {
  return [...text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)].map(([w]) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < w.length; i++) {
      h ^= w.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
  });
}

// Letters, digits and separators of many kinds: Latin with accents and Turkish İ (which lower-cases
// to i + a combining dot, a mark that splits the word), Greek, Cyrillic, Arabic with ZWNJ and
// Arabic-Indic digits, CJK, Hangul, astral letters (mathematical bold, a Han extension), an emoji,
// combining marks, lone surrogates, punctuation and white space.
const PIECES = ['tide', 'Harbour', 'ÉCOLE', 'straße', 'İstanbul', 'Ωμέγα', 'Дом', 'کتاب\u200cخانه', '۱۴۰۲', '٣', '東京都', '한국어', '𝐀𝐁c', '𠀀x', '😀', 'e\u0301', '\ud800', '\udc00', '—', ', ', ' ', '\n', '42', '2020', 'ZAP', '_', "l'eau", 'ǅ'];

function randomText(seed: number, length: number): string {
  let s = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out += PIECES[(s >>> 8) % PIECES.length];
  }
  return out;
}

describe('near-duplicate signatures', () => {
  it('hashes words exactly as the regex definition does, in every script', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const text = randomText(seed, 5 + (seed % 60));
      expect(wordHashes(text), JSON.stringify(text)).toEqual(referenceHashes(text));
    }
    expect(wordHashes('')).toEqual([]);
    expect(wordHashes('  end\ud83d')).toEqual(referenceHashes('  end\ud83d'));
  });

  it('groups a lightly edited copy and not a different text', () => {
    const words = randomText(7, 200);
    const a = minhash(words)!;
    const edited = minhash(`${words} one more closing line`)!;
    const other = minhash(randomText(8, 200))!;
    expect(estimatedJaccard(a, edited)).toBeGreaterThanOrEqual(0.8);
    expect(estimatedJaccard(a, other)).toBeLessThan(0.8);
  });

  it('stores a signature in 104 bytes that give back its band keys and its comparisons, and reads the older 256-byte form', () => {
    const text = 'The lock keeper logged eleven barges through the upper gate before noon and closed the sluice at dusk because the river rose again after the rain.';
    const sig = minhash(text)!;
    const edited = minhash(text.replace('eleven', 'twelve'))!;
    const other = minhash('A bakery on the square sells rye bread on Saturdays, and the queue reaches the fountain long before the doors open at seven.')!;
    const blob = signatureToBlob(sig);
    expect(blob.byteLength).toBe(104);
    expect(blobBands(blob)).toEqual(bandHashes(sig));
    expect(estimatedJaccard(sig, blobToSignature(blob))).toBe(1);
    expect(estimatedJaccard(edited, blobToSignature(blob))).toBe(estimatedJaccard(edited, sig));
    expect(estimatedJaccard(other, blobToSignature(blob))).toBeLessThan(0.2);
    // Empty buckets (a short text fills few) stay empty, whatever their neighbours hold.
    const short = minhash('one two three four five six seven eight nine')!;
    expect(Array.from(blobToSignature(signatureToBlob(short)), (v) => v === 0xffffffff)).toEqual(Array.from(short, (v) => v === 0xffffffff));
    const legacy = Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength);
    expect(legacy.byteLength).toBe(256);
    expect(blobBands(legacy)).toEqual(bandHashes(sig));
    expect(estimatedJaccard(blobToSignature(legacy), blobToSignature(blob))).toBe(1);
  });
});
