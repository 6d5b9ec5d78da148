// Which part of a page is its article, as Firefox's Reader View decides it: @mozilla/readability
// run on a linkedom copy of our own tree. Only the choice is taken from it. The text is still
// rendered from our tree (Readability's textContent runs paragraphs together) and the locator
// still names our element and its markup span, so provenance points at the file's own bytes.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { HtmlElement } from './html-tree.ts';

/** The little of the DOM used here: linkedom's types are the browser's, which the core (no DOM lib) does not load. */
interface DomNode {
  readonly tagName?: string;
  appendChild(child: DomNode): DomNode;
  setAttribute(name: string, value: string): void;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): Iterable<DomNode>;
}
interface DomDocument {
  documentElement: DomNode;
  head: DomNode;
  body: DomNode;
  createElement(tag: string): DomNode;
  createTextNode(text: string): DomNode;
}

/**
 * Never copied: Readability drops them or never chooses them, and our rendering never shows them
 * (html-to-text.ts). Each element copied costs Readability time: a menu of 40 links is 80 nodes.
 */
const UNREAD = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'link', 'meta', 'base',
  'nav', 'aside', 'button', 'select', 'input', 'textarea', 'dialog',
]);
const unread = (el: HtmlElement) => UNREAD.has(el.tag) || el.attrs.has('hidden') || el.attrs.get('aria-hidden') === 'true';
/** The attributes Readability reads (classes and ids, visibility, roles, bylines, links, images, direction); copying others only costs time. */
const READ_ATTRS = new Set(['class', 'id', 'style', 'role', 'itemprop', 'itemtype', 'rel', 'href', 'src', 'srcset', 'alt', 'dir', 'lang', 'name', 'type', 'aria-modal']);
const MARK = 'data-quire-node';
const SHELL = '<!doctype html><html><head></head><body></body></html>';

export interface ReadableContent {
  /** The smallest element of our tree holding all the text Readability kept: the entry's locator. */
  root: HtmlElement;
  /** Elements Readability kept (its content holds them). */
  kept: Set<HtmlElement>;
  /** Kept elements and every element holding one: outside this set nothing is the article. */
  holding: Set<HtmlElement>;
}

function countElements(root: HtmlElement, max: number): number {
  let n = 0;
  const stack = [root];
  while (stack.length > 0 && n <= max) {
    for (const c of stack.pop()!.children) {
      if (typeof c === 'string' || unread(c)) continue;
      n++;
      stack.push(c);
    }
  }
  return n;
}

/** A linkedom document mirroring our tree, each element marked with its index in `nodes`; no document when it would hold more than `maxElements`. */
function mirror(root: HtmlElement, maxElements: number): { doc: DomDocument | null; nodes: HtmlElement[] } {
  const nodes: HtmlElement[] = [];
  if (countElements(root, maxElements) > maxElements) return { doc: null, nodes };
  const doc = parseHTML(SHELL).document as unknown as DomDocument;
  const copyAttrs = (from: HtmlElement, to: DomNode) => {
    for (const [name, value] of from.attrs) {
      // A style matters to Readability only when it hides the element; linkedom parses every one it is given.
      if (READ_ATTRS.has(name) && (name !== 'style' || /display|visibility/iu.test(value))) to.setAttribute(name, value);
    }
    to.setAttribute(MARK, String(nodes.length));
    nodes.push(from);
  };
  const copy = (from: HtmlElement, to: DomNode) => {
    for (const child of from.children) {
      if (typeof child === 'string') {
        to.appendChild(doc.createTextNode(child));
        continue;
      }
      if (unread(child)) continue;
      let target: DomNode;
      if (child.tag === 'html') target = doc.documentElement;
      else if (child.tag === 'head') target = doc.head;
      else if (child.tag === 'body') target = doc.body;
      else target = to.appendChild(doc.createElement(/^[a-z][a-z0-9-]*$/u.test(child.tag) ? child.tag : 'span'));
      copyAttrs(child, target);
      copy(child, target);
    }
  };
  copy(root, doc.body);
  return { doc, nodes };
}

function commonAncestor(elements: Iterable<HtmlElement>): HtmlElement | null {
  let path: HtmlElement[] | null = null;
  for (const el of elements) {
    const chain: HtmlElement[] = [];
    for (let e: HtmlElement | null = el; e; e = e.parent) chain.unshift(e);
    if (!path) path = chain;
    else {
      let k = 0;
      while (k < path.length && k < chain.length && path[k] === chain[k]) k++;
      path = path.slice(0, k);
    }
  }
  return path && path.length > 0 ? path[path.length - 1]! : null;
}

/** Readability's last step rewrites links and unwraps nested <div>s of the content it returns: nothing that changes which elements it holds. */
interface Skippable {
  _postProcessContent: (content: unknown) => void;
}

/**
 * The page's article as Readability finds it; null when it finds none, 'too-large' when the page
 * has more than `maxElements` elements (Readability's time grows faster than the page). Readability
 * rewrites the copy as it goes (a <div> becomes a <p>, a wrapper is unwrapped, a page is re-parsed
 * from its own HTML between tries); the marks are attributes, so they survive all of it.
 */
export function readableContent(root: HtmlElement, maxElements: number): ReadableContent | 'too-large' | null {
  try {
    const { doc, nodes } = mirror(root, maxElements);
    if (!doc) return 'too-large';
    const reader = new Readability(doc as never, { disableJSONLD: true, keepClasses: true, serializer: (el) => el as unknown as DomNode });
    (reader as unknown as Skippable)._postProcessContent = () => {};
    const content = reader.parse()?.content;
    if (!content) return null;
    const kept = new Set<HtmlElement>();
    for (const node of [content, ...content.querySelectorAll(`[${MARK}]`)]) {
      const el = nodes[Number(node.getAttribute(MARK) ?? NaN)];
      if (el && el.tag !== 'html' && el.tag !== 'head') kept.add(el);
    }
    // The smallest element holding all the text kept, not the wrappers Readability climbs to when a
    // candidate is an only child: the locator names the article's markup and no more.
    const top = commonAncestor([...kept].filter((el) => el.children.some((c) => typeof c === 'string' && c.trim()))) ?? commonAncestor(kept);
    if (!top) return null;
    const holding = new Set<HtmlElement>();
    for (const el of kept) for (let e: HtmlElement | null = el; e && !holding.has(e); e = e.parent) holding.add(e);
    return { root: top, kept, holding };
  } catch {
    // A page linkedom or Readability cannot take is read as before, by our own filter.
    return null;
  }
}
