// Maps a scraped record (a JSON object or a CSV row) to an entry: the usual field names for
// title, text, date, author, outlet and URL, whatever the scraper called them.
import { htmlToText } from './html-to-text.ts';
import { normalizeDate } from './normalize-date.ts';

export type RecordValue = unknown;
export type FlatRecord = Record<string, RecordValue>;

const FIELDS = {
  title: ['title', 'headline', 'subject', 'heading', 'name_of_article', 'post_title'],
  body: ['content_text', 'text', 'content', 'body', 'content_html', 'body_html', 'article', 'article_body', 'articlebody', 'full_text', 'fulltext', 'message', 'selftext', 'post_content', 'description', 'summary', 'caption', 'excerpt'],
  date: ['date', 'published', 'published_at', 'publishedat', 'date_published', 'datepublished', 'pubdate', 'publish_date', 'publication_date', 'created_at', 'createdat', 'created', 'created_utc', 'timestamp', 'time', 'datetime', 'date_created', 'posted', 'posted_at', 'updated_at', 'date_modified'],
  author: ['author', 'authors', 'by', 'creator', 'byline', 'author_name', 'user', 'username', 'screen_name', 'from', 'writer'],
  url: ['url', 'link', 'permalink', 'href', 'external_url', 'source_url', 'canonical_url', 'web_url'],
  outlet: ['outlet', 'site_name', 'sitename', 'publisher', 'source', 'site', 'publication', 'newspaper', 'feed', 'channel', 'domain'],
} as const;

export interface MappedRecord {
  title: string;
  body: string;
  date: string | null;
  author: string | null;
  outlet: string | null;
  url: string | null;
}

/** A value as text: lists joined, {name}/{rendered}/{text} objects unwrapped. */
export function asText(value: RecordValue, separator = ', '): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((v) => asText(v, separator)).filter(Boolean).join(separator);
  if (typeof value === 'object') {
    const o = value as FlatRecord;
    for (const key of ['rendered', 'name', 'text', 'value', 'title', 'display_name', 'username']) {
      if (key in o) return asText(o[key], separator);
    }
  }
  return '';
}

function lookup(record: FlatRecord): (names: readonly string[]) => { key: string; value: RecordValue } | null {
  const byLower = new Map<string, string>();
  for (const key of Object.keys(record)) byLower.set(key.toLowerCase().replace(/[\s-]+/gu, '_'), key);
  return (names) => {
    for (const name of names) {
      const key = byLower.get(name);
      if (key === undefined) continue;
      const value = record[key];
      if (asText(value, ' ') !== '') return { key, value };
    }
    return null;
  };
}

export function mapRecord(record: FlatRecord): MappedRecord {
  const get = lookup(record);
  const bodyField = get(FIELDS.body);
  const rawBody = bodyField ? asText(bodyField.value, '\n\n') : '';
  const body = /html/iu.test(bodyField?.key ?? '') || /<(p|br|div|a|span|em|strong|b|i|ul|li|h\d)\b[^>]*>/iu.test(rawBody) ? htmlToText(rawBody) : rawBody;
  const dateField = get(FIELDS.date);
  const dateValue = dateField ? dateField.value : null;
  const date = typeof dateValue === 'number' ? normalizeDate(dateValue) : normalizeDate(asText(dateValue));
  const url = get(FIELDS.url);
  const outlet = get(FIELDS.outlet);
  const author = get(FIELDS.author);
  const urlText = url ? asText(url.value) : '';
  return {
    title: htmlToText(asText(get(FIELDS.title)?.value ?? '')),
    body,
    date,
    author: author ? asText(author.value) || null : null,
    outlet: outlet && !/^https?:/u.test(asText(outlet.value)) ? asText(outlet.value) || null : null,
    url: /^(https?:|www\.)/u.test(urlText) ? urlText : null,
  };
}

/** How a record reads in the stored text: title, a byline, the link, then the body. */
export function renderRecord(r: MappedRecord): string {
  const byline = [r.date, r.author, r.outlet].filter(Boolean).join(' · ');
  return [r.title, byline, r.url ?? '', r.body ? `\n${r.body}` : ''].filter(Boolean).join('\n').trim();
}
