// The text of a scraped record's field (JSON, CSV), whatever markup the scraper left in it: an
// author `<b class="byline">Desk</b>`, a title with `&amp;`. One conversion for every field, so
// the list, the reader and the facets all show the same clean text.
import { decodeEntities } from './html-entities.ts';
import { renderText } from './html-to-text.ts';
import { type HtmlElement, parseHtml } from './html-tree.ts';

// A whole tag of an element scrapers leave in fields, or a comment: `a < b` and `x<y` are not
// markup and stay as they are.
const MARKUP =
  /<\/?(?:a|abbr|address|article|aside|audio|b|bdi|bdo|big|blockquote|body|br|button|caption|center|cite|code|dd|del|details|dfn|div|dl|dt|em|figcaption|figure|font|form|h[1-6]|header|footer|hr|html|i|iframe|img|input|ins|kbd|label|li|main|mark|meta|nav|noscript|ol|p|picture|pre|q|s|samp|script|section|small|source|span|strike|strong|style|sub|summary|sup|svg|table|tbody|td|tfoot|th|thead|time|tr|tt|u|ul|var|video|wbr)(?:\s[^<>]*)?\/?>|<!--/iu;

const INLINE = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'del', 'em', 'font', 'i', 'ins', 'kbd', 'mark', 'q', 's', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u']);

export function holdsMarkup(value: string): boolean {
  return MARKUP.test(value);
}

/** Every piece of text, with a space where a block or line break separated two. */
function lineText(root: HtmlElement): string {
  const parts: string[] = [];
  const visit = (el: HtmlElement) => {
    for (const c of el.children) {
      if (typeof c === 'string') parts.push(c);
      else if (c.tag === 'script' || c.tag === 'style') continue;
      else if (INLINE.has(c.tag)) visit(c);
      else {
        parts.push(' ');
        visit(c);
        parts.push(' ');
      }
    }
  };
  visit(root);
  return parts.join('');
}

/**
 * A field's value as text: tags stripped and entities decoded. A `line` (title, author, outlet) is
 * one line, its markup's white space collapsed to single spaces; a `text` (the body) keeps its
 * paragraphs, rendered as htmlToText renders page content. `isHtml` for a field whose name says it
 * holds HTML (`content_html`).
 */
export function fieldText(value: string, shape: 'line' | 'text', isHtml = holdsMarkup(value)): string {
  if (shape === 'text') return (isHtml ? renderText(parseHtml(value)) : decodeEntities(value)).trim();
  // White space in markup means nothing beyond a space; in plain text only line breaks are
  // folded, so a title keeps the spacing its source has (provenance marks it verbatim).
  if (isHtml) return lineText(parseHtml(value)).replace(/\s+/gu, ' ').trim();
  return decodeEntities(value).replace(/\s*\n\s*/gu, ' ').trim();
}
