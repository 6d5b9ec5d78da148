// The items of an RSS 2.0, RSS 1.0 (RDF) or Atom feed, read from its XML tree: title, link, date,
// author, outlet and the text of its content, with HTML (escaped or in CDATA) rendered as text.
import { htmlToText } from './html-to-text.ts';
import { normalizeDate } from './normalize-date.ts';
import { elements, textOf, type XmlElement, type XmlNode } from './parse-xml.ts';

const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  atom03: 'http://purl.org/atom/ns#',
  rss1: 'http://purl.org/rss/1.0/',
  rss090: 'http://my.netscape.com/rdf/simple/0.9/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  media: 'http://search.yahoo.com/mrss/',
  itunes: 'http://www.itunes.com/dtds/podcast-1.0.dtd',
} as const;

export type FeedKind = 'rss' | 'rdf' | 'atom';

export interface FeedItem {
  element: XmlElement;
  title: string;
  body: string;
  date: string | null;
  author: string | null;
  url: string | null;
  outlet: string | null;
}

export interface Feed {
  kind: FeedKind;
  title: string | null;
  items: FeedItem[];
}

/** Which feed the root element is, or null when it is none. */
export function feedKind(root: XmlElement): FeedKind | null {
  if (root.local === 'rss' && root.ns === '') return 'rss';
  if (root.local === 'feed' && (root.ns === NS.atom || root.ns === NS.atom03)) return 'atom';
  if (root.local === 'RDF' && root.ns === NS.rdf && elements(root).some((e) => e.ns === NS.rss1 || e.ns === NS.rss090)) return 'rdf';
  return null;
}

const child = (el: XmlElement, ns: string, local: string) => elements(el).find((e) => e.ns === ns && e.local === local) ?? null;
const children = (el: XmlElement, ns: string, local: string) => elements(el).filter((e) => e.ns === ns && e.local === local);
/** An attribute by its local name, whatever prefix the file wrote it with. */
const attr = (el: XmlElement, local: string) => {
  for (const [key, value] of el.attrs) if (key === local || key.endsWith(`:${local}`)) return value;
  return null;
};

/** Plain text as a paragraph-keeping body: lines trimmed, runs of blank lines as one. */
function plain(s: string): string {
  return s
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v\u00a0]+/gu, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/gu, ' ').trim();
/** RSS leaves it to the reader whether a field holds HTML: treat it as HTML when it has markup. */
const rich = (el: XmlElement | null) => (el ? plain(htmlToText(textOf(el))) : '');

/** XHTML content written as XML elements, back as HTML markup for the text renderer. */
function serialize(nodes: XmlNode[]): string {
  const escape = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
  return nodes
    .map((n) => {
      if (typeof n === 'string') return escape(n);
      const attrs = [...n.attrs].filter(([k]) => !k.startsWith('xmlns')).map(([k, v]) => ` ${k}="${escape(v).replace(/"/gu, '&quot;')}"`);
      return `<${n.local}${attrs.join('')}>${serialize(n.children)}</${n.local}>`;
    })
    .join('');
}

/** An Atom text construct (title, summary, content) by its type: text, escaped html or inline xhtml. */
function atomText(el: XmlElement | null): string {
  // Out-of-line content (src) and Atom 0.3's base64 mode hold no text to read here.
  if (!el || attr(el, 'src') !== null || attr(el, 'mode') === 'base64') return '';
  const type = (attr(el, 'type') ?? 'text').toLowerCase();
  if (type === 'xhtml' || type.includes('xml')) {
    const inner = elements(el);
    const div = inner.length === 1 && inner[0]!.local === 'div' ? inner[0]!.children : el.children;
    return plain(htmlToText(serialize(div)));
  }
  if (type === 'html' || type.includes('html')) return plain(htmlToText(textOf(el)));
  if (type === 'text' || type.startsWith('text/')) return plain(textOf(el));
  // Base64 media or another type: not text to read.
  return '';
}

