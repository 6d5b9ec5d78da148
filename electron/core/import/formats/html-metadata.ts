// Title, date, author, outlet and URL of a page, from <meta> tags, JSON-LD and <title>.
import { isBoilerplate } from './html-to-text.ts';
import { find, findAll, type HtmlElement, textContent, walk } from './html-tree.ts';
import { normalizeDate } from './normalize-date.ts';

export interface PageMeta {
  title: string | null;
  date: string | null;
  dateSource: string | null;
  author: string | null;
  outlet: string | null;
  url: string | null;
  language: string | null;
}

type Json = Record<string, unknown>;

function nameOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (Array.isArray(value)) {
    const names = value.map(nameOf).filter((n): n is string => !!n);
    return names.length > 0 ? names.join(', ') : null;
  }
  if (value && typeof value === 'object' && 'name' in value) return nameOf((value as Json).name);
  return null;
}

const ARTICLE_TYPES = /Article|BlogPosting|Posting|Report|WebPage|CreativeWork/u;

/** Every object of the page's JSON-LD blocks: arrays, `@graph` lists and `mainEntity` opened. */
function jsonLdObjects(root: HtmlElement): Json[] {
  const objects: Json[] = [];
  const collect = (v: unknown, depth: number) => {
    if (depth > 8) return;
    if (Array.isArray(v)) v.forEach((x) => collect(x, depth + 1));
    else if (v && typeof v === 'object') {
      const o = v as Json;
      objects.push(o);
      if (o['@graph']) collect(o['@graph'], depth + 1);
      if (o.mainEntity) collect(o.mainEntity, depth + 1);
    }
  };
  for (const script of findAll(root, (el) => el.tag === 'script' && /ld\+json/iu.test(el.attrs.get('type') ?? ''))) {
    const raw = script.children.filter((c) => typeof c === 'string').join('');
    try {
      collect(JSON.parse(raw), 0);
    } catch {
      // A broken JSON-LD block is ignored; the meta tags still count.
    }
  }
  return objects;
}

const typeOf = (o: Json) => [o['@type']].flat().join(' ');

/** The JSON-LD object describing the page's article, if any. */
function articleLd(objects: Json[]): Json | null {
  return objects.find((o) => o.headline && ARTICLE_TYPES.test(typeOf(o))) ?? objects.find((o) => o.headline || o.datePublished) ?? null;
}

/** A JSON-LD date field: the article's own first, then any other object's (a WebPage in a `@graph` often holds the only one). */
function ldDate(objects: Json[], article: Json | null, field: string): unknown {
  if (article?.[field]) return article[field];
  return (objects.find((o) => o[field] && ARTICLE_TYPES.test(typeOf(o))) ?? objects.find((o) => o[field]))?.[field];
}

/** Page furniture (sidebars, menus, comment threads): isBoilerplate, unless pageMeta's caller knows what holds the article. */
type Furniture = (el: HtmlElement) => boolean;

function hidden(el: HtmlElement, furniture: Furniture): boolean {
  for (let e: HtmlElement | null = el; e; e = e.parent) if (furniture(e)) return true;
  return false;
}

/** The elements under `node` in document order, sidebars, menus and comment threads skipped whole; `enough` stops the walk early. */
function visibleElements(node: HtmlElement, furniture: Furniture, enough: (out: HtmlElement[]) => boolean = () => false): HtmlElement[] {
  const out: HtmlElement[] = [];
  const stack: HtmlElement[] = [node];
  while (stack.length > 0 && !enough(out)) {
    const el = stack.pop()!;
    if (el !== node) out.push(el);
    for (let k = el.children.length - 1; k >= 0; k--) {
      const child = el.children[k]!;
      if (typeof child !== 'string' && !furniture(child)) stack.push(child);
    }
  }
  return out;
}

const classes = (el: HtmlElement) => `${el.attrs.get('class') ?? ''} ${el.attrs.get('itemprop') ?? ''}`.toLowerCase();
const MODIFIED = /\b(updated|modified|datemodified|edited)\b/u;
const elementDate = (el: HtmlElement) => normalizeDate(el.attrs.get('datetime') ?? el.attrs.get('content')) ?? normalizeDate(textContent(el));

/**
 * The page's article: its <article>, else <main>, else <body>. Where a dateline or a <time> is
 * looked for: sidebars and comment threads (dropped by isBoilerplate) are no part of it.
 */
