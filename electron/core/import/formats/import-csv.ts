// CSV and TSV with a header row: one entry per row, fields mapped like JSON records.
import { ImportRejection } from '../types.ts';
import type { FormatResult } from './format-result.ts';
import type { FlatRecord } from './map-fields.ts';
import { parseDelimited, sniffDelimiter } from './parse-csv.ts';
import { recordsToDocument } from './record-entries.ts';

export function importCsv(text: string, format: 'csv' | 'tsv'): FormatResult {
  const clean = text.replace(/^\uFEFF/u, '');
  const delimiter = sniffDelimiter(clean) ?? (format === 'tsv' ? '\t' : ',');
  const rows = parseDelimited(clean, delimiter);
  const header = rows[0]?.map((h) => h.replace(/^\uFEFF/u, '').trim());
  if (!header || rows.length < 2) throw new ImportRejection('This table has a header row but no data rows to import.');
  const warnings: string[] = [];
  const records: FlatRecord[] = [];
  rows.slice(1).forEach((row, i) => {
    if (row.length !== header.length) warnings.push(`Row ${i + 2} has ${row.length} fields where the header has ${header.length}.`);
    const record: FlatRecord = {};
    header.forEach((name, c) => {
      if (name) record[name] = row[c] ?? '';
    });
    records.push(record);
  });
  const doc = recordsToDocument(records);
  if (doc.entries.length === 0) {
    throw new ImportRejection(`Quire found no text column in this table: it looked for columns named title, text, content, body or similar, and found ${header.join(', ')}.`);
  }
  if (doc.skipped > 0) warnings.push(`${doc.skipped} row(s) had no title or text and were skipped.`);
  return { format: delimiter === '\t' ? 'tsv' : 'csv', text: doc.text, header: null, entries: doc.entries, warnings };
}
