// MinHash over word 3-shingles, banded for lookup: an entry republished with small edits
// (estimated Jaccard >= 0.8) joins the group of its earlier version.
// 64 hashes estimate the Jaccard; the first 32 of them, in 8 bands of 4, find the candidates:
// a pair at J = 0.8 shares a band with probability 1 - (1 - 0.8^4)^8 = 0.985, at J = 0.5 only 0.41,
// and every candidate is then checked on all 64. Fewer bands keep the per-entry writes cheap.

export const MINHASH_SIZE = 64;
export const BANDS = 8;
const ROWS = 4;
export const NEAR_DUPLICATE_THRESHOLD = 0.8;
const SHINGLE = 3;

// Fixed odd multipliers and offsets for 64 universal hash functions (deterministic across runs).
const A = new Uint32Array(MINHASH_SIZE);
const B = new Uint32Array(MINHASH_SIZE);
{
  let seed = 0x9e3779b9;
  const next = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return seed >>> 0;
  };
  for (let i = 0; i < MINHASH_SIZE; i++) {
    A[i] = next() | 1;
    B[i] = next();
  }
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** The MinHash signature of a text, or null when it has too few words to compare meaningfully. */
export function minhash(text: string): Uint32Array | null {
  // Hash each word once; a shingle's hash combines its words' hashes (no strings built per shingle).
  const hashes: number[] = [];
  for (const m of text.toLowerCase().matchAll(WORD)) hashes.push(fnv1a(m[0]));
  if (hashes.length < SHINGLE + 5) return null;
  const sig = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  const seen = new Set<number>();
  for (let i = 0; i + SHINGLE <= hashes.length; i++) {
    let h = hashes[i]!;
    for (let k = 1; k < SHINGLE; k++) h = (Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) + hashes[i + k]!) >>> 0;
    if (seen.has(h)) continue;
    seen.add(h);
    for (let k = 0; k < MINHASH_SIZE; k++) {
      const v = (Math.imul(A[k]!, h) + B[k]!) >>> 0;
      if (v < sig[k]!) sig[k] = v;
    }
  }
  return sig;
}

/** One hash per band, for the candidate lookup table. */
export function bandHashes(sig: Uint32Array): number[] {
  const out: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < ROWS; r++) {
      h ^= sig[b * ROWS + r]!;
      h = Math.imul(h, 0x01000193);
    }
    out.push(h | 0);
  }
  return out;
}

export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < MINHASH_SIZE; i++) if (a[i] === b[i]) same++;
  return same / MINHASH_SIZE;
}

export function signatureToBlob(sig: Uint32Array): Buffer {
  return Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength);
}

export function blobToSignature(blob: Buffer): Uint32Array {
  const copy = new Uint8Array(blob);
  return new Uint32Array(copy.buffer, 0, MINHASH_SIZE);
}
