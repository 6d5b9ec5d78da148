// Turns mapped records into a readable document text with one entry span per record.
import type { SourceLocator } from '../../../../shared/contract.ts';
import type { EntryDraft } from '../types.ts';
import { type FlatRecord, mapRecord, renderRecord } from './map-fields.ts';

export interface RecordDocument {
  text: string;
  entries: EntryDraft[];
  skipped: number;
}

const clean = (s: string) => s.normalize('NFC').replace(/\r\n?/gu, '\n').trim();

/** A record and where it stands in its file (the JSON record, the CSV row). */
export interface SourcedRecord {
  record: FlatRecord;
  locator: SourceLocator;
}

export function recordsToDocument(records: SourcedRecord[], defaults: { outlet?: string | null } = {}): RecordDocument {
  const parts: string[] = [];
  const entries: EntryDraft[] = [];
  let at = 0;
  let skipped = 0;
  for (const { record, locator } of records) {
    const mapped = mapRecord(record);
    if (!mapped.body && !mapped.title) {
      skipped++;
      continue;
    }
    if (!mapped.outlet && defaults.outlet) mapped.outlet = defaults.outlet;
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
  return { text: parts.join('\n\n'), entries, skipped };
}