function contentRoot(root: HtmlElement, furniture: Furniture): HtmlElement {
  let main: HtmlElement | null = null;
  let body: HtmlElement | null = null;
  for (const e of walk(root)) {
    if (e.tag === 'article' && !hidden(e, furniture)) return e;
    if (!main && (e.tag === 'main' || e.attrs.get('role') === 'main')) main = e;
    if (!body && e.tag === 'body') body = e;
  }
  return main ?? body ?? root;
}

/** The date of a <time> of the article: one marked as the publication date first, then one in its header or near its headline. */
function timeDate(content: HtmlElement, furniture: Furniture): { published: string | null; modified: string | null } {
  // Few elements are <time>s: test those for page furniture, not every element.
  const times = findAll(content, (e) => e.tag === 'time').filter((t) => !hidden(t, furniture));
  const marked = times.find((t) => t.attrs.has('pubdate') || /\b(published|datepublished|pubdate)\b/u.test(classes(t)));
  const plain = times.filter((t) => !MODIFIED.test(classes(t)));
  const inHeader = plain.find((t) => {
    for (let p = t.parent; p && p !== content.parent; p = p.parent) if (p.tag === 'header') return true;
    return false;
  });
  const published = [marked, inHeader, ...plain].map((t) => (t ? elementDate(t) : null)).find((d) => d) ?? null;
  const modified = times.filter((t) => MODIFIED.test(classes(t))).map(elementDate).find((d) => d) ?? null;
  return { published, modified };
}

const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DATE = `(\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH},?\\s+\\d{4}|${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2})`;
const LABELLED = new RegExp(`\\b(?:published|posted|first\\s+published|date)(?:\\s+on)?\\s*:?\\s*${DATE}`, 'iu');
const ANY_DATE = new RegExp(`(?:^|[^\\p{L}\\d])${DATE}`, 'giu');
/** How far around the headline a dateline is looked for, in elements; and how long its text may be. */
const DATELINE_WINDOW = 12;
const DATELINE_CHARS = 120;
const DATELINE_SCAN = 2000;

/** An element's text when it is dateline-short, else null; stops reading a long one early. */
function shortText(el: HtmlElement): string | null {
  const parts: string[] = [];
  let length = 0;
  const stack = [{ e: el, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.next >= top.e.children.length) {
      stack.pop();
      continue;
    }
    const c = top.e.children[top.next++]!;
    if (typeof c !== 'string') {
      if (c.tag !== 'script' && c.tag !== 'style') stack.push({ e: c, next: 0 });
      continue;
    }
    length += c.length;
    // Raw text holds indentation: allow for it before collapsing.
    if (length > DATELINE_CHARS * 4) return null;
    parts.push(c);
  }
  const text = parts.join('').replace(/\s+/gu, ' ').trim();
  return text && text.length <= DATELINE_CHARS ? text : null;
}

/**
 * A date printed near the headline ("Published 3 March 2019", "By Ana Ruiz | March 3, 2019"):
 * a labelled one first, then a short line that is mostly a date. An update date ("Updated 4
 * April 2023") is not the publication date; a date inside a body paragraph is no dateline.
 */
function datelineDate(content: HtmlElement, furniture: Furniture): string | null {
  const isHeading = (e: HtmlElement) => /^h[1-2]$/u.test(e.tag);
  // Walk no further than the window past the headline (or than a page's worth without one).
  let h = -1;
  const elements = visibleElements(content, furniture, (out) => {
    if (h < 0 && out.length > 0 && isHeading(out[out.length - 1]!)) h = out.length - 1;
    return h >= 0 ? out.length > h + DATELINE_WINDOW : out.length > DATELINE_SCAN;
  });
  const near = elements.slice(Math.max(0, h - DATELINE_WINDOW), Math.max(0, h) + DATELINE_WINDOW + 1);
  const lines = near.map(shortText).filter((t): t is string => !!t);
  for (const line of lines) {
    const m = LABELLED.exec(line);
    const d = m ? normalizeDate(m[1]!.replace(/(\d)(st|nd|rd|th)/iu, '$1').replace(/\bof\s+/iu, '')) : null;
    if (d) return d;
  }
  for (const line of lines) {
    for (const m of line.matchAll(ANY_DATE)) {
      const before = line.slice(0, m.index + m[0].length - m[1]!.length);
      if (MODIFIED.test(before.toLowerCase().split(/[|·•]/u).pop() ?? '')) continue;
      // Mostly a date: what is left is a byline or a label, not a sentence.
      if (line.replace(m[1]!, '').trim().split(/\s+/u).length > 8) continue;
      const d = normalizeDate(m[1]!.replace(/(\d)(st|nd|rd|th)/iu, '$1').replace(/\bof\s+/iu, ''));
      if (d) return d;
    }
  }
  return null;
}

