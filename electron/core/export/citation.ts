// A citation a reader can check offline: which file (name and SHA-256), where in it (the
// import's locator, else the entry's span of the stored text), which passage (code points of the
// entry text), and the entry's date, author and outlet.
import type { ExportEntry, ExportProvenance } from './export-model.ts';

export interface CitedSource {
  file: string;
  sha256: string;
  /** Where in the file, in words ("record /items/3", "row 4 (lines 5–6)"). */
  locator: string;
}

export interface Citation {
  entryGuid: string;
  sources: CitedSource[];
  /** Code points of the entry text (title, blank line, body), end exclusive. */
  start: number;
  end: number;
  date: string | null;
  author: string | null;
  outlet: string | null;
}

export function citationOf(entry: ExportEntry, start: number, end: number): Citation {
  return {
    entryGuid: entry.guid,
    sources: entry.provenance.map(citedSource),
    start,
    end,
    date: entry.date,
    author: entry.author,
    outlet: entry.outlet,
  };
}

export function citedSource(p: ExportProvenance): CitedSource {
  return { file: p.source.name, sha256: p.source.sha256, locator: locatorLabel(p) };
}

/** One line: `Author, Outlet, 2021-08-03. file.json (SHA-256 …), record /items/3; code points 10–52 of entry <guid>.` */
export function citationText(c: Citation): string {
  const who = [c.author, c.outlet, c.date].filter((x): x is string => !!x).join(', ');
  const where = c.sources.map((s) => `${s.file} (SHA-256 ${s.sha256}), ${s.locator}`).join('; ');
  return `${who ? `${who}. ` : ''}${where || 'no source file'}; code points ${c.start}–${c.end} of entry ${c.entryGuid}.`;
}

/** A locator in words; the span of the stored text when the import recorded none. */
export function locatorLabel(p: ExportProvenance): string {
  const l = p.locator;
  const n = (k: string) => (typeof l?.[k] === 'number' ? (l[k] as number) : null);
  const s = (k: string) => (typeof l?.[k] === 'string' ? (l[k] as string) : null);
  const extractor = s('extractor');
  const via = extractor ? ` [${extractor}]` : '';
  switch (l ? s('kind') : null) {
    case 'text':
      return `characters ${n('start')}–${n('end')} of the decoded text${via}`;
    case 'json':
      return `${n('line') !== null ? `line ${n('line')}, ` : ''}record ${s('pointer') || '/'} (characters ${n('start')}–${n('end')})${via}`;
    case 'csv':
      return `row ${n('row')} (lines ${n('firstLine')}–${n('lastLine')})${via}`;
    case 'html':
      return `element ${s('path')} (characters ${n('start')}–${n('end')} of the markup)${via}`;
    case 'mail':
      return `message ${n('index')}${s('messageId') ? ` <${s('messageId')}>` : ''} (bytes ${n('byteStart')}–${n('byteEnd')})${via}`;
    case 'warc':
      return `WARC record ${s('recordId') ?? `at byte ${n('recordOffset')}`}${s('targetUri') ? ` for ${s('targetUri')}` : ''}${s('payloadDigest') ? ` (payload ${s('payloadDigest')})` : ''}${s('path') ? `, element ${s('path')}` : ''}${via}`;
    case 'pdf': {
      const pages = Array.isArray(l?.['pages']) ? (l['pages'] as number[]) : [];
      return `${pages.length === 1 ? 'page' : 'pages'} ${pages.length > 1 ? `${pages[0]}–${pages[pages.length - 1]}` : (pages[0] ?? '?')}${via}`;
    }
    default:
      return `characters ${p.start}–${p.end} of the stored text`;
  }
}
