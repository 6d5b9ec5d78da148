// HTML pages: the main content as plain text (never executed), with title, date, author, outlet
// and URL from the page's metadata. A page listing several <article> elements gives one entry each.
import type { EntryDraft } from '../types.ts';
import { pageMeta } from './html-metadata.ts';
import { isBoilerplate, renderText } from './html-to-text.ts';
import { elementPath, find, findAll, type HtmlElement, parseHtml, textContent } from './html-tree.ts';
import { EXTRACTORS } from './extractors.ts';
import { normalizeDate } from './normalize-date.ts';
import type { FormatResult } from './format-result.ts';
import { CONTENT_DEFAULTS, type ContentOptions, type ContentReader, pageContent } from './page-content.ts';

/** How the page's content was chosen: as a listing of several <article>s, one entry each, or as pageContent chose it. */
export type HtmlReader = ContentReader | 'articles';

export interface HtmlPage {
  text: string;
  entries: EntryDraft[];
  reader: HtmlReader;
}

function hidden(el: HtmlElement, furniture: (el: HtmlElement) => boolean = isBoilerplate): boolean {
  for (let e: HtmlElement | null = el; e; e = e.parent) if (furniture(e)) return true;
  return false;
}

function topLevelArticles(root: HtmlElement): HtmlElement[] {
  return findAll(root, (el) => {
    if (el.tag !== 'article') return false;
    for (let p = el.parent; p; p = p.parent) if (p.tag === 'article') return false;
    return !hidden(el);
  });
}

function heading(el: HtmlElement, furniture?: (el: HtmlElement) => boolean): string | null {
  const h = find(el, (e) => /^h[1-3]$/u.test(e.tag) && !hidden(e, furniture));
  return h ? textContent(h) || null : null;
}

function byline(el: HtmlElement): string | null {
  const a = find(el, (e) => /\bauthor\b/iu.test(e.attrs.get('rel') ?? '') || /(^|[\s_-])(author|byline)([\s_-]|$)/iu.test(`${e.attrs.get('class') ?? ''} ${e.attrs.get('itemprop') ?? ''}`));
  const name = a ? textContent(a).replace(/^(by|von|par|por)\s+/iu, '').trim() : '';
  return name && name.length < 120 ? name : null;
}

function articleDate(el: HtmlElement, furniture?: (el: HtmlElement) => boolean): string | null {
  const t = find(el, (e) => e.tag === 'time' && !hidden(e, furniture)); // a comment's time is not the article's
  if (!t) return null;
  return normalizeDate(t.attrs.get('datetime')) ?? normalizeDate(textContent(t));
}

/** Strips a " | Outlet" or " - Outlet" suffix from a <title>. */
function cleanTitle(title: string | null, outlet: string | null): string | null {
  if (!title || !outlet) return title;
  const m = new RegExp(`\\s+[|\\-–—·:]\\s+${outlet.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}$`, 'u').exec(title);
  return m ? title.slice(0, m.index) : title;
}

/** The element an entry was read from: its path and the span of its markup in the page. */
function htmlLocator(el: HtmlElement) {
  return { kind: 'html', extractor: EXTRACTORS.html, path: elementPath(el), start: el.start, end: el.end } as const;
}

/**
 * Where the headline, byline and <time> of `main` are: Readability's content is often an article's
 * body alone, and they are in the <article> around it, else in the element around it that holds
 * the page's <h1> (never the whole <body>, where a comment's author is a byline too).
 */
function articleScope(root: HtmlElement, main: HtmlElement, furniture: (el: HtmlElement) => boolean): HtmlElement {
  for (let e: HtmlElement | null = main; e; e = e.parent) if (e.tag === 'article' && !furniture(e)) return e;
  const headed = new Set<HtmlElement>();
  for (const h of findAll(root, (e) => e.tag === 'h1')) for (let e: HtmlElement | null = h; e && !headed.has(e); e = e.parent) headed.add(e);
  for (let e: HtmlElement | null = main; e && e.tag !== 'body' && e.tag !== 'html' && e.tag !== '#root'; e = e.parent) if (headed.has(e)) return e;
  return main;
}

