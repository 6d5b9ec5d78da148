// Social-post dumps end each post with a link to where it was published: `[Source](https://…)`.
// The link is the entry's URL, not part of what the post says.

const TRAILING_LINK =
  /(?:^|\s)\[\s*(?:source|link|original|original\s+post|permalink|view\s+(?:post|original|on\s+\S+)|open|url)\s*\]\(\s*<?([^()\s<>]+)>?\s*\)\s*$/iu;

export interface SourceLink {
  url: string;
  /** Where the link starts in the searched string (the text before it is what the post says). */
  at: number;
}

/** The trailing source link of `text`, or null. */
export function trailingSourceLink(text: string): SourceLink | null {
  const m = TRAILING_LINK.exec(text);
  if (!m) return null;
  const at = m.index + (m[0].length - m[0].trimStart().length);
  return { url: m[1]!, at };
}
