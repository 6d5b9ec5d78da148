// Seeded random text built from pieces (words, white space, marks, odd characters), for the tests
// that compare a fast path with the simple one: the same seed gives the same texts on every run.

/** Numbers in [0, 1) from a fixed seed (a linear congruential generator). */
export function seededRandom(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** A text of up to `maxPieces - 1` pieces, each drawn from `pieces`. */
export function piecesText(next: () => number, pieces: readonly string[], maxPieces: number): string {
  const length = Math.floor(next() * maxPieces);
  let text = '';
  for (let i = 0; i < length; i++) text += pieces[Math.floor(next() * pieces.length)];
  return text;
}
