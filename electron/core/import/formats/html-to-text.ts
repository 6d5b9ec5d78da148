// Renders the readable part of an HTML element as plain text: paragraphs as blank-line-separated
// blocks, line breaks kept, and navigation, scripts, forms, ads and comment threads left out.
import { decodeEntities } from './html-entities.ts';
import { type HtmlElement, parseHtml } from './html-tree.ts';

const DROP_TAGS = new Set(['script', 'style', 'noscript', 'iframe', 'form', 'nav', 'aside', 'svg', 'math', 'button', 'select', 'textarea', 'template', 'object', 'embed', 'canvas', 'head', 'title', 'input', 'dialog']);
const DROP_ROLES = new Set(['navigation', 'complementary', 'banner', 'contentinfo', 'search', 'dialog', 'alert', 'menu', 'menubar']);
/** class/id words that mark ads, comment threads, share bars and similar page furniture. */
const DROP_WORDS = new Set([
  'ad', 'ads', 'advert', 'adverts', 'advertisement', 'advertising', 'adsbygoogle', 'sponsor', 'sponsored', 'promo', 'promoted',
  'banner', 'comment', 'comments', 'commentlist', 'disqus', 'share', 'sharing', 'sharedaddy', 'social', 'related', 'recommended',
  'cookie', 'cookies', 'consent', 'popup', 'modal', 'sidebar', 'widget', 'breadcrumb', 'breadcrumbs', 'menu', 'navbar', 'subscribe',
  'paywall', 'outbrain', 'taboola', 'skip', 'pagination', 'pager', 'tags', 'toolbar', 'newsletter', 'signup',
]);
const BLOCK = new Set([
  'p', 'div', 'article', 'section', 'main', 'header', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'table', 'tr', 'blockquote', 'pre', 'figure', 'figcaption', 'hr', 'address', 'details', 'summary', 'caption', 'center', 'body', 'html',
]);

const PARA = '\u0001';
const LINE = '\u0002';

function words(value: string | undefined): string[] {
  return value ? value.toLowerCase().split(/[\s_-]+/u).filter(Boolean) : [];
}

function insideContent(el: HtmlElement): boolean {
  for (let p = el.parent; p; p = p.parent) if (p.tag === 'article' || p.tag === 'main') return true;
  return false;
}

const COMMENT = /^(?:div-)?comments?(?:-\d+|-body|-container|-item|-list|-thread)?$|^(?:commentlist|disqus_thread)$/u;

/** A comment or a comment thread, by its id or one of its classes (`comment-7`, `comment-body`, `comments`). */
export function isComment(el: HtmlElement): boolean {
  return [el.attrs.get('id') ?? '', ...(el.attrs.get('class') ?? '').split(/\s+/u)].some((token) => COMMENT.test(token.toLowerCase()));
}

/** Page furniture: never part of the readable text. */
export function isBoilerplate(el: HtmlElement): boolean {
  if (DROP_TAGS.has(el.tag)) return true;
  if ((el.tag === 'header' || el.tag === 'footer') && !insideContent(el)) return true;
  const role = el.attrs.get('role');
  if (role && DROP_ROLES.has(role.toLowerCase())) return true;
  if (el.attrs.has('hidden') || el.attrs.get('aria-hidden') === 'true') return true;
  if (/display\s*:\s*none/iu.test(el.attrs.get('style') ?? '')) return true;
  // WordPress and most themes give each comment its own <article> (`#comment-7`, `.comment-body`):
  // a comment is never the page's article, whatever element holds it.
  if (el.tag === 'article' && isComment(el)) return true;
  if (el.tag === 'article' || el.tag === 'main' || el.tag === 'body' || el.tag === 'html') return false;
  return [...words(el.attrs.get('class')), ...words(el.attrs.get('id'))].some((w) => DROP_WORDS.has(w));
}

export interface RenderOptions {
  /** Elements left out with all they hold (default: page furniture, isBoilerplate). */
  skip?: (el: HtmlElement) => boolean;
  /** Whether an element's own text counts, not only that of its child elements (default: always). */
  ownText?: (el: HtmlElement) => boolean;
}

export function renderText(root: HtmlElement, options: RenderOptions = {}): string {
  const { skip = isBoilerplate, ownText } = options;
  const out: string[] = [];
  const visit = (el: HtmlElement, pre: boolean) => {
    const own = ownText ? ownText(el) : true;
    for (const child of el.children) {
      if (typeof child === 'string') {
        if (own) out.push(pre ? child.replace(/\n/gu, LINE) : child.replace(/[ \t\n\r\f\u00a0]+/gu, ' '));
        continue;
      }
      if (skip(child)) continue;
      if (child.tag === 'br') {
        out.push(LINE);
        continue;
      }
      if (child.tag === 'img') {
        const alt = child.attrs.get('alt')?.trim();
        if (alt && child.parent?.tag === 'figure') out.push(PARA, alt, PARA);
        continue;
      }
      const block = BLOCK.has(child.tag);
      if (block) out.push(child.tag === 'li' || child.tag === 'tr' || child.tag === 'dd' || child.tag === 'dt' ? LINE : PARA);
      if (child.tag === 'td' || child.tag === 'th') out.push(' ');
      visit(child, pre || child.tag === 'pre');
      if (block) out.push(child.tag === 'li' || child.tag === 'tr' || child.tag === 'dd' || child.tag === 'dt' ? LINE : PARA);
    }
  };
  visit(root, false);
  return out
    .join('')
    .replace(/[ ]*\u0001[\s\u0001\u0002]*/gu, '\n\n')
    .replace(/[ ]*\u0002[ \u0002]*/gu, '\n')
    .replace(/\n{3,}/gu, '\n\n')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .trim();
}

/** HTML found inside a text field (JSON, CSV, mail): its readable text, or the string itself when it holds no markup. */
export function htmlToText(html: string): string {
  if (!/<[A-Za-z!/]/u.test(html)) return decodeEntities(html).trim();
  return renderText(parseHtml(html));
}
