// Turns mapped records into a readable document text with one entry span per record.
import type { EntryDraft } from '../types.ts';
import { type FlatRecord, mapRecord, renderRecord } from './map-fields.ts';

export interface RecordDocument {
  text: string;
  entries: EntryDraft[];
  skipped: number;
}

const clean = (s: string) => s.normalize('NFC').replace(/\r\n?/gu, '\n').trim();

export function recordsToDocument(records: FlatRecord[], defaults: { outlet?: string | null } = {}): RecordDocument {
  const parts: string[] = [];
  const entries: EntryDraft[] = [];
  let at = 0;
  let skipped = 0;
  for (const record of records) {
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
    });
    parts.push(rendered);
    at += rendered.length;
  }
  return { text: parts.join('\n\n'), entries, skipped };
}
