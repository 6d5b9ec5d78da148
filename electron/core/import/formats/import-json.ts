// JSON and JSONL scraper output: arrays of records, objects keyed by id, JSON Feed, and records
// nested under data/items/posts/articles/... One entry per record.
import { ImportRejection } from '../types.ts';
import type { FormatResult } from './format-result.ts';
import { asText, type FlatRecord } from './map-fields.ts';
import { recordsToDocument } from './record-entries.ts';

const CONTAINER_KEYS = ['items', 'data', 'posts', 'articles', 'entries', 'results', 'records', 'docs', 'documents', 'stories', 'messages', 'hits', 'rows', 'nodes', 'children', 'response'];
const RECORD_KEYS = /^(title|headline|text|content|body|content_html|content_text|description|message|selftext|summary|article)$/iu;

const isObject = (v: unknown): v is FlatRecord => !!v && typeof v === 'object' && !Array.isArray(v);

function looksLikeRecord(o: FlatRecord): boolean {
  return Object.keys(o).some((k) => RECORD_KEYS.test(k));
}

/** Unwraps Elasticsearch-style {_source: {...}} and Reddit-style {kind, data: {...}} records. */
function unwrap(o: FlatRecord): FlatRecord {
  if (isObject(o._source)) return o._source;
  if (isObject(o.data) && looksLikeRecord(o.data) && !looksLikeRecord(o)) return o.data;
  if (isObject(o.node) && looksLikeRecord(o.node)) return o.node;
  return o;
}

/** Finds the list of records in whatever shape the scraper wrote. */
export function findRecords(value: unknown, depth = 0): FlatRecord[] | null {
  if (depth > 4) return null;
  if (Array.isArray(value)) {
    const objects = value.filter(isObject).map(unwrap);
    if (objects.length > 0 && objects.some(looksLikeRecord)) return objects;
    for (const v of value) {
      const inner = findRecords(v, depth + 1);
      if (inner) return inner;
    }
    return null;
  }
  if (!isObject(value)) return null;
  for (const key of CONTAINER_KEYS) {
    const inner = value[key];
    if (inner === undefined) continue;
    const found = findRecords(inner, depth + 1);
    if (found) return found;
  }
  const values = Object.values(value);
  // An object keyed by id: { "101": {...}, "102": {...} }
  if (values.length > 0 && values.every(isObject) && values.map(unwrap).some(looksLikeRecord)) return values.map(unwrap);
  if (looksLikeRecord(value)) return [value];
  for (const v of values) {
    if (!isObject(v) && !Array.isArray(v)) continue;
    const found = findRecords(v, depth + 1);
    if (found) return found;
  }
  return null;
}

/** "line 3, column 7" for a parse error position. */
function where(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const pos = /position (\d+)/u.exec(message);
  if (!pos) return 'it is not valid JSON';
  const offset = Number(pos[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `it is not valid JSON (error at line ${line}, column ${column})`;
}

function finish(records: FlatRecord[] | null, format: 'json' | 'jsonl', outlet: string | null): FormatResult {
  if (!records || records.length === 0) {
    throw new ImportRejection('Quire found no articles in this JSON file: it expected records with fields such as title, text, content or body.');
  }
  const doc = recordsToDocument(records, { outlet });
  if (doc.entries.length === 0) throw new ImportRejection('The records in this JSON file have no title or text to import.');
  const warnings = doc.skipped > 0 ? [`${doc.skipped} record(s) had no title or text and were skipped.`] : [];
  return { format, text: doc.text, header: null, entries: doc.entries, warnings };
}

export function importJson(text: string): FormatResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ImportRejection(`Quire could not read this JSON file: ${where(text, error)}.`);
  }
  // JSON Feed and RSS-to-JSON: the feed's title names the outlet.
  const outlet = isObject(value) && Array.isArray(value.items) ? asText(value.title) || null : null;
  return finish(findRecords(value), 'json', outlet);
}

export function importJsonl(text: string): FormatResult {
  const records: FlatRecord[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new ImportRejection(`Quire could not read this JSON Lines file: line ${i + 1} is not valid JSON.`);
    }
    if (isObject(value)) records.push(unwrap(value));
    else if (Array.isArray(value)) records.push(...(findRecords(value) ?? []));
  });
  return finish(records, 'jsonl', null);
}
