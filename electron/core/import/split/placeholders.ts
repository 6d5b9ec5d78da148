// Digests and scrapers write a stand-in where a field had no text ("No summary available", "N/A",
// "[no text]"). It says nothing about the article, so it is never body text.

const PLACEHOLDER =
  /^[[(<]?\s*(?:n\/?a|none|null|nil|undefined|empty|-+|—|–|\.{3}|…|(?:no|without)\s+(?:summary|abstract|description|content|text|body|article(?:\s+text)?|full\s+text|preview|excerpt)(?:\s+(?:is\s+)?(?:available|provided|found|given|extracted))?|(?:summary|abstract|description|content|text|body|full\s+text)\s+(?:is\s+)?(?:not\s+available|unavailable|missing|not\s+provided|empty))\s*[\])>]?\s*\.?$/iu;

/** True when the whole of `text` is a placeholder for missing text. */
export function isPlaceholder(text: string): boolean {
  const s = text.trim();
  return s.length <= 60 && PLACEHOLDER.test(s);
}
