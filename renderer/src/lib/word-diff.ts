// Word-level differences between two versions of a text: the longest common run of words kept,
// the rest marked removed or added. Spaces ride with the word before them.

export type DiffPart = { kind: 'same' | 'removed' | 'added'; text: string };

/** Beyond this many cells (changed words × changed words) the texts are called too different to align. */
const MAX_CELLS = 4_000_000;

const words = (text: string) => text.match(/\S+\s*|\s+/g) ?? [];

export function wordDiff(before: string, after: string): DiffPart[] | null {
  const a = words(before);
  const b = words(after);
  // Common start and end first: versions differ in a few places, so the table stays small.
  let start = 0;
  while (start < a.length && start < b.length && a[start]!.trim() === b[start]!.trim()) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1]!.trim() === b[endB - 1]!.trim()) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if ((midA.length + 1) * (midB.length + 1) > MAX_CELLS) return null;

  // lcs[i][j]: longest common words of midA[i..] and midB[j..].
  const w = midB.length + 1;
  const lcs = new Uint32Array((midA.length + 1) * w);
  for (let i = midA.length - 1; i >= 0; i--) {
    for (let j = midB.length - 1; j >= 0; j--) {
      lcs[i * w + j] = midA[i]!.trim() === midB[j]!.trim() ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    }
  }
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string) => {
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  if (start > 0) push('same', b.slice(0, start).join(''));
  let i = 0;
  let j = 0;
  while (i < midA.length || j < midB.length) {
    if (i < midA.length && j < midB.length && midA[i]!.trim() === midB[j]!.trim()) {
      push('same', midB[j]!);
      i++;
      j++;
    } else if (i < midA.length && (j === midB.length || lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!)) {
      // What went comes before what replaced it, as a reader expects.
      push('removed', midA[i++]!);
    } else {
      push('added', midB[j++]!);
    }
  }
  if (endB < b.length) push('same', b.slice(endB).join(''));
  return parts;
}
