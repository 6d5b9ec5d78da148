// RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one entry per item, each pointing at its item's element
// in the decoded file. The channel's title is the outlet of items that name none of their own.
import type { EntryDraft } from '../types.ts';
import { ImportRejection } from '../types.ts';
import { EXTRACTORS } from './extractors.ts';
import { feedKind, readFeed } from './feed-items.ts';
import type { FormatResult } from './format-result.ts';
import { renderRecord } from './map-fields.ts';
import { parseXml, XmlSyntaxError, type XmlElement, xmlPath } from './parse-xml.ts';

const NAMES = { rss: 'RSS feed', rdf: 'RSS 1.0 feed', atom: 'Atom feed' } as const;

function parse(text: string): XmlElement {
  try {
    return parseXml(text);
  } catch (error) {
    if (!(error instanceof XmlSyntaxError)) throw error;
    throw new ImportRejection(
      `Quire could not read this feed: its XML is malformed at line ${error.line}, column ${error.column} (${error.reason}). Nothing was imported; a feed saved again in full from its address, or repaired at that spot, would import.`,
    );
  }
}

export function importFeed(text: string): FormatResult {
  const root = parse(text);
  const kind = feedKind(root);
  if (!kind) {
    throw new ImportRejection(`This XML file is not an RSS or Atom feed (its top element is <${root.name}>); Quire reads feeds whose top element is <rss>, an Atom <feed> or an RSS 1.0 <rdf:RDF>.`);
  }
  const feed = readFeed(root, kind);
  const name = NAMES[kind];
  if (feed.items.length === 0) {
    throw new ImportRejection(`This feed has no items: the ${name}${feed.title ? ` “${feed.title}”` : ''} holds no ${kind === 'atom' ? '<entry>' : '<item>'} elements, so there is nothing to import.`);
  }
  const parts: string[] = [];
  const entries: EntryDraft[] = [];
  let at = 0;
  let skipped = 0;
  for (const item of feed.items) {
    if (!item.title && !item.body) {
      skipped++;
      continue;
    }
    const record = { title: item.title, body: item.body, date: item.date, author: item.author, outlet: item.outlet ?? feed.title, url: item.url };
    const rendered = renderRecord(record);
    if (parts.length > 0) at += 2;
    // The rendered record ends with its body; an item without one stands as its title.
    const body = item.body || item.title;
    const bodyStart = item.body ? at + rendered.length - item.body.length : at;
    entries.push({
      ...record,
      body,
      dateSource: item.date ? 'field' : null,
      start: at,
      end: at + rendered.length,
      bodyStart,
      bodyEnd: bodyStart + body.length,
      locator: { kind: 'feed', extractor: EXTRACTORS.feed, path: xmlPath(item.element), start: item.element.start, end: item.element.end },
    });
    parts.push(rendered);
    at += rendered.length;
  }
  if (entries.length === 0) throw new ImportRejection(`The items of this ${name} have no title or text to import.`);
  const warnings = skipped > 0 ? [`${skipped} item(s) of this feed had no title or text and were skipped.`] : [];
  return { format: 'feed', text: parts.join('\n\n'), header: null, entries, warnings };
}
