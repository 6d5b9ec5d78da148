// HTML pages: the main content as plain text (never executed), with title, date, author, outlet
// and URL from the page's metadata. A page listing several <article> elements gives one entry each.
import type { EntryDraft } from '../types.ts';
import { pageMeta } from './html-metadata.ts';
import { isBoilerplate, renderText } from './html-to-text.ts';
import { elementPath, find, findAll, type HtmlElement, parseHtml, textContent } from './html-tree.ts';
import { EXTRACTORS } from './extractors.ts';
import { normalizeDate } from './normalize-date.ts';
import type { FormatResult } from './format-result.ts';

export interface HtmlPage {
  text: string;
  entries: EntryDraft[];
}

function hidden(el: HtmlElement): boolean {
  for (let e: HtmlElement | null = el; e; e = e.parent) if (isBoilerplate(e)) return true;
  return false;
}

function topLevelArticles(root: HtmlElement): HtmlElement[] {
  return findAll(root, (el) => {
    if (el.tag !== 'article') return false;
    for (let p = el.parent; p; p = p.parent) if (p.tag === 'article') return false;
    return !hidden(el);
  });
}

function heading(el: HtmlElement): string | null {
  const h = find(el, (e) => /^h[1-3]$/u.test(e.tag) && !hidden(e));
  return h ? textContent(h) || null : null;
}

function byline(el: HtmlElement): string | null {
  const a = find(el, (e) => /\bauthor\b/iu.test(e.attrs.get('rel') ?? '') || /(^|[\s_-])(author|byline)([\s_-]|$)/iu.test(`${e.attrs.get('class') ?? ''} ${e.attrs.get('itemprop') ?? ''}`));
  const name = a ? textContent(a).replace(/^(by|von|par|por)\s+/iu, '').trim() : '';
  return name && name.length < 120 ? name : null;
}

function articleDate(el: HtmlElement): string | null {
  const t = find(el, (e) => e.tag === 'time' && !hidden(e)); // a comment's time is not the article's
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

/** The readable text of one page and its entries (offsets into that text). */
export function readHtmlPage(html: string): HtmlPage {
  const root = parseHtml(html);
  const meta = pageMeta(root);
  const articles = topLevelArticles(root).filter((a) => renderText(a).length > 0);
  const common = { outlet: meta.outlet, language: meta.language };
  if (articles.length >= 2) {
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
    return { text: parts.join('\n\n'), entries };
  }
  const main =
    articles[0] ?? find(root, (e) => e.tag === 'main' || e.attrs.get('role') === 'main') ?? find(root, (e) => e.tag === 'body') ?? root;
  const text = renderText(main);
  if (!text) return { text: '', entries: [] };
  const title = cleanTitle(meta.title, meta.outlet) ?? heading(main) ?? '';
  return {
    text,
    entries: [
      {
        title,
        body: text,
        date: meta.date ?? articleDate(main),
        dateSource: meta.date ? meta.dateSource : articleDate(main) ? 'html-time' : null,
        author: meta.author ?? byline(main),
        url: meta.url,
        ...common,
        start: 0,
        end: text.length,
        locator: htmlLocator(main),
      },
    ],
  };
}

export function importHtml(html: string): FormatResult {
  const page = readHtmlPage(html);
  return { format: 'html', text: page.text, header: null, entries: page.entries, warnings: [] };
}
