// Maps a scraped record (a JSON object or a CSV row) to an entry: the usual field names for
// title, text, date, author, outlet and URL, whatever the scraper called them (schema.org,
// news extractors, localised `title_fa`/`title_en` pairs), or the fields the user named.
import type { FieldMap, MappedField } from '../../../../shared/field-map.ts';
import { guessLanguage } from '../detect-script.ts';
import { fieldText } from './field-text.ts';
import { normalizeDate } from './normalize-date.ts';

export type RecordValue = unknown;
export type FlatRecord = Record<string, RecordValue>;

// Names as lookup() folds them: lower case, spaces and hyphens as `_` (schema.org's
// `articleBody` is `articlebody`). Earlier names win; each name's localised variants (`title_fa`)
// come right after it.
const FIELDS = {
  title: ['title', 'headline', 'subject', 'heading', 'name_of_article', 'post_title', 'title_page', 'title_rss', 'alternativeheadline'],
  body: ['content_text', 'text', 'content', 'body', 'maintext', 'main_text', 'content_html', 'body_html', 'article', 'article_body', 'articlebody', 'full_text', 'fulltext', 'message', 'selftext', 'post_content', 'description', 'summary', 'abstract', 'caption', 'excerpt', 'lead'],
  date: ['date', 'published', 'published_at', 'publishedat', 'date_published', 'datepublished', 'date_publish', 'pubdate', 'publish_date', 'publication_date', 'created_at', 'createdat', 'created', 'created_utc', 'timestamp', 'time', 'datetime', 'date_created', 'datecreated', 'posted', 'posted_at', 'date_raw', 'updated_at', 'date_modified', 'datemodified', 'date_modify'],
  author: ['author', 'authors', 'by', 'creator', 'byline', 'author_name', 'user', 'username', 'screen_name', 'from', 'writer'],
  url: ['url', 'link', 'permalink', 'href', 'external_url', 'source_url', 'canonical_url', 'web_url'],
  outlet: ['outlet', 'site_name', 'sitename', 'publisher', 'source', 'site', 'publication', 'newspaper', 'feed', 'channel', 'domain', 'source_domain'],
} as const satisfies Record<MappedField, readonly string[]>;

/** Fields whose `_xx` variants are read as the same field in language xx. */
const LOCALISED: ReadonlySet<MappedField> = new Set(['title', 'body']);

// ISO 639-1 (without `id`, which as a suffix nearly always means an identifier) and Sorani.
const LANGUAGES = new Set(
  ('aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ' +
    'ha he hi ho hr ht hu hy hz ia ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my ' +
    'na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ' +
    'ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu ckb').split(' '),
);
const LOCALISED_KEY = [/^(.+?)_([a-z]{2,3})_(?:[a-z]{2}|[a-z]{4})$/u, /^(.+)_([a-z]{2,3})$/u];
const LANGUAGE_HINTS = ['language', 'lang', 'inlanguage', 'in_language', 'locale'];

export interface MappedRecord {
  title: string;
  body: string;
  date: string | null;
  author: string | null;
  outlet: string | null;
  url: string | null;
}

/** A mapped record, the source field each entry field came from, and the user's fields it lacked. */
export interface MappingResult {
  mapped: MappedRecord;
  fields: FieldMap;
  /** Fields of the user's mapping that this record has no value for (left empty). */
  missing: MappedField[];
  /** Fields of the user's mapping whose value could not be read (a date that is not a date). */
  unreadable: MappedField[];
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

const fold = (key: string) => key.toLowerCase().replace(/[\s-]+/gu, '_');

interface KeyInfo {
  name: string;
  /** `title_fa`: the base name `title` and the language `fa`. */
  localised: { base: string; language: string } | null;
}

// Records of one file share their keys: each is parsed once (bounded, for files of ever-new keys).
const keyInfos = new Map<string, KeyInfo>();
function keyInfo(key: string): KeyInfo {
  let info = keyInfos.get(key);
  if (info) return info;
  const name = fold(key);
  info = { name, localised: null };
  for (const pattern of LOCALISED_KEY) {
    const m = pattern.exec(name);
    if (m && LANGUAGES.has(m[2]!)) {
      info.localised = { base: m[1]!, language: m[2]! };
      break;
    }
  }
  if (keyInfos.size >= 10_000) keyInfos.clear();
  keyInfos.set(key, info);
  return info;
}

interface Found {
  key: string;
  value: RecordValue;
}

/** The record's keys by folded name, and its localised keys by folded base name. */
class RecordKeys {
  private readonly byName = new Map<string, string>();
  private readonly localised = new Map<string, { key: string; language: string }[]>();

  private readonly record: FlatRecord;

  constructor(record: FlatRecord) {
    this.record = record;
    for (const key of Object.keys(record)) {
      const { name, localised } = keyInfo(key);
      if (!this.byName.has(name)) this.byName.set(name, key);
      if (!localised) continue;
      const list = this.localised.get(localised.base) ?? [];
      list.push({ key, language: localised.language });
      this.localised.set(localised.base, list);
    }
  }

