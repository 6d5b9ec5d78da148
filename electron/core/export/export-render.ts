// What the reading formats (Markdown, HTML, Word) say alike: a highlight's colour, an entry's
// line of metadata, its sources as citations.
import { citedSource } from './citation.ts';
import type { ExportEntry, ExportHighlight, ExportOptions } from './export-model.ts';

export const DEFAULT_MARK = '#F2C94C';

/** A highlight takes its first code's colour (codes sorted by path); uncoded ones the default. */
export function highlightColor(h: ExportHighlight): string {
  const c = h.codes[0]?.color;
  return c && /^#[0-9a-fA-F]{6}$/.test(c) ? c.toUpperCase() : DEFAULT_MARK;
}

export function entryMeta(entry: ExportEntry): string {
  return [entry.date ?? 'undated', entry.author, entry.outlet].filter((x): x is string => !!x).join(' · ');
}

export function sourceLines(entry: ExportEntry): string[] {
  return entry.provenance.map(citedSource).map((s) => `${s.file} (SHA-256 ${s.sha256}), ${s.locator}`);
}

export function exportHeading(options: ExportOptions): string {
  return `${options.title}: ${options.highlightsOnly ? `highlights with ${options.context} characters of context` : 'entries with their highlights'}`;
}

export function exportColophon(options: ExportOptions): string {
  return `Exported ${options.exportedAt.replace('T', ' ').slice(0, 16)} UTC by Quire ${options.appVersion}. Passages are cited by source file (name and SHA-256), where in it, and code points of the entry text (title, blank line, body; end exclusive): check them with “quire verify”.`;
}

export function entryTitle(entry: { title: string }): string {
  return entry.title.trim() || 'Untitled';
}
