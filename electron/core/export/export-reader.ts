// All SQL an export reads: pages of entries with their sources, highlights, codes, tags and notes
// (one statement per table for a whole page, ids passed as a JSON array), the codebook, and
// collections with their members. Nothing here writes.
import { entryText } from '../../../shared/entry-text.ts';
import { CodeTree } from '../annotation/code-tree.ts';
import type { Db } from '../db/open-archive.ts';
import type { ExportCode, ExportCollection, ExportEntry, ExportHighlight, ExportProvenance, ExportSource } from './export-model.ts';

interface EntryRow {
  id: number;
  guid: string | null;
  title: string;
  body: string;
  date: string | null;
  dateSource: string | null;
  author: string | null;
  outlet: string | null;
  url: string | null;
  language: string | null;
  direction: 'ltr' | 'rtl';
  createdAt: string;
}

interface HighlightRow extends Omit<ExportHighlight, 'codes'> {
  entryId: number;
}

export class ExportReader {
  private readonly codesById = new Map<number, ExportCode>();
  readonly codes: ExportCode[];
  /** Highlights left out because their passage was lost when the entry changed (listed as orphans in the app). */
  orphansSkipped = 0;

  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
    const tree = new CodeTree(db);
    const rows = db
      .prepare('SELECT id, guid, parent_id AS parentId, name, color, description, position FROM codes WHERE deleted_at IS NULL ORDER BY position, id')
      .all() as Omit<ExportCode, 'path'>[];
    // Parents before children (depth-first, in the tree's own order), as QDA-XML nests them.
    const children = new Map<number | null, typeof rows>();
    for (const r of rows) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r]);
    const ordered: ExportCode[] = [];
    const visit = (parent: number | null) => {
      for (const r of children.get(parent) ?? []) {
        const code = { ...r, path: tree.path(r.id) };
        ordered.push(code);
        this.codesById.set(r.id, code);
        visit(r.id);
      }
    };
    visit(null);
    this.codes = ordered;
  }

  /** Entries by id, in the order given, with everything hanging from them. */
  page(ids: number[], onlyHighlights?: Map<number, Set<number>>): ExportEntry[] {
    if (ids.length === 0) return [];
    const json = JSON.stringify(ids);
    const entries = this.db
      .prepare(
        `SELECT id, guid, title, body, date, date_source AS dateSource, author, outlet, url, language, direction, created_at AS createdAt
           FROM entries WHERE id IN (SELECT value FROM json_each(?))`,
      )
      .all(json) as EntryRow[];
    const byId = new Map(entries.map((e) => [e.id, e]));

    const provenance = new Map<number, ExportProvenance[]>();
    const provRows = this.db
      .prepare(
        `SELECT es.entry_id AS entryId, es.start, es.end, es.body_start AS bodyStart, es.body_end AS bodyEnd, es.locator,
                s.id, s.guid, s.name, s.path, s.sha256, s.size, s.format, s.encoding, s.imported_at AS importedAt
           FROM entry_sources es JOIN sources s ON s.id = es.source_id
          WHERE es.entry_id IN (SELECT value FROM json_each(?)) ORDER BY es.entry_id, es.source_id, es.start`,
      )
      .all(json) as (ExportSource & { entryId: number; start: number; end: number; bodyStart: number | null; bodyEnd: number | null; locator: string | null })[];
    for (const r of provRows) {
      const { entryId, start, end, bodyStart, bodyEnd, locator, ...source } = r;
      const list = provenance.get(entryId) ?? [];
      list.push({ source: { ...source, guid: source.guid ?? '' }, start, end, bodyStart, bodyEnd, locator: parseLocator(locator) });
      provenance.set(entryId, list);
    }

    const highlightRows = this.db
      .prepare(
        `SELECT h.id, h.guid, h.entry_id AS entryId, h.start, h.end, h.exact, h.prefix, h.suffix, h.text_hash AS textHash, h.anchor, h.note,
                h.created_at AS createdAt, h.updated_at AS updatedAt
           FROM highlights h
          WHERE h.entry_id IN (SELECT value FROM json_each(?)) AND h.deleted_at IS NULL AND h.anchor <> 'orphaned'
          ORDER BY h.entry_id, h.start, h.end, h.id`,
      )
      .all(json) as HighlightRow[];
    this.orphansSkipped += this.db
      .prepare("SELECT count(*) FROM highlights WHERE entry_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL AND anchor = 'orphaned'")
      .pluck()
      .get(json) as number;
    const kept = highlightRows.filter((h) => !onlyHighlights?.has(h.entryId) || onlyHighlights.get(h.entryId)!.has(h.id));
    const codeLinks = this.db
      .prepare(
        `SELECT hc.highlight_id AS h, hc.code_id AS c FROM highlight_codes hc JOIN codes c ON c.id = hc.code_id
          WHERE hc.highlight_id IN (SELECT value FROM json_each(?)) AND c.deleted_at IS NULL`,
      )
      .all(JSON.stringify(kept.map((h) => h.id))) as { h: number; c: number }[];
    const codesOf = new Map<number, ExportCode[]>();
    for (const l of codeLinks) {
      const code = this.codesById.get(l.c);
      if (code) codesOf.set(l.h, [...(codesOf.get(l.h) ?? []), code]);
    }
    const highlights = new Map<number, ExportHighlight[]>();
    for (const { entryId, ...h } of kept) {
      const codes = (codesOf.get(h.id) ?? []).sort((a, b) => a.path.localeCompare(b.path));
      highlights.set(entryId, [...(highlights.get(entryId) ?? []), { ...h, codes }]);
    }

    const tags = new Map<number, string[]>();
    const tagRows = this.db
      .prepare(
        `SELECT et.entry_id AS entryId, t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id
          WHERE et.entry_id IN (SELECT value FROM json_each(?)) ORDER BY t.name COLLATE NOCASE`,
      )
      .all(json) as { entryId: number; name: string }[];
    for (const r of tagRows) tags.set(r.entryId, [...(tags.get(r.entryId) ?? []), r.name]);

    const notes = new Map<number, ExportEntry['notes']>();
    const noteRows = this.db
      .prepare(
        `SELECT entry_id AS entryId, guid, text, created_at AS createdAt, updated_at AS updatedAt FROM entry_notes
          WHERE entry_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL ORDER BY created_at, id`,
      )
      .all(json) as ({ entryId: number } & ExportEntry['notes'][number])[];
    for (const { entryId, ...n } of noteRows) notes.set(entryId, [...(notes.get(entryId) ?? []), n]);

    const out: ExportEntry[] = [];
    for (const id of ids) {
      const e = byId.get(id);
      if (!e) continue;
      out.push({
        ...e,
        guid: e.guid ?? '',
        text: entryText(e.title, e.body),
        provenance: provenance.get(id) ?? [],
        highlights: highlights.get(id) ?? [],
        tags: tags.get(id) ?? [],
        notes: notes.get(id) ?? [],
      });
    }
    return out;
  }

  /** Titles, dates and highlight counts of entries by id, in the order given (tables of contents). */
  outline(ids: number[], onlyHighlights?: Map<number, Set<number>>): { id: number; guid: string; title: string; date: string | null; highlights: number }[] {
    if (ids.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT e.id, e.guid, e.title, e.date,
                (SELECT count(*) FROM highlights h WHERE h.entry_id = e.id AND h.deleted_at IS NULL AND h.anchor <> 'orphaned') AS highlights
           FROM entries e WHERE e.id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(ids)) as { id: number; guid: string; title: string; date: string | null; highlights: number }[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const r = byId.get(id);
      if (!r) return [];
      const only = onlyHighlights?.get(id);
      return [only ? { ...r, highlights: only.size } : r];
    });
  }

  /** Of these ids, those with at least one live, anchored highlight (a highlights-only export reads no others). */
  withHighlights(ids: number[]): number[] {
    const having = new Set(this.db.prepare("SELECT DISTINCT entry_id FROM highlights WHERE deleted_at IS NULL AND anchor <> 'orphaned'").pluck().all() as number[]);
    return ids.filter((id) => having.has(id));
  }

  /** Every live entry, oldest first (undated last). */
  allEntryIds(): number[] {
    return this.db.prepare('SELECT id FROM entries ORDER BY date IS NULL, date, id').pluck().all() as number[];
  }

  /** Of these ids, the entries that exist (not deleted), in the order given. */
  existing(ids: number[]): number[] {
    const found = new Set(this.db.prepare('SELECT id FROM entries WHERE id IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(ids)) as number[]);
    return [...new Set(ids)].filter((id) => found.has(id));
  }

  collection(id: number): ExportCollection | null {
    return (
      (this.db
        .prepare('SELECT id, guid, name, description, created_at AS createdAt, updated_at AS updatedAt FROM collections WHERE id = ? AND deleted_at IS NULL')
        .get(id) as ExportCollection | undefined) ?? null
    );
  }

  collections(): ExportCollection[] {
    return this.db
      .prepare('SELECT id, guid, name, description, created_at AS createdAt, updated_at AS updatedAt FROM collections WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, id')
      .all() as ExportCollection[];
  }

  /** A collection's entries (in its order) and, apart, its highlights (entry id and highlight id). */
  collectionMembers(id: number): { entries: number[]; highlights: { entryId: number; id: number }[] } {
    const entries = this.db
      .prepare('SELECT ce.entry_id FROM collection_entries ce JOIN entries e ON e.id = ce.entry_id WHERE ce.collection_id = ? ORDER BY ce.position, ce.entry_id')
      .pluck()
      .all(id) as number[];
    const highlights = this.db
      .prepare(
        `SELECT h.entry_id AS entryId, h.id FROM collection_highlights ch JOIN highlights h ON h.id = ch.highlight_id
          WHERE ch.collection_id = ? AND h.deleted_at IS NULL ORDER BY ch.position, h.id`,
      )
      .all(id) as { entryId: number; id: number }[];
    return { entries, highlights };
  }

  /** A slice of a collection's entries (by position) with their GUIDs. */
  memberEntries(id: number, afterPosition: number, limit: number): { position: number; entryId: number; guid: string }[] {
    return this.db
      .prepare(
        `SELECT ce.position, ce.entry_id AS entryId, e.guid FROM collection_entries ce JOIN entries e ON e.id = ce.entry_id
          WHERE ce.collection_id = ? AND ce.position > ? ORDER BY ce.position LIMIT ?`,
      )
      .all(id, afterPosition, limit) as { position: number; entryId: number; guid: string }[];
  }

  /** A collection's own highlights (not those of its entries) with their GUIDs. */
  memberHighlights(id: number): { highlightId: number; entryId: number; guid: string }[] {
    return this.db
      .prepare(
        `SELECT h.id AS highlightId, h.entry_id AS entryId, h.guid FROM collection_highlights ch JOIN highlights h ON h.id = ch.highlight_id
          WHERE ch.collection_id = ? AND h.deleted_at IS NULL ORDER BY ch.position, h.id`,
      )
      .all(id) as { highlightId: number; entryId: number; guid: string }[];
  }
}

function parseLocator(raw: unknown): Record<string, unknown> | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'object') return raw as Record<string, unknown>;
  try {
    const value: unknown = JSON.parse(String(raw));
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