  /**
   * The first of `names` with a usable value (text, and whatever `usable` asks of it). A name's
   * localised variants come right after it: the one in `language()` when there are several, else
   * the first present.
   */
  find(names: readonly string[], options: { localised?: boolean; language?: () => string | null; usable?: (value: RecordValue) => boolean } = {}): Found | null {
    const usable = (value: RecordValue) => asText(value, ' ') !== '' && (!options.usable || options.usable(value));
    for (const name of names) {
      const key = this.byName.get(name);
      if (key !== undefined && usable(this.record[key])) return { key, value: this.record[key] };
      if (!options.localised) continue;
      const variants = (this.localised.get(name) ?? []).filter((v) => /\p{L}/u.test(asText(this.record[v.key], ' ')) && usable(this.record[v.key]));
      if (variants.length === 0) continue;
      const language = variants.length > 1 && options.language ? options.language() : null;
      const chosen = variants.find((v) => v.language === language) ?? variants[0]!;
      return { key: chosen.key, value: this.record[chosen.key] };
    }
    return null;
  }

  /** The field the user named: the key as written, else as folded, else a dotted path (`author.name`). */
  named(name: string): Found | null {
    const key = Object.hasOwn(this.record, name) ? name : this.byName.get(fold(name));
    let value: RecordValue = key === undefined ? undefined : this.record[key];
    if (key === undefined && name.includes('.')) {
      value = name.split('.').reduce<RecordValue>((v, part) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as FlatRecord)[part] : undefined), this.record);
    }
    return asText(value, ' ') === '' ? null : { key: key ?? name, value };
  }

  /** The language the record says it is in (`language: "fa-IR"`), if any. */
  languageHint(): string | null {
    const found = this.find(LANGUAGE_HINTS);
    const m = found ? /^([a-z]{2,3})(?:[-_]|$)/iu.exec(asText(found.value)) : null;
    return m ? m[1]!.toLowerCase() : null;
  }
}

const isLink = (text: string) => /^(https?:|www\.)/u.test(text);
const readDate = (value: RecordValue) => (typeof value === 'number' ? normalizeDate(value) : normalizeDate(asText(value)));

/** Whether a record has a field that can give an entry a title or a text. */
export function hasTextField(record: FlatRecord, fieldMap: FieldMap = {}): boolean {
  const keys = new RecordKeys(record);
  if ((fieldMap.title && keys.named(fieldMap.title)) || (fieldMap.body && keys.named(fieldMap.body))) return true;
  return keys.find(FIELDS.title, { localised: true }) !== null || keys.find(FIELDS.body, { localised: true }) !== null;
}

export function mapRecord(record: FlatRecord, fieldMap: FieldMap = {}): MappingResult {
  const keys = new RecordKeys(record);
  const fields: FieldMap = {};
  const missing: MappedField[] = [];
  const unreadable: MappedField[] = [];
  // The language the record says it is in, else (once the body is read, and only when a record has
  // several localised titles to choose from) the body's.
  const hint = keys.languageHint();
  let bodyText = '';
  let guessed: string | null | undefined;
  const language = () => hint ?? (bodyText ? (guessed === undefined ? (guessed = guessLanguage(bodyText)) : guessed) : null);
  // Quire's choice skips a value it cannot use (a date that is no date) for the next candidate; the user's is kept.
  const get = (field: MappedField, usable?: (value: RecordValue) => boolean): Found | null => {
    const named = fieldMap[field];
    const found = named === undefined ? keys.find(FIELDS[field], { localised: LOCALISED.has(field), language, usable }) : keys.named(named);
    if (found) fields[field] = found.key;
    else if (named !== undefined) missing.push(field);
    return found;
  };
  // The body first: its language picks among localised titles when the record does not say.
  const bodyField = get('body');
  const rawBody = bodyField ? asText(bodyField.value, '\n\n') : '';
  // Every text field through fieldText (field-text.ts): tags stripped and entities decoded alike.
  const body = /html/iu.test(bodyField?.key ?? '') ? fieldText(rawBody, 'text', true) : fieldText(rawBody, 'text');
  bodyText = body;
  const titleField = get('title');
  const dateField = get('date', (v) => readDate(v) !== null);
  const date = dateField ? readDate(dateField.value) : null;
  if (dateField && !date && fieldMap.date !== undefined) unreadable.push('date');
  const url = get('url', (v) => isLink(asText(v)));
  const outlet = get('outlet', (v) => !/^https?:/u.test(asText(v)));
  const author = get('author');
  const urlText = url ? asText(url.value) : '';
  const outletText = outlet ? fieldText(asText(outlet.value), 'line') : '';
  const mapped: MappedRecord = {
    title: fieldText(asText(titleField?.value ?? ''), 'line'),
    body,
    date,
    author: author ? fieldText(asText(author.value), 'line') || null : null,
    outlet: outletText && !/^https?:/u.test(outletText) ? outletText : null,
    url: isLink(urlText) ? urlText : null,
  };
  // A field whose value was not used (a date that is no date, an outlet that is a link) filled nothing.
  for (const field of ['date', 'outlet', 'url'] as const) if (mapped[field] === null) delete fields[field];
  return { mapped, fields, missing, unreadable };
}

/** How a record reads in the stored text: title, a byline, the link, then the body. */
export function renderRecord(r: MappedRecord): string {
  const byline = [r.date, r.author, r.outlet].filter(Boolean).join(' · ');
  return [r.title, byline, r.url ?? '', r.body ? `\n${r.body}` : ''].filter(Boolean).join('\n').trim();
}
