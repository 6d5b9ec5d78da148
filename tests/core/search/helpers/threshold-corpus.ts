// A corpus with words on both sides of two top-list thresholds, and the thresholds: for tests of
// statistics made with a higher threshold than today's (search/top-list-top-up.ts).
import type { SeedEntry } from './seed-entries.ts';

export const HIGH = { commonDocs: 400, topK: 60 };
export const LOW = { commonDocs: 100, topK: 60 };
// Low search thresholds, so a word in a few hundred entries takes the paths of a word in tens of
// thousands at a million: ranked from its list when it has one, else every match ranked live.
export const THRESHOLDS = { candidates: 50, exactRankPostings: 60, rankPostings: 1_000_000, topListCandidates: 300 };

// Entries per word, roughly: four above HIGH, four between the thresholds, two below both.
export const WORDS: [string, number][] = [
  ['harbour', 0.75],
  ['ledger', 0.6],
  ['tide', 0.45],
  ['granary', 0.36],
  ['lantern', 0.28],
  ['ferry', 0.2],
  ['orchard', 0.14],
  ['mill', 0.1],
  ['quay', 0.05],
  ['beacon', 0.02],
];
export const BETWEEN = ['lantern', 'ferry', 'orchard', 'mill'];

export function corpus(count: number, seed = 7): SeedEntry[] {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: count }, (_, i) => {
    const words: string[] = [];
    let title = `Notes ${i}`;
    for (const [word, share] of WORDS) {
      if (next() >= share) continue;
      for (let n = 1 + Math.floor(next() * 3); n > 0; n--) words.push(word);
      if (next() < 0.05) title = `${word} notes ${i}`;
    }
    return { title, body: `${words.join(' and the ')} report ${i} ${'filler '.repeat(Math.floor(next() * 20))}`.trim() };
  });
}
