// CSV: one row per highlight, UTF-8 with a byte-order mark (so spreadsheet programs read it as
// UTF-8), RFC 4180 quoting and CRLF row ends. Quotes are the exact passage (verify compares them),
// so a cell may begin with "=": open it as text in a spreadsheet, not as formulas.
import { citationOf } from './citation.ts';
import { locatorLabel } from './citation.ts';
import type { Exporter } from './export-model.ts';
import { withContext } from './passage-segments.ts';

export const CSV_COLUMNS = [
  'highlight_guid',
  'entry_guid',
  'title',
  'date',
  'author',
  'outlet',
  'source_file',
  'source_sha256',
  'locator',
  'start',
  'end',
  'quote',
  'codes',
  'note',
  'context_before',
  'context_after',
] as const;

/** Several sources of one entry (the same text in two files) share a cell, joined by this. */
export const CSV_LIST_SEPARATOR = ' | ';

export const exportCsv: Exporter = async (job) => {
  const { sink, options } = job;
  await sink.write(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`);
  for await (const page of job.pages()) {
    for (const entry of page) {
      for (const h of entry.highlights) {
        const c = citationOf(entry, h.start, h.end);
        const ctx = withContext(entry.text, h, options.highlightsOnly ? options.context : 0);
        const row = [
          h.guid,
          entry.guid,
          entry.title,
          entry.date ?? '',
          entry.author ?? '',
          entry.outlet ?? '',
          c.sources.map((s) => s.file).join(CSV_LIST_SEPARATOR),
          c.sources.map((s) => s.sha256).join(CSV_LIST_SEPARATOR),
          entry.provenance.map(locatorLabel).join(CSV_LIST_SEPARATOR),
          String(h.start),
          String(h.end),
          ctx.passage,
          h.codes.map((code) => code.path).join('; '),
          h.note ?? '',
          ctx.before,
          ctx.after,
        ];
        await sink.write(`${row.map(csvField).join(',')}\r\n`);
      }
    }
    await sink.drain();
  }
};

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
