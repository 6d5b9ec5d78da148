// CSV and TSV with a header row: one entry per row, fields mapped like JSON records.
import type { FieldMap } from '../../../../shared/field-map.ts';
import { ImportRejection } from '../types.ts';
import type { FormatResult } from './format-result.ts';
import type { FlatRecord } from './map-fields.ts';
import { parseDelimitedRows, sniffDelimiter } from './parse-csv.ts';
import { recordsToDocument, type SourcedRecord } from './record-entries.ts';
import { EXTRACTORS } from './extractors.ts';

/** 1-based line number of each offset, counting the line breaks before it (offsets ascending). */
function lineCounter(text: string): (offset: number) => number {
  let at = 0;
  let line = 1;
  return (offset) => {
    for (; at < offset; at++) if (text.charCodeAt(at) === 10) line++;
    return line;
  };
}

export function importCsv(text: string, format: 'csv' | 'tsv', fieldMap: FieldMap = {}): FormatResult {
  const clean = text.replace(/^\uFEFF/u, '');
  const shift = text.length - clean.length;
  const delimiter = sniffDelimiter(clean) ?? (format === 'tsv' ? '\t' : ',');
  const rows = parseDelimitedRows(clean, delimiter);
  const header = rows[0]?.fields.map((h) => h.replace(/^\uFEFF/u, '').trim());
  if (!header || rows.length < 2) throw new ImportRejection('This table has a header row but no data rows to import.');
  const warnings: string[] = [];
  const records: SourcedRecord[] = [];
  const lineOf = lineCounter(clean);
  rows.slice(1).forEach((row, i) => {
    if (row.fields.length !== header.length) warnings.push(`Row ${i + 2} has ${row.fields.length} fields where the header has ${header.length}.`);
    const record: FlatRecord = {};
    header.forEach((name, c) => {
      if (name) record[name] = row.fields[c] ?? '';
    });
    const firstLine = lineOf(row.start);
    const lastLine = lineOf(Math.max(row.start, row.end - 1));
    const locator = { kind: 'csv', extractor: EXTRACTORS.csv, row: i + 1, firstLine, lastLine, start: row.start + shift, end: row.end + shift } as const;
    records.push({ record, locator });
  });
  const doc = recordsToDocument(records, { fieldMap, noun: 'row' });
  if (doc.entries.length === 0) {
    const named = [fieldMap.title, fieldMap.body].filter(Boolean).map((f) => `"${f}"`);
    throw new ImportRejection(
      named.length > 0
        ? `Quire found no text in this table's ${named.join(' or ')} column (from the field mapping) nor in columns named title, text, content or body; its columns are ${header.join(', ')}.`
        : `Quire found no text column in this table: it looked for columns named title, text, content, body or similar, and found ${header.join(', ')}.`,
    );
  }
  warnings.push(...doc.warnings);
  if (doc.skipped > 0) warnings.push(`${doc.skipped} row(s) had no title or text and were skipped.`);
  return { format: delimiter === '\t' ? 'tsv' : 'csv', text: doc.text, header: null, entries: doc.entries, warnings, fieldMap: doc.fieldMap };
}