/** An absolute http(s) URL, relative ones resolved against the feed's own link. */
function absoluteUrl(href: string | null | undefined, base: string | null): string | null {
  const h = href?.trim();
  if (!h) return null;
  try {
    const url = new URL(h, base ?? undefined);
    return /^https?:$/u.test(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** The alternate (reading) link of an Atom element: rel="alternate" or no rel, HTML first. */
function atomLink(el: XmlElement, ns: string): string | null {
  const links = children(el, ns, 'link').filter((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate');
  const best = links.find((l) => /html/iu.test(attr(l, 'type') ?? 'text/html')) ?? links[0];
  return best ? attr(best, 'href') : null;
}

const unique = (names: string[]) => [...new Set(names.map((n) => oneLine(n)).filter(Boolean))].join(', ') || null;

/** RSS 2.0 writes an author as "email (Name)": the name is what a reader wants. */
function rssAuthor(s: string): string {
  const m = /^\S+@\S+\s*\((.+)\)\s*$/u.exec(s.trim());
  return m ? m[1]!.trim() : htmlToText(s);
}

/** Video and podcast feeds (Media RSS, iTunes) describe an item there when it has no content. */
function mediaText(item: XmlElement): string {
  const group = child(item, NS.media, 'group');
  const el = child(item, NS.media, 'description') ?? (group && child(group, NS.media, 'description')) ?? child(item, NS.itunes, 'summary');
  if (!el) return '';
  return attr(el, 'type') === 'html' ? rich(el) : plain(textOf(el));
}

function dateOf(...candidates: (XmlElement | null)[]): string | null {
  for (const el of candidates) {
    const date = el ? normalizeDate(oneLine(textOf(el))) : null;
    if (date) return date;
  }
  return null;
}

function readRss(root: XmlElement, kind: 'rss' | 'rdf'): Feed {
  const ns = kind === 'rss' ? '' : (elements(root).find((e) => e.ns === NS.rss1 || e.ns === NS.rss090)?.ns ?? NS.rss1);
  const channel = child(root, ns, 'channel');
  const title = channel ? oneLine(rich(child(channel, ns, 'title'))) || null : null;
  const channelLink = channel ? child(channel, ns, 'link') : null;
  const base = absoluteUrl(channelLink ? textOf(channelLink) : null, null);
  // RSS 2.0 keeps items in the channel (a few old feeds beside it); RSS 1.0 beside it, under rdf:RDF.
  const inChannel = kind === 'rss' && channel ? children(channel, ns, 'item') : [];
  const list = inChannel.length > 0 ? inChannel : children(root, ns, 'item');
  const items = list.map((item): FeedItem => {
    const guid = child(item, ns, 'guid');
    // A guid (or rdf:about) is an identifier first: the link only when it is a whole URL by itself.
    const permalink = guid && attr(guid, 'isPermaLink') !== 'false' ? textOf(guid) : null;
    const link = child(item, ns, 'link');
    const authors = [...children(item, ns, 'author').map((a) => rssAuthor(textOf(a))), ...children(item, NS.dc, 'creator').map((a) => htmlToText(textOf(a)))];
    for (const a of children(item, NS.atom, 'author')) authors.push(textOf(child(a, NS.atom, 'name') ?? a));
    const source = child(item, ns, 'source');
    return {
      element: item,
      title: oneLine(rich(child(item, ns, 'title'))),
      body: rich(child(item, NS.content, 'encoded')) || rich(child(item, ns, 'description')) || rich(child(item, NS.dc, 'description')) || mediaText(item),
      date: dateOf(child(item, ns, 'pubDate'), child(item, NS.dc, 'date'), child(item, NS.atom, 'published'), child(item, NS.atom, 'updated')),
      author: unique(authors),
      url: absoluteUrl(link ? textOf(link) : null, base) ?? absoluteUrl(permalink, null) ?? absoluteUrl(attr(item, 'about'), null) ?? absoluteUrl(atomLink(item, NS.atom), base),
      outlet: source ? oneLine(textOf(source)) || null : null,
    };
  });
  return { kind, title, items };
}

function readAtom(root: XmlElement): Feed {
  const ns = root.ns;
  const names = (el: XmlElement | null) => (el ? children(el, ns, 'author').map((a) => textOf(child(a, ns, 'name') ?? a)) : []);
  const title = oneLine(atomText(child(root, ns, 'title'))) || null;
  const base = absoluteUrl(attr(root, 'base'), null) ?? absoluteUrl(atomLink(root, ns), null);
  const feedAuthors = names(root);
  const items = children(root, ns, 'entry').map((entry): FeedItem => {
    const source = child(entry, ns, 'source');
    // An entry without an author has its source's or the feed's (RFC 4287, 4.2.1).
    const authors = names(entry).length > 0 ? names(entry) : names(source).length > 0 ? names(source) : feedAuthors;
    return {
      element: entry,
      title: oneLine(atomText(child(entry, ns, 'title'))),
      body: atomText(child(entry, ns, 'content')) || atomText(child(entry, ns, 'summary')) || mediaText(entry),
      date: dateOf(child(entry, ns, 'published'), child(entry, ns, 'issued'), child(entry, ns, 'updated'), child(entry, ns, 'modified'), child(entry, NS.dc, 'date')),
      author: unique(authors),
      url: absoluteUrl(atomLink(entry, ns), absoluteUrl(attr(entry, 'base'), base) ?? base),
      outlet: source ? oneLine(atomText(child(source, ns, 'title'))) || null : null,
    };
  });
  return { kind: 'atom', title, items };
}

export function readFeed(root: XmlElement, kind: FeedKind): Feed {
  return kind === 'atom' ? readAtom(root) : readRss(root, kind);
}
