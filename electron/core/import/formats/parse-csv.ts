// RFC 4180 CSV/TSV: quoted fields may hold delimiters, newlines and doubled quotes.

export function parseDelimited(text: string, delimiter: string, limit = Infinity): string[][] {
  return parseDelimitedRows(text, delimiter, limit).map((r) => r.fields);
}

/** A row and the span of the text it was read from (its closing line break excluded). */
export interface DelimitedRow {
  fields: string[];
  start: number;
  end: number;
}

export function parseDelimitedRows(text: string, delimiter: string, limit = Infinity): DelimitedRow[] {
  const rows: DelimitedRow[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  let rowStart = 0;
  const endRow = () => {
    row.push(field);
    field = '';
    const end = text[i - 1] === '\r' ? i - 1 : i;
    if (row.length > 1 || row[0] !== '') rows.push({ fields: row, start: rowStart, end });
    row = [];
    rowStart = i + 1;
  };
  while (i < text.length && rows.length < limit) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n') endRow();
    else if (c !== '\r') field += c;
    i++;
  }
  if (rows.length < limit && (field !== '' || row.length > 0)) endRow();
  return rows;
}

/** The delimiter whose count is the same (and at least 1) on every one of the first rows, or null. */
export function sniffDelimiter(text: string): ',' | '\t' | ';' | '|' | null {
  const sample = text.slice(0, 16384);
  for (const d of ['\t', ',', ';', '|'] as const) {
    const rows = parseDelimited(sample, d, 12);
    if (rows.length < 2) continue;
    // The last row of the sample may be cut off.
    const whole = sample.length === text.length ? rows : rows.slice(0, -1);
    if (whole.length < 2) continue;
    const width = whole[0]!.length;
    if (width < 2 || !whole.every((r) => r.length === width)) continue;
    const header = whole[0]!;
    const headerLike = header.every((h) => h.trim().length > 0 && h.trim().length <= 60 && !/^-?\d+([.,]\d+)?$/u.test(h.trim()));
    if (headerLike && new Set(header.map((h) => h.trim().toLowerCase())).size === width) return d;
  }
  return null;
}
