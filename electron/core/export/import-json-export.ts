// Brings a Quire JSON export (docs/export-schema.json) into an archive: codes, sources' records,
// entries with their provenance, tags, notes, highlights and collections, each upserted by GUID,
// so an import into an empty archive reproduces the export (highlights at the same code points)
// and a second import of the same file changes nothing. The export does not carry the original
// files: a source the archive lacks is recorded by name and SHA-256 only (importing the file itself
// later is then taken for a duplicate; its entries are already here).
import { sliceCodePoints } from '../../../shared/entry-text.ts';
import { QuireError } from '../../../shared/errors.ts';
import type { Db } from '../db/open-archive.ts';
import { canonicalGuid, ImportRows, type ImportCounts } from './import-rows.ts';
import { JSON_EXPORT_FORMAT, JSON_EXPORT_VERSION } from './export-json.ts';

interface JsonExport {
  format: string;
  version: number;
  codes: { guid: string; parentGuid: string | null; name: string; color: string; description: string | null; position?: number }[];
  sources: { guid: string; sha256: string; name: string; path: string | null; size: number; format: string; encoding: string | null; importedAt: string }[];
  entries: {
    guid: string;
    title: string;
    body: string;
    date: string | null;
    dateSource?: string | null;
    author: string | null;
    outlet: string | null;
    url: string | null;
    language: string | null;
    direction: 'ltr' | 'rtl';
    provenance: { sourceGuid: string; sourceSha256: string; start: number; end: number; bodyStart?: number | null; bodyEnd?: number | null; locator?: unknown }[];
    tags: string[];
    notes: { guid: string; text: string; createdAt?: string; updatedAt?: string }[];
    highlights: { guid: string; start: number; end: number; exact: string; note: string | null; codes: string[]; createdAt?: string; updatedAt?: string }[];
  }[];
  collections: { guid: string; name: string; description: string | null; entries: string[]; highlights: string[] }[];
}

export function isJsonExport(value: unknown): value is JsonExport {
  return typeof value === 'object' && value !== null && (value as { format?: unknown }).format === JSON_EXPORT_FORMAT;
}

export function importJsonExport(db: Db, data: JsonExport): ImportCounts {
  if (data.version !== JSON_EXPORT_VERSION) throw new QuireError('invalid-input', `This export is version ${data.version} of Quire's format; this Quire reads version ${JSON_EXPORT_VERSION}.`);
  if (!Array.isArray(data.entries) || !Array.isArray(data.codes)) throw new QuireError('invalid-input', 'This Quire export has no entries or codes list: it is damaged.');
  const rows = new ImportRows(db);
  db.transaction(() => {
    const codeIds = new Map<string, number>();
    for (const c of data.codes) {
      const guid = canonicalGuid(c.guid);
      const parent = c.parentGuid ? codeIds.get(canonicalGuid(c.parentGuid) ?? '') : undefined;
      if (c.parentGuid && parent === undefined) rows.warn(`The code “${c.name}” names a parent that is not in the export; it became a top-level code.`);
      const id = rows.code({ guid, parentId: parent ?? null, name: c.name, color: /^#[0-9a-fA-F]{6}$/.test(c.color) ? c.color : '#f2c94c', description: c.description ?? null, position: c.position ?? null });
      if (guid) codeIds.set(guid, id);
    }
    const sourceIds = new Map<string, number>();
    for (const s of data.sources ?? []) {
      const id = rows.source({ guid: canonicalGuid(s.guid), sha256: s.sha256, name: s.name, path: s.path, size: s.size, format: s.format, encoding: s.encoding, importedAt: s.importedAt, bytes: null, text: '' });
      sourceIds.set(s.sha256, id);
    }
    const highlightIds = new Map<string, number>();
    const entryIds = new Map<string, number>();
    for (const e of data.entries) {
      const guid = canonicalGuid(e.guid);
      const entry = rows.entry({
        guid,
        title: e.title,
        body: e.body,
        date: e.date,
        dateSource: e.dateSource ?? null,
        author: e.author,
        outlet: e.outlet,
        url: e.url,
        language: e.language,
        direction: e.direction === 'rtl' ? 'rtl' : 'ltr',
      });
      if (guid) entryIds.set(guid, entry.id);
      for (const p of e.provenance ?? []) {
        const sourceId = sourceIds.get(p.sourceSha256);
        if (sourceId !== undefined) rows.link(entry.id, sourceId, p);
      }
      for (const t of e.tags ?? []) rows.tag(entry.id, t);
      for (const n of e.notes ?? []) rows.note(entry.id, { guid: canonicalGuid(n.guid), text: n.text, createdAt: n.createdAt, updatedAt: n.updatedAt });
      for (const h of e.highlights ?? []) {
        // The same entry under another GUID may differ in white space: a passage must still read the same.
        if (sliceCodePoints(entry.text, h.start, h.end) !== h.exact) {
          rows.warn(`A highlight on “${e.title}” (${h.start}–${h.end}) does not read “${h.exact}” in this archive's copy of the entry; it was left out.`);
          continue;
        }
        const codes = h.codes.map((g) => codeIds.get(canonicalGuid(g) ?? '')).filter((x): x is number => x !== undefined);
        const id = rows.highlight(
          { guid: canonicalGuid(h.guid), entryId: entry.id, start: h.start, end: h.end, note: h.note ?? null, codeIds: codes, createdAt: h.createdAt, updatedAt: h.updatedAt },
          entry.text,
        );
        if (id !== null) highlightIds.set(canonicalGuid(h.guid) ?? '', id);
      }
    }
    for (const c of data.collections ?? []) {
      const entries = c.entries.map((g) => entryIds.get(canonicalGuid(g) ?? '')).filter((x): x is number => x !== undefined);
      const highlights = c.highlights.map((g) => highlightIds.get(canonicalGuid(g) ?? '')).filter((x): x is number => x !== undefined);
      rows.collection({ guid: canonicalGuid(c.guid), name: c.name, description: c.description ?? null }, entries, highlights);
    }
  })();
  return rows.counts;
}
