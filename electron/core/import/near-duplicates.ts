// MinHash over word 3-shingles, banded for lookup: an entry republished with small edits
// (estimated Jaccard >= 0.8) joins the group of its earlier version.
// One-permutation hashing: each shingle is hashed once and kept as the minimum of one of 64
// buckets (not hashed 64 times), so a signature costs one pass over the text. The first 32
// buckets, in 8 bands of 4, find the candidates: a pair at J = 0.8 shares a band with probability
// 1 - (1 - 0.8^4)^8 = 0.985, at J = 0.5 only 0.41; every candidate is then checked on all 64.

export const MINHASH_SIZE = 64;
export const BANDS = 8;
const ROWS = 4;
export const NEAR_DUPLICATE_THRESHOLD = 0.8;
const SHINGLE = 3;
const EMPTY = 0xffffffff;

/** Murmur3's finaliser: spreads every input bit over the whole word (the bucket is the low bits). */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const IS_WORD = /^[\p{L}\p{N}]$/u;

/**
 * Whether each UTF-16 unit is a letter or digit (`[\p{L}\p{N}]`), learnt the first time it is
 * seen (0 unknown, 1 yes, 2 no). Surrogates are 2 here: a pair is looked at as a code point.
 */
const bmpWord = new Uint8Array(0x10000);

function isWordUnit(u: number): boolean {
  if (u < 0x80) return (u >= 0x61 && u <= 0x7a) || (u >= 0x30 && u <= 0x39) || (u >= 0x41 && u <= 0x5a);
  let known = bmpWord[u]!;
  if (known === 0) bmpWord[u] = known = u < 0xd800 || u > 0xdfff ? (IS_WORD.test(String.fromCharCode(u)) ? 1 : 2) : 2;
  return known === 1;
}

/**
 * The FNV-1a hash of every word (a run of `[\p{L}\p{N}]` in the lower-cased text, its UTF-16
 * units hashed), in one pass without a regex match or a string per word: a third of what
 * MinHash cost, and much of the import's garbage. near-duplicates.test.ts holds it to the
 * regex it stands for.
 */
export function wordHashes(text: string): number[] {
  const s = text.toLowerCase();
  const hashes: number[] = [];
  let h = FNV_OFFSET;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    let word: boolean;
    let low = -1;
    if (u >= 0xd800 && u <= 0xdbff && i + 1 < s.length && (low = s.charCodeAt(i + 1)) >= 0xdc00 && low <= 0xdfff) {
      word = IS_WORD.test(s.slice(i, i + 2));
    } else {
      low = -1;
      word = isWordUnit(u);
    }
    if (word) {
      h ^= u;
      h = Math.imul(h, FNV_PRIME);
      if (low >= 0) {
        h ^= low;
        h = Math.imul(h, FNV_PRIME);
      }
      inWord = true;
    } else if (inWord) {
      hashes.push(h >>> 0);
      h = FNV_OFFSET;
      inWord = false;
    }
    if (low >= 0) i++;
  }
  if (inWord) hashes.push(h >>> 0);
  return hashes;
}

/** The MinHash signature of a text, or null when it has too few words to compare meaningfully. */
export function minhash(text: string): Uint32Array | null {
  // Hash each word once; a shingle's hash combines its words' hashes (no strings built per shingle).
  const hashes = wordHashes(text);
  if (hashes.length < SHINGLE + 5) return null;
  const sig = new Uint32Array(MINHASH_SIZE).fill(EMPTY);
  for (let i = 0; i + SHINGLE <= hashes.length; i++) {
    let h = hashes[i]!;
    for (let k = 1; k < SHINGLE; k++) h = (Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) + hashes[i + k]!) >>> 0;
    h = mix(h);
    const bucket = h & (MINHASH_SIZE - 1);
    const value = h >>> 6;
    if (value < sig[bucket]!) sig[bucket] = value;
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

/** How many low bits of each bucket's minimum are compared (and stored: signatureToBlob). */
const KEPT_BITS = 8;
const KEPT_MASK = (1 << KEPT_BITS) - 1;
/** How often two different minimums agree on their kept bits by chance. */
const CHANCE = 1 / (1 << KEPT_BITS);

/**
 * The share of buckets that agree, over the buckets that are not empty on both sides, with the
 * chance agreements of comparing only the low 8 bits taken out (b-bit MinHash, Li and König 2010:
 * a bucket agrees with probability J + (1 - J) / 256, so J = (p - 1/256) / (1 - 1/256)).
 */
export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  let used = 0;
  for (let i = 0; i < MINHASH_SIZE; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === EMPTY && y === EMPTY) continue;
    used++;
    if (x !== EMPTY && y !== EMPTY && (x & KEPT_MASK) === (y & KEPT_MASK)) same++;
  }
  return used === 0 ? 0 : Math.max(0, (same / used - CHANCE) / (1 - CHANCE));
}

/**
 * A signature as an entry stores it (entries.minhash, schema 9 on): its band keys (8 int32, made
 * from the whole values, so band-index.ts and undo find the same rows), a mask of its empty buckets
 * (64 bits), and the low 8 bits of each bucket: 104 bytes where the 64 whole values took 256, a
 * tenth of a bench entry's row (issue 15). A 256-byte signature of an older archive is read too.
 */
const STORED_BYTES = BANDS * 4 + 8 + MINHASH_SIZE;
const LEGACY_BYTES = MINHASH_SIZE * 4;

export function signatureToBlob(sig: Uint32Array): Buffer {
  const blob = Buffer.alloc(STORED_BYTES);
  bandHashes(sig).forEach((hash, band) => blob.writeInt32LE(hash, band * 4));
  for (let i = 0; i < MINHASH_SIZE; i++) {
    if (sig[i] === EMPTY) blob[BANDS * 4 + (i >> 3)]! |= 1 << (i & 7);
    else blob[BANDS * 4 + 8 + i] = sig[i]! & KEPT_MASK;
  }
  return blob;
}

/** A stored signature, for estimatedJaccard: its kept bits per bucket, EMPTY where it has none. */
export function blobToSignature(blob: Buffer): Uint32Array {
  if (blob.byteLength === LEGACY_BYTES) return new Uint32Array(new Uint8Array(blob).buffer, 0, MINHASH_SIZE);
  const sig = new Uint32Array(MINHASH_SIZE);
  for (let i = 0; i < MINHASH_SIZE; i++) sig[i] = blob[BANDS * 4 + (i >> 3)]! & (1 << (i & 7)) ? EMPTY : blob[BANDS * 4 + 8 + i]!;
  return sig;
}

/** A stored signature's band keys (the near-duplicate lookup rows of its entry). */
export function blobBands(blob: Buffer): number[] {
  if (blob.byteLength === LEGACY_BYTES) return bandHashes(blobToSignature(blob));
  return Array.from({ length: BANDS }, (_, band) => blob.readInt32LE(band * 4));
}
