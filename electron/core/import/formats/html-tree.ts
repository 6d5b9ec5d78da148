// A small tolerant HTML parser: enough structure to find the main content and the metadata of
// a scraped page. Nothing is ever executed; script and style bodies are kept only as raw text
// (JSON-LD lives in a script element).
import { decodeEntities } from './html-entities.ts';

export interface HtmlElement {
  tag: string;
  attrs: Map<string, string>;
  children: HtmlNode[];
  parent: HtmlElement | null;
  /** The element's markup in the parsed text: from its start tag's `<` to past its end tag (or to where it was implicitly closed). */
  start: number;
  end: number;
}
export type HtmlNode = HtmlElement | string;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'noscript', 'xmp', 'iframe', 'noembed', 'noframes', 'template', 'svg', 'math']);
/** A start tag of the key closes an open element of each listed tag (the common implied end tags). */
const CLOSED_BY: Record<string, string[]> = {
  p: ['p'],
  li: ['li'],
  dt: ['dt', 'dd'],
  dd: ['dt', 'dd'],
  tr: ['tr', 'td', 'th'],
  td: ['td', 'th'],
  th: ['td', 'th'],
  option: ['option'],
};
const BLOCK_CLOSES_P = new Set(['div', 'article', 'section', 'header', 'footer', 'nav', 'aside', 'main', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'table', 'blockquote', 'pre', 'form', 'figure', 'hr']);

interface Tag {
  name: string;
  closing: boolean;
  attrs: Map<string, string>;
  selfClosing: boolean;
  /** Just past the tag's `>`. */
  end: number;
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
const isLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/**
 * The tag starting at `lt`, read as HTML5's tokenizer reads it (§13.2.5.6–.40): a `>` or `<`
 * inside a quoted attribute value belongs to the value (`<a title="a > b">`), an unquoted value
 * runs to white space or `>`. Null when it is no tag or never ends. With `quotes` false, quotes
 * are not honoured: the way to read a tag whose quote never closes (a browser would swallow the
 * rest of the page into it; losing the page helps no one).
 */
function readTag(html: string, lt: number, quotes: boolean): Tag | null {
  const n = html.length;
  let i = lt + 1;
  const closing = html.charCodeAt(i) === 0x2f;
  if (closing) i++;
  if (!isLetter(html.charCodeAt(i))) return null;
  const nameStart = i;
  for (; i < n; i++) {
    const c = html.charCodeAt(i);
    if (isSpace(c) || c === 0x2f || c === 0x3e) break;
  }
  const name = html.slice(nameStart, i).toLowerCase();
  const attrs = new Map<string, string>();
  let selfClosing = false;
  for (;;) {
    for (; i < n; i++) {
      const c = html.charCodeAt(i);
      if (c === 0x2f) selfClosing = html.charCodeAt(i + 1) === 0x3e;
      else if (!isSpace(c)) break;
    }
    if (i >= n) return null;
    if (html.charCodeAt(i) === 0x3e) return { name, closing, attrs, selfClosing, end: i + 1 };
    selfClosing = false;
    // An attribute name; its first character may be `=` (a parse error browsers keep).
    const attrStart = i++;
    for (; i < n; i++) {
      const c = html.charCodeAt(i);
      if (isSpace(c) || c === 0x2f || c === 0x3e || c === 0x3d) break;
    }
    const attrName = html.slice(attrStart, i).toLowerCase();
    let j = i;
    while (j < n && isSpace(html.charCodeAt(j))) j++;
    let value = '';
    if (html.charCodeAt(j) === 0x3d) {
      i = j + 1;
      while (i < n && isSpace(html.charCodeAt(i))) i++;
      const q = html[i];
      if (quotes && (q === '"' || q === "'")) {
        const close = html.indexOf(q, i + 1);
        if (close < 0) return null;
        value = html.slice(i + 1, close);
        i = close + 1;
      } else {
        const valueStart = i;
        for (; i < n; i++) {
          const c = html.charCodeAt(i);
          if (isSpace(c) || c === 0x3e) break;
        }
        value = html.slice(valueStart, i);
      }
    } else {
      i = j;
    }
    if (!attrs.has(attrName)) attrs.set(attrName, decodeEntities(value, { attribute: true }));
  }
}

/**
 * How deep elements nest in the tree. Deeper markup (hostile pages nest divs by the hundred
 * thousand) is kept flat at this depth: its text stays, in order, and nothing that walks the tree
 * can overflow the stack. Browsers' parsers cap nesting too.
 */
export const MAX_HTML_DEPTH = 512;

export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { tag: '#root', attrs: new Map(), children: [], parent: null, start: 0, end: html.length };
  let current = root;
  const depth = new Map<HtmlElement, number>([[root, 0]]);
  let i = 0;
  const lastGt = html.lastIndexOf('>');
  const text = (s: string) => {
    if (s) current.children.push(decodeEntities(s));
  };
  const closeTag = (tag: string, from: number, to: number) => {
    for (let el: HtmlElement | null = current; el && el !== root; el = el.parent) {
      if (el.tag === tag) {
        // Elements left open inside it end where its end tag starts.
        for (let open: HtmlElement | null = current; open && open !== el; open = open.parent) open.end = from;
        el.end = to;
        current = el.parent ?? root;
        return;
      }
    }
  };
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      text(html.slice(i));
      break;
    }
    text(html.slice(i, lt));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    if (html.startsWith('<![CDATA[', lt)) {
      const end = html.indexOf(']]>', lt);
      current.children.push(html.slice(lt + 9, end < 0 ? html.length : end));
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    if (html[lt + 1] === '!' || html[lt + 1] === '?') {
      const end = html.indexOf('>', lt);
      i = end < 0 ? html.length : end + 1;
      continue;
    }
    // Past the last `>` nothing is a tag: saves a scan to the end for each stray `<` there.
    const tagRead = lt < lastGt ? (readTag(html, lt, true) ?? readTag(html, lt, false)) : null;
    if (!tagRead) {
      text('<');
      i = lt + 1;
      continue;
    }
    i = tagRead.end;
    const tag = tagRead.name;
    if (tagRead.closing) {
      closeTag(tag, lt, i);
      continue;
    }
    for (const closes of [CLOSED_BY[tag] ?? [], BLOCK_CLOSES_P.has(tag) ? ['p'] : []]) {
      if (closes.includes(current.tag)) {
        current.end = lt;
        current = current.parent ?? root;
      }
    }
    const el: HtmlElement = { tag, attrs: tagRead.attrs, children: [], parent: current, start: lt, end: html.length };
    current.children.push(el);
    if (VOID.has(tag) || tagRead.selfClosing) {
      el.end = i;
      continue;
    }
    if (RAW_TEXT.has(tag)) {
      const close = new RegExp(`</${tag}\\s*>`, 'iu');
      const rest = html.slice(i);
      const end = rest.search(close);
      const raw = end < 0 ? rest : rest.slice(0, end);
      el.children.push(tag === 'title' || tag === 'textarea' ? decodeEntities(raw) : raw);
      i = end < 0 ? html.length : i + end + (close.exec(rest)?.[0].length ?? 0);
      el.end = i;
      continue;
    }
    const d = (depth.get(current) ?? 0) + 1;
    if (d >= MAX_HTML_DEPTH) {
      el.end = i; // too deep: an empty element; what follows stays in `current`
      continue;
    }
    depth.set(el, d);
    current = el;
  }
  return root;
}

