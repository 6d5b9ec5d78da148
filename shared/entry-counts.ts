// The words for what an import's entries became, so the app's report and `quire import` say the
// same thing: entries added (new ones and versions of earlier ones) apart from exact duplicates,
// which were already in the archive and were not added again.
import type { EntryCounts } from './contract.ts';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function versionsPhrase(n: number): string {
  return n === 1 ? '1 version of an earlier entry' : `${plural(n, 'version')} of earlier entries`;
}

/** "12 entries added", "3 new entries and 1 version of an earlier entry added", or "Nothing new was added". */
export function addedPhrase(c: EntryCounts): string {
  if (c.newEntries === 0 && c.versions === 0) return 'Nothing new was added';
  const versions = versionsPhrase(c.versions);
  if (c.versions === 0) return `${plural(c.newEntries, 'entry', 'entries')} added`;
  if (c.newEntries === 0) return `${versions} added`;
  return `${plural(c.newEntries, 'new entry', 'new entries')} and ${versions} added`;
}

/** "2 exact duplicates skipped", or '' when there were none. */
export function duplicatesPhrase(c: EntryCounts): string {
  return c.duplicates === 0 ? '' : `${plural(c.duplicates, 'exact duplicate')} skipped`;
}

/** One file's entries: "12 entries", "12 entries: 9 new, 1 version of an earlier entry, 2 exact duplicates", or "1 entry: 1 version of an earlier entry". */
export function fileEntriesPhrase(entries: number, c: EntryCounts | undefined): string {
  const total = plural(entries, 'entry', 'entries');
  if (!c || (c.versions === 0 && c.duplicates === 0)) return total;
  const parts = [
    c.newEntries === 0 ? '' : `${c.newEntries.toLocaleString('en-US')} new`,
    c.versions === 0 ? '' : versionsPhrase(c.versions),
    c.duplicates === 0 ? '' : plural(c.duplicates, 'exact duplicate'),
  ].filter(Boolean);
  return `${total}: ${parts.join(', ')}`;
}

/** A file too large to read whole, read in parts (ImportFileResult.parts): what became of it. */
export function partsPhrase(parts: number | undefined): string {
  if (!parts || parts < 2) return '';
  return `Read in ${parts.toLocaleString('en-US')} parts, each kept as a source named by its byte range in the file.`;
}