/** `furniture` says what is no part of the article (the import knows better than isBoilerplate once Readability has found it). */
export function pageMeta(root: HtmlElement, furniture: Furniture = isBoilerplate): PageMeta {
  const meta = new Map<string, string>();
  for (const el of findAll(root, (e) => e.tag === 'meta')) {
    const key = (el.attrs.get('property') ?? el.attrs.get('name') ?? el.attrs.get('itemprop') ?? '').toLowerCase();
    const content = el.attrs.get('content')?.trim();
    if (key && content && !meta.has(key)) meta.set(key, content);
  }
  const ldObjects = jsonLdObjects(root);
  const ld = articleLd(ldObjects);
  const titleEl = find(root, (e) => e.tag === 'title');
  const canonical = find(root, (e) => e.tag === 'link' && /\bcanonical\b/iu.test(e.attrs.get('rel') ?? ''));

  const title = meta.get('og:title') ?? nameOf(ld?.headline) ?? meta.get('twitter:title') ?? (titleEl ? textContent(titleEl) : null) ?? null;
  const metaOf = (...keys: string[]) => keys.map((k) => meta.get(k)).find((v) => v !== undefined);
  const content = contentRoot(root, furniture);
  // Each found once, when first needed: a big page is walked as few times as possible.
  let itemprops: HtmlElement[] | null = null;
  const itemprop = (name: string) => {
    itemprops ??= findAll(root, (e) => e.tag !== 'meta' && e.attrs.has('itemprop'));
    const el = itemprops.find((e) => e.attrs.get('itemprop')!.toLowerCase() === name && !hidden(e, furniture));
    return el ? elementDate(el) : null;
  };
  let times: ReturnType<typeof timeDate> | null = null;
  const time = () => (times ??= timeDate(content, furniture));
  // Lazily, in order: the published date from wherever the page writes it, then the modified one.
  const candidates: [() => unknown, string][] = [
    [() => metaOf('article:published_time', 'og:article:published_time', 'article:published'), 'meta'],
    [() => ldDate(ldObjects, ld, 'datePublished'), 'json-ld'],
    [
      () =>
        metaOf('date', 'pubdate', 'publishdate', 'publish-date', 'publish_date', 'dc.date', 'dc.date.issued', 'dcterms.issued', 'dcterms.date', 'datepublished', 'citation_publication_date', 'citation_date', 'parsely-pub-date', 'sailthru.date'),
      'meta',
    ],
    [() => itemprop('datepublished'), 'microdata'],
    [() => ldDate(ldObjects, ld, 'dateCreated'), 'json-ld'],
    [() => time().published, 'html-time'],
    [() => datelineDate(content, furniture), 'dateline'],
    [() => metaOf('article:modified_time', 'og:updated_time', 'dcterms.modified', 'dc.date.modified', 'last-modified'), 'meta'],
    [() => ldDate(ldObjects, ld, 'dateModified'), 'json-ld'],
    [() => itemprop('datemodified') ?? time().modified, 'html-time'],
  ];
  let date: string | null = null;
  let dateSource: string | null = null;
  for (const [value, source] of candidates) {
    const d = normalizeDate(value());
    if (d) {
      date = d;
      dateSource = source;
      break;
    }
  }
  const author = meta.get('author') ?? nameOf(ld?.author) ?? meta.get('article:author') ?? meta.get('dc.creator') ?? null;
  const outlet = meta.get('og:site_name') ?? nameOf(ld?.publisher) ?? meta.get('application-name') ?? null;
  const url = canonical?.attrs.get('href') ?? meta.get('og:url') ?? (typeof ld?.url === 'string' ? ld.url : null) ?? null;
  const htmlEl = find(root, (e) => e.tag === 'html');
  const language = htmlEl?.attrs.get('lang')?.split(/[-_]/u)[0]?.toLowerCase() || null;
  return { title: title || null, date, dateSource, author: author && !/^https?:/u.test(author) ? author : null, outlet, url, language };
}
