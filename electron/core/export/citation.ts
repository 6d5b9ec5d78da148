// A citation a reader can check offline: which file (name and SHA-256), where in it (the
// import's locator, else the entry's span of the stored text), which passage (code points of the
// entry text), and the entry's date, author and outlet.
import type { SourceLocator } from '../../../shared/contract.ts';
import { locatorLabel as readerLabel } from '../import/original-region.ts';
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

/**
 * A locator in words (the reader's own wording, import/original-region.ts), with the extractor that
 * derived the text and, for a WARC page, its payload digest; the span of the stored text when the
 * import recorded no locator (entries imported before schema 5).
 */
export function locatorLabel(p: ExportProvenance): string {
  const l = p.locator;
  if (!l || typeof l['kind'] !== 'string') return `characters ${p.start}–${p.end} of the stored text`;
  const digest = l['kind'] === 'warc' && typeof l['payloadDigest'] === 'string' ? `, payload ${l['payloadDigest']}` : '';
  const extractor = typeof l['extractor'] === 'string' ? ` [${l['extractor']}]` : '';
  return `${readerLabel(l as unknown as SourceLocator)}${digest}${extractor}`;
}
