// Which element of a one-article page is its content, and its text. Readability decides, except
// where the page's own markup already says it plainly: Readability on linkedom costs a page about
// 10-20 ms where our own parse costs under 1 ms, and an import of 100k pages must not pay that
// for pages that need no help.
import { isBoilerplate, isComment, renderText } from './html-to-text.ts';
import { find, findAll, type HtmlElement, textContent } from './html-tree.ts';
import { type ReadableContent, readableContent } from './readable-content.ts';

/**
 * How the content was chosen: by Readability; from the page's own <article> or <main> that held
 * its text plainly (Readability not run); or, when Readability found no article or the page is
 * too large for it, the <main> or <body> less its menus, sidebars and other furniture.
 */
export type ContentReader = 'readability' | 'marked' | 'whole-page' | 'too-large';

export interface ContentOptions {
  /** Readability is not run when the page's one visible <article> (else <main>) holds at least this share of the text of its paragraphs; above 1, it always runs. */
  markedShare?: number;
  /**
   * Readability's content is taken when it renders to at least this many characters, else our own
   * filter's when that keeps the page's prose; and it is not run at all on a page whose prose is
   * shorter and kept (a listing, a scrap: it would try four times and find nothing).
   */
  minArticleChars?: number;
  /** Readability's content is no article when more than this share of its text is link text (a listing, a menu). */
  maxLinkShare?: number;
  /** Readability is not run on a page of more elements than this (scripts, menus and hidden ones not counted): its time grows faster than the page, about 50-100 µs an element. */
  maxElements?: number;
}

export const CONTENT_DEFAULTS: Required<ContentOptions> = { markedShare: 0.9, minArticleChars: 200, maxLinkShare: 0.5, maxElements: 5000 };

export interface PageContent {
  element: HtmlElement;
  text: string;
  reader: ContentReader;
  /** What is no part of the article, for the page's date and headline (html-metadata.ts). */
  furniture: (el: HtmlElement) => boolean;
}

function hidden(el: HtmlElement): boolean {
  for (let e: HtmlElement | null = el; e; e = e.parent) if (isBoilerplate(e)) return true;
  return false;
}

/** A block of prose: a <p>, a <pre>, or an element whose lines are separated by <br>s (old pages, mail archives). */
const isProse = (el: HtmlElement) => el.tag === 'p' || el.tag === 'pre' || el.children.some((c) => typeof c !== 'string' && c.tag === 'br');

/** The text of the prose blocks under `root`, comment threads left out: where a page's prose is. `visible`: also what our own filter drops. */
function paragraphChars(root: HtmlElement, visible = false): number {
  let n = 0;
  const stack = [root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (isProse(el)) {
      n += textContent(el).length;
      continue;
    }
    for (const c of el.children) {
      if (typeof c !== 'string' && !isComment(c) && c.tag !== 'script' && c.tag !== 'style' && !(visible && isBoilerplate(c))) stack.push(c);
    }
  }
  return n;
}

/**
 * The page's own content element when it is plain: one visible <article> (else a visible <main>)
 * holding `share` of the page's paragraph text (`prose`). Paragraphs under a class our filter
 * drops still count for the page, so an article that filter would lose (`<div class="has-sidebar">`)
 * is never "plain".
 */
function markedContent(root: HtmlElement, article: HtmlElement | null, prose: number, share: number): HtmlElement | null {
  const candidate = article ?? find(root, (e) => (e.tag === 'main' || e.attrs.get('role') === 'main') && !hidden(e));
  if (!candidate || share > 1) return null;
  // Counted as our own filter renders it: a wrapper inside the article that the filter drops is no plain article either.
  const own = paragraphChars(candidate, true);
  return own > 0 && own >= share * prose ? candidate : null;
}

/** The share of the rendered text that sits inside links. */
function linkShare(root: HtmlElement, text: string, skip: (el: HtmlElement) => boolean): number {
  if (!text) return 0;
  const links = findAll(root, (e) => e.tag === 'a').filter((a) => {
    for (let e: HtmlElement | null = a; e && e !== root; e = e.parent) if (skip(e)) return false;
    return true;
  });
  return links.reduce((n, a) => n + textContent(a).length, 0) / text.replace(/\s+/gu, ' ').length;
}

/**
 * Page furniture in and around Readability's article: never the elements that hold it, nor one
 * inside that holds most of its text, whatever their class says (`<div class="has-sidebar">`,
 * `<form id="aspnetForm">`); inside it, share bars and sign-up boxes as anywhere.
 */
function articleFurniture(content: ReadableContent): (el: HtmlElement) => boolean {
  const wrappers = new Set<HtmlElement>();
  for (let e: HtmlElement | null = content.root; e; e = e.parent) wrappers.add(e);
  const length = new Map<HtmlElement, number>();
  const measure = (el: HtmlElement): number => {
    let n = 0;
    for (const c of el.children) {
      if (typeof c === 'string') n += content.kept.has(el) ? c.trim().length : 0;
      else if (content.holding.has(c)) n += measure(c);
    }
    length.set(el, n);
    return n;
  };
  const total = measure(content.root);
  for (const [el, n] of length) if (n * 2 > total) wrappers.add(el);
  return (el) => isBoilerplate(el) && !wrappers.has(el);
}

/** Readability's article as our text, or null when it found none: nothing, a list of links, or (when our own filter keeps the page's prose) a scrap. */
function readabilityContent(root: HtmlElement, keepsProse: () => boolean, options: Required<ContentOptions>): PageContent | 'too-large' | null {
  const content = readableContent(root, options.maxElements);
  if (!content || content === 'too-large') return content;
  const furniture = articleFurniture(content);
  // Readability turns runs of <br> into <p>s of its own: a <br> in what it kept still breaks the line.
  const skip = (el: HtmlElement) => (!content.holding.has(el) && el.tag !== 'br') || furniture(el);
  const text = renderText(content.root, { skip, ownText: (el) => content.kept.has(el) });
  if (!text || linkShare(content.root, text, skip) > options.maxLinkShare) return null;
  if (text.length < options.minArticleChars && keepsProse()) return null;
  return { element: content.root, text, reader: 'readability', furniture };
}

/** The content of a page with at most one visible top-level <article> (`article`). */
export function pageContent(root: HtmlElement, article: HtmlElement | null, options: ContentOptions = {}): PageContent {
  const settings = { ...CONTENT_DEFAULTS, ...options };
  const body = find(root, (e) => e.tag === 'body') ?? root;
  const prose = paragraphChars(body);
  const marked = markedContent(root, article, prose, settings.markedShare);
  if (marked) return { element: marked, text: renderText(marked), reader: 'marked', furniture: isBoilerplate };
  const own = article ?? find(root, (e) => e.tag === 'main' || e.attrs.get('role') === 'main') ?? body;
  let ownText: string | null = null;
  const fallbackText = () => (ownText ??= renderText(own));
  // Whether our own filter has text and drops none of the page's prose with a wrapper.
  let keeps: boolean | null = null;
  const keepsProse = () => (keeps ??= !!fallbackText() && paragraphChars(own, true) >= Math.min(settings.markedShare, 1) * prose);
  // A page with too little prose for an article (a listing, a scrap) that our own filter reads whole needs no Readability.
  const scrap = prose < settings.minArticleChars && keepsProse();
  const chosen = scrap ? null : readabilityContent(root, keepsProse, settings);
  if (chosen && chosen !== 'too-large') return chosen;
  return { element: own, text: fallbackText(), reader: chosen ?? 'whole-page', furniture: isBoilerplate };
}
