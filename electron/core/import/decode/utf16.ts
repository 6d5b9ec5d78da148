// UTF-16 without a byte-order mark: one of the two byte lanes (the high bytes) holds only a few
// values, because text in one script keeps to one 256-code-point block (0x00 for Latin, 0x06 for
// Arabic, 0x04 for Cyrillic...). Single-byte encodings spread over both lanes.

export type Utf16 = 'utf-16le' | 'utf-16be';

export interface Utf16Guess {
  encoding: Utf16;
  confidence: number;
}

export function detectUtf16(bytes: Uint8Array): Utf16Guess | null {
  const n = Math.min(bytes.length, 8192) & ~1;
  if (n < 4) return null;
  const lanes = [new Map<number, number>(), new Map<number, number>()];
  for (let i = 0; i < n; i++) {
    const lane = lanes[i & 1]!;
    const b = bytes[i]!;
    lane.set(b, (lane.get(b) ?? 0) + 1);
  }
  const pairs = n / 2;
  const topShare = (lane: Map<number, number>) => {
    const counts = [...lane.values()].sort((a, b) => b - a);
    return ((counts[0] ?? 0) + (counts[1] ?? 0)) / pairs;
  };
  const zeros = (lane: Map<number, number>) => (lane.get(0) ?? 0) / pairs;
  const [even, odd] = lanes as [Map<number, number>, Map<number, number>];
  // The high-byte lane: two values cover nearly all of it, and 0x00 (space, digits, punctuation) is one of them.
  const oddHigh = topShare(odd) >= 0.9 && zeros(odd) >= 0.05 && topShare(even) < 0.8;
  const evenHigh = topShare(even) >= 0.9 && zeros(even) >= 0.05 && topShare(odd) < 0.8;
  if (oddHigh === evenHigh) return null;
  const encoding: Utf16 = oddHigh ? 'utf-16le' : 'utf-16be';
  const share = oddHigh ? topShare(odd) : topShare(even);
  return { encoding, confidence: Math.round(Math.min(0.95, 0.6 + (share - 0.9) * 3.5) * 100) / 100 };
}
