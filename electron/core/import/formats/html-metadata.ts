// Title, date, author, outlet and URL of a page, from <meta> tags, JSON-LD and <title>.
import { find, findAll, type HtmlElement, textContent } from './html-tree.ts';
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

/** The JSON-LD object describing the page's article, if any. */
function jsonLd(root: HtmlElement): Json | null {
  const objects: Json[] = [];
  const collect = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === 'object') {
      const o = v as Json;
      objects.push(o);
      if (o['@graph']) collect(o['@graph']);
    }
  };
  for (const script of findAll(root, (el) => el.tag === 'script' && /ld\+json/iu.test(el.attrs.get('type') ?? ''))) {
    const raw = script.children.filter((c) => typeof c === 'string').join('');
    try {
      collect(JSON.parse(raw));
    } catch {
      // A broken JSON-LD block is ignored; the meta tags still count.
    }
  }
  const typeOf = (o: Json) => [o['@type']].flat().join(' ');
  return objects.find((o) => o.headline && ARTICLE_TYPES.test(typeOf(o))) ?? objects.find((o) => o.headline || o.datePublished) ?? null;
}

export function pageMeta(root: HtmlElement): PageMeta {
  const meta = new Map<string, string>();
  for (const el of findAll(root, (e) => e.tag === 'meta')) {
    const key = (el.attrs.get('property') ?? el.attrs.get('name') ?? el.attrs.get('itemprop') ?? '').toLowerCase();
    const content = el.attrs.get('content')?.trim();
    if (key && content && !meta.has(key)) meta.set(key, content);
  }
  const ld = jsonLd(root);
  const titleEl = find(root, (e) => e.tag === 'title');
  const canonical = find(root, (e) => e.tag === 'link' && /\bcanonical\b/iu.test(e.attrs.get('rel') ?? ''));

  const title = meta.get('og:title') ?? nameOf(ld?.headline) ?? meta.get('twitter:title') ?? (titleEl ? textContent(titleEl) : null) ?? null;
  let date: string | null = null;
  let dateSource: string | null = null;
  for (const [value, source] of [
    [meta.get('article:published_time'), 'meta'],
    [ld?.datePublished, 'json-ld'],
    [meta.get('date') ?? meta.get('pubdate') ?? meta.get('publishdate') ?? meta.get('dc.date') ?? meta.get('dc.date.issued') ?? meta.get('datepublished'), 'meta'],
    [ld?.dateCreated, 'json-ld'],
  ] as const) {
    const d = normalizeDate(value);
    if (d) {
      date = d;
      dateSource = source;
      break;
    }
  }
  if (!date) {
    const time = find(root, (e) => e.tag === 'time' && !!e.attrs.get('datetime'));
    date = normalizeDate(time?.attrs.get('datetime'));
    if (date) dateSource = 'html-time';
  }
  const author = meta.get('author') ?? nameOf(ld?.author) ?? meta.get('article:author') ?? meta.get('dc.creator') ?? null;
  const outlet = meta.get('og:site_name') ?? nameOf(ld?.publisher) ?? meta.get('application-name') ?? null;
  const url = canonical?.attrs.get('href') ?? meta.get('og:url') ?? (typeof ld?.url === 'string' ? ld.url : null) ?? null;
  const htmlEl = find(root, (e) => e.tag === 'html');
  const language = htmlEl?.attrs.get('lang')?.split(/[-_]/u)[0]?.toLowerCase() || null;
  return { title: title || null, date, dateSource, author: author && !/^https?:/u.test(author) ? author : null, outlet, url, language };
}
