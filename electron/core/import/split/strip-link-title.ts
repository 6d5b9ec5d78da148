// Scraped listings often end a post with its own title again: the text of the link to the full
// post. It is not content, so the body stops before it. Matching is by leading words and forgives
// small differences (a typo, a shortened or lengthened title), because real pages have them.

function words(s: string): string[] {
  return s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

function nearlySame(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < 4 || b.length < 4 || Math.abs(a.length - b.length) > 1) return false;
  // One edit at most.
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(i + (a.length >= b.length ? 1 : 0)) === b.slice(i + (b.length >= a.length ? 1 : 0));
}

function commonPrefix(a: string[], b: string[]): number {
  let k = 0;
  while (k < a.length && k < b.length && nearlySame(a[k]!, b[k]!)) k++;
  return k;
}

function looksLikeTitle(tail: string, title: string): boolean {
  if (/[.;:,]$/u.test(tail) && !/[.;:,]$/u.test(title)) return false; // a sentence, not a link
  const t = words(title);
  const w = words(tail);
  if (t.length === 0 || w.length === 0) return false;
  const k = commonPrefix(w, t);
  if (k === t.length && w.length - t.length <= 8) return true; // the title, maybe with more words
  if (k === w.length && k >= Math.min(2, t.length)) return true; // a shortened title
  return k >= 3; // same opening words, different ending
}

/**
 * Where, in `body`, a trailing repetition of `title` starts (so the body can end before it),
 * or null. Only a tail that follows the end of a sentence or a line is considered.
 */
export function linkTitleStart(body: string, title: string): number | null {
  const trimmedTitle = title.trim();
  if (trimmedTitle.length === 0) return null;
  const end = body.trimEnd().length;
  const window = Math.max(trimmedTitle.length * 2, trimmedTitle.length + 80);
  const candidates: number[] = [];
  const boundary = /(?:[.!?…"”’»)\]]|\n)\s+(?=\S)/gu;
  boundary.lastIndex = Math.max(0, end - window - 2);
  for (let m = boundary.exec(body); m !== null; m = boundary.exec(body)) {
    const at = m.index + m[0].length;
    if (at < end && end - at <= window) candidates.push(at);
  }
  for (let i = candidates.length - 1; i >= 0; i--) {
    const at = candidates[i]!;
    if (looksLikeTitle(body.slice(at, end), trimmedTitle)) return at;
  }
  return null;
}
