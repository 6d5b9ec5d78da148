// Turns mapped records into a readable document text with one entry span per record.
import type { SourceLocator } from '../../../../shared/contract.ts';
import { type FieldMap, MAPPED_FIELDS, type MappedField } from '../../../../shared/field-map.ts';
import type { EntryDraft } from '../types.ts';
import { type FlatRecord, mapRecord, renderRecord } from './map-fields.ts';

export interface RecordDocument {
  text: string;
  entries: EntryDraft[];
  skipped: number;
  /** The source field each entry field came from (the one most records used), or the user's. */
  fieldMap: FieldMap;
  /** What the mapping could not do for every record, in plain words. */
  warnings: string[];
}

const clean = (s: string) => s.normalize('NFC').replace(/\r\n?/gu, '\n').trim();

/** A record and where it stands in its file (the JSON record, the CSV row). */
export interface SourcedRecord {
  record: FlatRecord;
  locator: SourceLocator;
}

export interface RecordOptions {
  outlet?: string | null;
  /** The user's choice of source field per entry field (`quire import --map`). */
  fieldMap?: FieldMap;
  /** What a record is called in messages: "record" (JSON) or "row" (CSV). */
  noun?: string;
}

export function recordsToDocument(records: SourcedRecord[], options: RecordOptions = {}): RecordDocument {
  const fieldMap = options.fieldMap ?? {};
  const parts: string[] = [];
  const entries: EntryDraft[] = [];
  let at = 0;
  let skipped = 0;
  const used = new Map<MappedField, Map<string, number>>();
  const missing = new Map<MappedField, number>();
  const unreadable = new Map<MappedField, number>();
  const bump = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const { record, locator } of records) {
    const result = mapRecord(record, fieldMap);
    const { mapped } = result;
    if (!mapped.body && !mapped.title) {
      skipped++;
      continue;
    }
    for (const [field, key] of Object.entries(result.fields) as [MappedField, string][]) {
      if (!used.has(field)) used.set(field, new Map());
      bump(used.get(field)!, key);
    }
    for (const field of result.missing) bump(missing, field);
    for (const field of result.unreadable) bump(unreadable, field);
    if (!mapped.outlet && options.outlet) mapped.outlet = options.outlet;
    mapped.title = clean(mapped.title).replace(/\s*\n\s*/gu, ' ');
    mapped.body = clean(mapped.body);
    const rendered = renderRecord(mapped);
    if (parts.length > 0) at += 2;
    // renderRecord ends with the body; a record without one stands as its title, which leads it.
    const bodyStart = mapped.body ? at + rendered.length - mapped.body.length : at;
    entries.push({
      title: mapped.title,
      body: mapped.body || mapped.title,
      date: mapped.date,
      dateSource: mapped.date ? 'field' : null,
      author: mapped.author,
      outlet: mapped.outlet,
      url: mapped.url,
      start: at,
      end: at + rendered.length,
      bodyStart,
      bodyEnd: bodyStart + (mapped.body || mapped.title).length,
      locator,
    });
    parts.push(rendered);
    at += rendered.length;
  }
  const summary = summarise(entries.length, used, missing, unreadable, fieldMap, options.noun ?? 'record');
  return { text: parts.join('\n\n'), entries, skipped, ...summary };
}

/** The report's mapping: the user's fields as given, else the field most records used, and what varied or lacked. */
function summarise(
  total: number,
  used: Map<MappedField, Map<string, number>>,
  missing: Map<MappedField, number>,
  unreadable: Map<MappedField, number>,
  fieldMap: FieldMap,
  noun: string,
): Pick<RecordDocument, 'fieldMap' | 'warnings'> {
  const chosen: FieldMap = {};
  const warnings: string[] = [];
  const some = (n: number) => `${n} of ${total} ${noun}${total === 1 ? '' : 's'}`;
  for (const field of MAPPED_FIELDS) {
    const named = fieldMap[field];
    if (named !== undefined) {
      chosen[field] = named;
      const lacked = missing.get(field) ?? 0;
      if (lacked > 0) warnings.push(`${some(lacked)} had no "${named}" field, so their ${field} was left empty.`);
      const bad = unreadable.get(field) ?? 0;
      if (bad > 0) warnings.push(`${some(bad)} had a "${named}" that is not a date, so they are undated.`);
      continue;
    }
    const keys = [...(used.get(field) ?? new Map<string, number>()).entries()].sort((a, b) => b[1] - a[1]);
    if (keys.length === 0) continue;
    chosen[field] = keys[0]![0];
    if (keys.length > 1) warnings.push(`The ${field} came from ${keys.map(([k, n]) => `"${k}" in ${n}`).join(', ')} of ${total} ${noun}s.`);
  }
  return { fieldMap: chosen, warnings };
}