/** The readable text of one page and its entries (offsets into that text). */
export function readHtmlPage(html: string, options: ContentOptions = {}): HtmlPage {
  const root = parseHtml(html);
  const articles = topLevelArticles(root).filter((a) => renderText(a).length > 0);
  if (articles.length >= 2) {
    const meta = pageMeta(root);
    const common = { outlet: meta.outlet, language: meta.language };
    const parts: string[] = [];
    const entries: EntryDraft[] = [];
    let at = 0;
    for (const article of articles) {
      const body = renderText(article);
      if (parts.length > 0) at += 2;
      const link = find(article, (e) => e.tag === 'a' && !!e.attrs.get('href') && /^h[1-3]$/u.test(e.parent?.tag ?? ''));
      entries.push({
        title: heading(article) ?? '',
        body,
        date: articleDate(article) ?? meta.date,
        dateSource: articleDate(article) ? 'html-time' : meta.dateSource,
        author: byline(article) ?? meta.author,
        url: link?.attrs.get('href') ?? null,
        ...common,
        start: at,
        end: at + body.length,
        locator: htmlLocator(article),
      });
      parts.push(body);
      at += body.length;
    }
    return { text: parts.join('\n\n'), entries, reader: 'articles' };
  }
  const { element: main, text, reader, furniture } = pageContent(root, articles[0] ?? null, options);
  if (!text) return { text: '', entries: [], reader };
  const meta = pageMeta(root, furniture);
  const scope = articleScope(root, main, furniture);
  const title = cleanTitle(meta.title, meta.outlet) ?? heading(scope, furniture) ?? '';
  const timeDate = meta.date ? null : articleDate(scope, furniture);
  return {
    text,
    reader,
    entries: [
      {
        title,
        body: text,
        date: meta.date ?? timeDate,
        dateSource: meta.date ? meta.dateSource : timeDate ? 'html-time' : null,
        author: meta.author ?? byline(scope),
        url: meta.url,
        outlet: meta.outlet,
        language: meta.language,
        start: 0,
        end: text.length,
        locator: htmlLocator(main),
      },
    ],
  };
}

/** Pages read whole, by why; see readerNotes. */
export type WholePages = Partial<Record<'whole-page' | 'too-large', number>>;

/**
 * The report's notes on pages read whole instead of by their article, so that a body holding more
 * than an article is no surprise: `of` is how many pages the file has (a WARC holds many).
 */
export function readerNotes(whole: WholePages, of: number): string[] {
  const notes: string[] = [];
  const pages = (n: number) => (of === 1 ? 'this page' : `${n} of the ${of} pages`);
  const noArticle = whole['whole-page'] ?? 0;
  const tooLarge = whole['too-large'] ?? 0;
  if (noArticle > 0) notes.push(`Readability found no article in ${pages(noArticle)} (a listing or a short page reads so): the main text was taken whole, less menus, sidebars and comments.`);
  if (tooLarge > 0) {
    const limit = CONTENT_DEFAULTS.maxElements.toLocaleString('en');
    notes.push(`${of === 1 ? 'This page has' : `${tooLarge} of the ${of} pages ${tooLarge === 1 ? 'has' : 'have'}`} more than ${limit} elements, too many to look for the article with Readability in good time: the main text was taken whole, less menus, sidebars and comments.`);
  }
  return notes;
}

export function importHtml(html: string): FormatResult {
  const page = readHtmlPage(html);
  const warnings = page.entries.length > 0 && (page.reader === 'whole-page' || page.reader === 'too-large') ? readerNotes({ [page.reader]: 1 }, 1) : [];
  return { format: 'html', text: page.text, header: null, entries: page.entries, warnings };
}
