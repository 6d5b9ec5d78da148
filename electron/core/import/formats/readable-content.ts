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

/** Never copied: Readability drops them first and our rendering never shows them. */
const UNREAD = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'link', 'meta', 'base']);
const MARK = 'data-quire-node';
const SHELL = '<!doctype html><html><head></head><body></body></html>';

export interface ReadableContent {
  /** The smallest element of our tree holding all that Readability kept: the entry's locator. */
  root: HtmlElement;
  /** Elements Readability kept (its content holds them). */
  kept: Set<HtmlElement>;
  /** Kept elements and every element holding one: outside this set nothing is the article. */
  holding: Set<HtmlElement>;
}

/** A linkedom document mirroring our tree, each element marked with its index in `nodes`. */
function mirror(root: HtmlElement): { doc: DomDocument; nodes: HtmlElement[] } {
  const doc = parseHTML(SHELL).document as unknown as DomDocument;
  const nodes: HtmlElement[] = [];
  const copyAttrs = (from: HtmlElement, to: DomNode) => {
    for (const [name, value] of from.attrs) {
      try {
        to.setAttribute(name, value);
      } catch {
        // A name the DOM refuses (`"x`, `=y`): the attribute means nothing to Readability either.
      }
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
      if (UNREAD.has(child.tag)) continue;
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

/**
 * The page's article as Readability finds it, or null when it finds none. Readability rewrites
 * the copy as it goes (a <div> becomes a <p>, a wrapper is unwrapped, a page is re-parsed from
 * its own HTML between tries); the marks are attributes, so they survive all of it.
 */
export function readableContent(root: HtmlElement): ReadableContent | null {
  try {
    const { doc, nodes } = mirror(root);
    const article = new Readability(doc as never, { disableJSONLD: true, keepClasses: true, serializer: (el) => el as unknown as DomNode }).parse();
    const content = article?.content;
    if (!content) return null;
    const kept = new Set<HtmlElement>();
    for (const node of [content, ...content.querySelectorAll(`[${MARK}]`)]) {
      const el = nodes[Number(node.getAttribute(MARK) ?? NaN)];
      if (el && el.tag !== 'html' && el.tag !== 'head') kept.add(el);
    }
    const top = commonAncestor(kept);
    if (!top) return null;
    const holding = new Set<HtmlElement>();
    for (const el of kept) for (let e: HtmlElement | null = el; e && !holding.has(e); e = e.parent) holding.add(e);
    return { root: top, kept, holding };
  } catch {
    // A page linkedom or Readability cannot take is read as before, by our own filter.
    return null;
  }
}