/** Every element under `node`, in document order. A stack, not recursion: nested generators cost O(depth) per element. */
export function* walk(node: HtmlElement): Generator<HtmlElement> {
  const stack: { el: HtmlElement; next: number }[] = [{ el: node, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.next >= top.el.children.length) {
      stack.pop();
      continue;
    }
    const child = top.el.children[top.next++]!;
    if (typeof child === 'string') continue;
    yield child;
    stack.push({ el: child, next: 0 });
  }
}

export function findAll(node: HtmlElement, test: (el: HtmlElement) => boolean): HtmlElement[] {
  const out: HtmlElement[] = [];
  for (const el of walk(node)) if (test(el)) out.push(el);
  return out;
}

export function find(node: HtmlElement, test: (el: HtmlElement) => boolean): HtmlElement | null {
  for (const el of walk(node)) if (test(el)) return el;
  return null;
}

/** A CSS-like path that finds the element again: `html > body > div:nth-of-type(2) > article`. */
export function elementPath(el: HtmlElement): string {
  const steps: string[] = [];
  for (let e: HtmlElement | null = el; e && e.parent; e = e.parent) {
    const same = e.parent.children.filter((c): c is HtmlElement => typeof c !== 'string' && c.tag === e!.tag);
    steps.unshift(same.length > 1 ? `${e.tag}:nth-of-type(${same.indexOf(e) + 1})` : e.tag);
  }
  return steps.join(' > ') || ':root';
}

/** The raw text of an element's descendants, whitespace collapsed. */
export function textContent(node: HtmlElement): string {
  const parts: string[] = [];
  const visit = (n: HtmlElement) => {
    for (const c of n.children) {
      if (typeof c === 'string') parts.push(c);
      else if (c.tag !== 'script' && c.tag !== 'style') visit(c);
    }
  };
  visit(node);
  return parts.join('').replace(/\s+/gu, ' ').trim();
}
