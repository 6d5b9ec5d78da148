// Splits a scraped page saved as text into entries. (Placeholder: one entry per file until the
// splitter lands; the signature is the contract the format importers rely on.)
import type { EntryDraft, SiteHeader } from '../types.ts';

export interface SplitResult {
  header: SiteHeader | null;
  entries: EntryDraft[];
}

/** `text` is already decoded, NFC-normalised, with \n line endings. Offsets refer to it. */
export function splitTextDump(text: string): SplitResult {
  const start = text.search(/\S/);
  if (start < 0) return { header: null, entries: [] };
  const end = text.trimEnd().length;
  return { header: null, entries: [{ title: '', body: text.slice(start, end), start, end }] };
}

/** Markdown: headings split posts. */
export function splitMarkdown(text: string): SplitResult {
  return splitTextDump(text);
}
