// JSON and JSONL scraper output: arrays of records, objects keyed by id, JSON Feed, and records
// nested under data/items/posts/articles/... One entry per record.
import type { FieldMap } from '../../../../shared/field-map.ts';
import { ImportRejection, NothingToImport } from '../types.ts';
import { EXTRACTORS } from './extractors.ts';
import type { FormatResult } from './format-result.ts';
import { fieldText } from './field-text.ts';
import { jsonContainerSpans, pointerToken } from './json-spans.ts';
import { asText, hasTextField, type FlatRecord } from './map-fields.ts';
import { recordsToDocument } from './record-entries.ts';

const CONTAINER_KEYS = ['items', 'data', 'posts', 'articles', 'entries', 'results', 'records', 'docs', 'documents', 'stories', 'messages', 'hits', 'rows', 'nodes', 'children', 'response'];

const isObject = (v: unknown): v is FlatRecord => !!v && typeof v === 'object' && !Array.isArray(v);

/** A record has a field that gives a title or a text, in any vocabulary map-fields.ts reads, or one the user's mapping names. */
const looksLikeRecord = (o: FlatRecord, fieldMap: FieldMap): boolean => hasTextField(o, fieldMap);

/** Unwraps Elasticsearch-style {_source: {...}} and Reddit-style {kind, data: {...}} records. */
function unwrap(o: FlatRecord, fieldMap: FieldMap): FlatRecord {
  if (isObject(o._source)) return o._source;
  if (isObject(o.data) && looksLikeRecord(o.data, fieldMap) && !looksLikeRecord(o, fieldMap)) return o.data;
  if (isObject(o.node) && looksLikeRecord(o.node, fieldMap)) return o.node;
  return o;
}

/** A record and the RFC 6901 pointer of the value the scraper wrote it as (before unwrapping). */
export interface FoundRecord {
  record: FlatRecord;
  pointer: string;
}

const at = (pointer: string, key: string | number) => `${pointer}/${pointerToken(key)}`;

/** Finds the list of records in whatever shape the scraper wrote, with where each one is. */
export function findRecords(value: unknown, fieldMap: FieldMap = {}, depth = 0, pointer = ''): FoundRecord[] | null {
  if (depth > 4) return null;
  if (Array.isArray(value)) {
    const objects = value.flatMap((v, i) => (isObject(v) ? [{ record: unwrap(v, fieldMap), pointer: at(pointer, i) }] : []));
    if (objects.length > 0 && objects.some((o) => looksLikeRecord(o.record, fieldMap))) return objects;
    for (const [i, v] of value.entries()) {
      const inner = findRecords(v, fieldMap, depth + 1, at(pointer, i));
      if (inner) return inner;
    }
    return null;
  }
  if (!isObject(value)) return null;
  for (const key of CONTAINER_KEYS) {
    const inner = value[key];
    if (inner === undefined) continue;
    const found = findRecords(inner, fieldMap, depth + 1, at(pointer, key));
    if (found) return found;
  }
  const entries = Object.entries(value);
  // An object keyed by id ({ "101": {...}, "<sha256>": {...} }): each value is a record, its key in the pointer.
  if (entries.length > 0 && entries.every(([, v]) => isObject(v)) && entries.some(([, v]) => looksLikeRecord(unwrap(v as FlatRecord, fieldMap), fieldMap))) {
    return entries.map(([k, v]) => ({ record: unwrap(v as FlatRecord, fieldMap), pointer: at(pointer, k) }));
  }
  if (looksLikeRecord(value, fieldMap)) return [{ record: value, pointer }];
  for (const [k, v] of entries) {
    if (!isObject(v) && !Array.isArray(v)) continue;
    const found = findRecords(v, fieldMap, depth + 1, at(pointer, k));
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

interface LocatedRecord extends FoundRecord {
  line: number | null;
  span: [number, number];
}

function finish(records: LocatedRecord[] | null, format: 'json' | 'jsonl', outlet: string | null, fieldMap: FieldMap): FormatResult {
  if (!records || records.length === 0) {
    const named = [fieldMap.title, fieldMap.body].filter(Boolean).map((f) => `"${f}"`);
    throw new NothingToImport(
      named.length > 0
        ? `Quire found no articles in this JSON file: no record has a ${named.join(' or ')} field (from the field mapping), nor fields such as title, text, content or body.`
        : 'Quire found no articles in this JSON file: it expected records with fields such as title, headline, text, content, body or articleBody.',
    );
  }
  const doc = recordsToDocument(
    records.map((r) => ({
      record: r.record,
      locator: { kind: 'json', extractor: EXTRACTORS.json, pointer: r.pointer, line: r.line, start: r.span[0], end: r.span[1] },
    })),
    { outlet, fieldMap, noun: 'record' },
  );
  if (doc.entries.length === 0) throw new NothingToImport('The records in this JSON file have no title or text to import.');
  const warnings = [...doc.warnings, ...(doc.skipped > 0 ? [`${doc.skipped} record(s) had no title or text and were skipped.`] : [])];
  return { format, text: doc.text, header: null, entries: doc.entries, warnings, fieldMap: doc.fieldMap };
}

/** Each found record with the span of its text in `text` (shifted by `base`); `line` for JSON Lines. */
function locate(found: FoundRecord[] | null, text: string, base: number, line: number | null): LocatedRecord[] {
  if (!found) return [];
  const spans = jsonContainerSpans(text, new Set(found.map((f) => f.pointer)), base);
  const whole: [number, number] = [base + text.length - text.trimStart().length, base + text.trimEnd().length];
  return found.map((f) => ({ ...f, line, span: spans.get(f.pointer) ?? whole }));
}

export function importJson(text: string, fieldMap: FieldMap = {}): FormatResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ImportRejection(`Quire could not read this JSON file: ${where(text, error)}.`);
  }
  // JSON Feed and RSS-to-JSON: the feed's title names the outlet.
  const outlet = isObject(value) && Array.isArray(value.items) ? fieldText(asText(value.title), 'line') || null : null;
  return finish(locate(findRecords(value, fieldMap), text, 0, null), 'json', outlet, fieldMap);
}

export function importJsonl(text: string, fieldMap: FieldMap = {}): FormatResult {
  const records: LocatedRecord[] = [];
  let lineStart = 0;
  text.split('\n').forEach((line, i) => {
    const start = lineStart;
    lineStart += line.length + 1;
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new ImportRejection(`Quire could not read this JSON Lines file: line ${i + 1} is not valid JSON.`);
    }
    if (isObject(value)) records.push(...locate([{ record: unwrap(value, fieldMap), pointer: '' }], line, start, i + 1));
    else if (Array.isArray(value)) records.push(...locate(findRecords(value, fieldMap), line, start, i + 1));
  });
  return finish(records, 'jsonl', null, fieldMap);
}
