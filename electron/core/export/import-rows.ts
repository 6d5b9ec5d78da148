// All SQL a project import writes: codes, sources, entries, highlights, tags, notes and
// collections, each found first by GUID (compared lowercase) so that importing the same project
// twice finds every row the first import made and changes nothing.
import crypto from 'node:crypto';
import type { TextDirection } from '../../../shared/contract.ts';
import { codePointLength, entryText, quoteAt } from '../../../shared/entry-text.ts';
import { guidFromHash, newGuid } from '../db/guids.ts';
import type { Db } from '../db/open-archive.ts';
import { entryContentHash } from '../import/prepare-document.ts';
import { EntriesRepo } from '../repo/entries-repo.ts';
import { packContent, SourceContent } from '../repo/source-content.ts';

export interface ImportCounts {
  created: { sources: number; entries: number; codes: number; highlights: number; notes: number; collections: number };
  updated: { entries: number; codes: number; highlights: number; notes: number; collections: number };
  warnings: string[];
}

export function emptyCounts(): ImportCounts {
  return {
    created: { sources: 0, entries: 0, codes: 0, highlights: 0, notes: 0, collections: 0 },
    updated: { entries: 0, codes: 0, highlights: 0, notes: 0, collections: 0 },
    warnings: [],
  };
}

/** One canonical form: lowercase, no braces (REFI-QDA tools write either case, some with braces). */
export function canonicalGuid(guid: string | undefined | null): string | null {
  const g = (guid ?? '').trim().replace(/^\{|\}$/g, '').toLowerCase();
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(g) ? g : null;
}

const now = () => new Date().toISOString();

export interface CodeInput {
  guid: string | null;
  parentId: number | null;
  name: string;
  color: string;
  description: string | null;
  position: number | null;
}

export interface NewEntryInput {
  guid: string | null;
  title: string;
  body: string;
  date: string | null;
  dateSource: string | null;
  author: string | null;
  outlet: string | null;
  url: string | null;
  language: string | null;
  direction: TextDirection;
}

export interface HighlightInput {
  guid: string | null;
  entryId: number;
  start: number;
  end: number;
  note: string | null;
  codeIds: number[];
  /** Kept from the project when it says (a JSON export does). */
  createdAt?: string;
  updatedAt?: string;
}

export class ImportRows {
  private readonly db: Db;
  private readonly entries: EntriesRepo;
  readonly counts: ImportCounts = emptyCounts();

  constructor(db: Db) {
    this.db = db;
    this.entries = new EntriesRepo(db);
  }

  warn(message: string): void {
    if (this.counts.warnings.length < 200) this.counts.warnings.push(message);
  }

  /** A code by GUID (restored from the trash if deleted), else a live sibling of the same name, else a new one. */
  code(input: CodeInput): number {
    const byGuid = input.guid
      ? (this.db.prepare('SELECT id, parent_id AS parentId, name, color, description, position, deleted_at AS deletedAt FROM codes WHERE lower(guid) = ?').get(input.guid) as
          | { id: number; parentId: number | null; name: string; color: string; description: string | null; position: number; deletedAt: string | null }
          | undefined)
      : undefined;
    if (byGuid) {
      const position = input.position ?? byGuid.position;
      if (byGuid.parentId !== input.parentId || byGuid.name !== input.name || byGuid.color !== input.color || byGuid.description !== input.description || byGuid.position !== position || byGuid.deletedAt !== null) {
        const clash = this.siblingNamed(input.parentId, input.name);
        if (clash !== null && clash !== byGuid.id) {
          this.warn(`The code “${input.name}” is already in the codebook under another GUID; its highlights go to that one.`);
          return clash;
        }
        this.db
          .prepare('UPDATE codes SET parent_id = ?, name = ?, color = ?, description = ?, position = ?, deleted_at = NULL, updated_at = ? WHERE id = ?')
          .run(input.parentId, input.name, input.color, input.description, position, now(), byGuid.id);
        this.counts.updated.codes++;
      }
      return byGuid.id;
    }
    const sibling = this.siblingNamed(input.parentId, input.name);
    if (sibling !== null) return sibling;
    const t = now();
    const position = input.position ?? (this.db.prepare('SELECT coalesce(max(position), -1) + 1 FROM codes WHERE parent_id IS ?').pluck().get(input.parentId) as number);
    const id = Number(
      this.db
        .prepare('INSERT INTO codes (guid, parent_id, name, color, description, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(input.guid ?? newGuid(), input.parentId, input.name, input.color, input.description, position, t, t).lastInsertRowid,
    );
    this.counts.created.codes++;
    return id;
  }

  private siblingNamed(parentId: number | null, name: string): number | null {
    return (this.db.prepare('SELECT id FROM codes WHERE parent_id IS ? AND name = ? COLLATE NOCASE AND deleted_at IS NULL').pluck().get(parentId, name) as number | undefined) ?? null;
  }

  /**
   * A source by SHA-256, else a new row. `bytes` are the file itself when the project carries it
   * (a .qdpx text); a JSON export carries none, so the row keeps the metadata and says so.
   */
  source(input: { guid: string | null; sha256: string; name: string; path: string | null; size: number; format: string; encoding: string | null; importedAt: string; bytes: Uint8Array | null; text: string }): number {
    const found = this.db.prepare('SELECT id FROM sources WHERE sha256 = ?').pluck().get(input.sha256) as number | undefined;
    if (found !== undefined) return found;
    const guid = input.guid ?? guidFromHash(input.sha256);
    const taken = this.db.prepare('SELECT 1 FROM sources WHERE lower(guid) = ?').get(guid);
    const warning = input.bytes ? null : JSON.stringify(['Brought in from a Quire export: the original file is not in this archive (import it to check citations against its bytes).']);
    const bytes = input.bytes ?? new Uint8Array(0);
    const packed = packContent(bytes, input.encoding, input.text);
    const { columns } = packed;
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO sources (id, sha256, name, path, container, size, format, encoding, encoding_confidence, imported_at, header, warnings, guid,
                               kept_bytes, content_codec, chunk_bytes, text_kind)
           VALUES (max(coalesce((SELECT max(id) FROM sources), 0), coalesce((SELECT max(id) FROM trash_sources), 0)) + 1,
                   ?, ?, ?, NULL, ?, ?, ?, NULL, ?, NULL, ?, ?, ?, ?, ?, ?)`,
        )
        .run(input.sha256, input.name, input.path, input.size, input.format, input.encoding, input.importedAt, warning, taken ? newGuid() : guid, columns.keptBytes, columns.contentCodec, columns.chunkBytes, columns.textKind)
        .lastInsertRowid,
    );
    new SourceContent(this.db).store(id, packed);
    this.counts.created.sources++;
    return id;
  }

  /** An entry by GUID, else by its content (the same text is one entry), else a new one. */
  entry(input: NewEntryInput): { id: number; text: string; created: boolean } {
    const row = (guid: string) => this.db.prepare('SELECT id, title, body FROM entries WHERE lower(guid) = ?').get(guid) as { id: number; title: string; body: string } | undefined;
    const byGuid = input.guid ? row(input.guid) : undefined;
    if (byGuid) return { id: byGuid.id, text: entryText(byGuid.title, byGuid.body), created: false };
    const contentHash = entryContentHash(input.title, input.body);
    const same = this.db.prepare('SELECT id, title, body FROM entries WHERE content_hash = ?').get(contentHash) as { id: number; title: string; body: string } | undefined;
    if (same) return { id: same.id, text: entryText(same.title, same.body), created: false };
    const id = this.entries.insert({ ...input, contentHash, minhash: null, nearGroup: null, createdAt: now() });
    if (input.guid && !this.db.prepare('SELECT 1 FROM entries WHERE lower(guid) = ?').get(input.guid)) {
      this.db.prepare('UPDATE entries SET guid = ? WHERE id = ?').run(input.guid, id);
    }
    this.counts.created.entries++;
    return { id, text: entryText(input.title, input.body), created: true };
  }

  link(entryId: number, sourceId: number, span: { start: number; end: number; bodyStart?: number | null; bodyEnd?: number | null; locator?: unknown }): void {
    if (this.db.prepare('SELECT 1 FROM entry_sources WHERE entry_id = ? AND source_id = ?').get(entryId, sourceId)) return;
    const ordinal = this.db.prepare('SELECT count(*) FROM entry_sources WHERE source_id = ?').pluck().get(sourceId) as number;
    const locator = span.locator && typeof span.locator === 'object' ? JSON.stringify(span.locator) : null;
    this.db
      .prepare('INSERT OR IGNORE INTO entry_sources (entry_id, source_id, start, end, ordinal, body_start, body_end, locator) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(entryId, sourceId, span.start, span.end, ordinal, span.bodyStart ?? null, span.bodyEnd ?? null, locator);
  }

  /** A highlight by GUID (updated to the project's place, note and codes), else a new one. Null when the span is not on the text. */
  highlight(input: HighlightInput, text: string): number | null {
    if (!(Number.isInteger(input.start) && Number.isInteger(input.end) && input.start >= 0 && input.start < input.end && input.end <= codePointLength(text))) {
      this.warn(`A passage at ${input.start}–${input.end} does not lie on its text (${codePointLength(text)} characters); it was left out.`);
      return null;
    }
    const q = quoteAt(text, input.start, input.end);
    const hash = crypto.createHash('sha256').update(text, 'utf8').digest('hex');
    const entryGuid = (this.db.prepare('SELECT guid FROM entries WHERE id = ?').pluck().get(input.entryId) as string | null) ?? '';
    const existing = input.guid
      ? (this.db.prepare('SELECT id, entry_id AS entryId, start, end, note, deleted_at AS deletedAt FROM highlights WHERE lower(guid) = ?').get(input.guid) as
          | { id: number; entryId: number; start: number; end: number; note: string | null; deletedAt: string | null }
          | undefined)
      : undefined;
    const t = now();
    let id: number;
    if (existing) {
      id = existing.id;
      const codesNow = (this.db.prepare('SELECT code_id FROM highlight_codes WHERE highlight_id = ? ORDER BY code_id').pluck().all(id) as number[]).join(',');
      const codesWanted = [...new Set(input.codeIds)].sort((a, b) => a - b).join(',');
      const moved = existing.entryId !== input.entryId || existing.start !== input.start || existing.end !== input.end;
      if (!moved && existing.note === input.note && existing.deletedAt === null && codesNow === codesWanted) return id;
      this.db
        .prepare(
          `UPDATE highlights SET entry_id = ?, entry_guid = ?, start = ?, end = ?, exact = ?, prefix = ?, suffix = ?, text_hash = ?, anchor = 'exact', note = ?, deleted_at = NULL, updated_at = ? WHERE id = ?`,
        )
        .run(input.entryId, entryGuid, input.start, input.end, q.exact, q.prefix, q.suffix, hash, input.note, t, id);
      this.db.prepare('DELETE FROM highlight_codes WHERE highlight_id = ?').run(id);
      this.counts.updated.highlights++;
    } else {
      id = Number(
        this.db
          .prepare(
            `INSERT INTO highlights (guid, entry_id, entry_guid, start, end, exact, prefix, suffix, text_hash, anchor, note, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'exact', ?, ?, ?)`,
          )
          .run(input.guid ?? newGuid(), input.entryId, entryGuid, input.start, input.end, q.exact, q.prefix, q.suffix, hash, input.note, input.createdAt ?? t, input.updatedAt ?? input.createdAt ?? t).lastInsertRowid,
      );
      this.counts.created.highlights++;
    }
    const link = this.db.prepare('INSERT OR IGNORE INTO highlight_codes (highlight_id, code_id) VALUES (?, ?)');
    for (const c of new Set(input.codeIds)) link.run(id, c);
    return id;
  }

  tag(entryId: number, name: string): void {
    const t = now();
    this.db.prepare('INSERT OR IGNORE INTO tags (guid, name, created_at) VALUES (?, ?, ?)').run(newGuid(), name, t);
    const tagId = this.db.prepare('SELECT id FROM tags WHERE name = ?').pluck().get(name) as number;
    this.db.prepare('INSERT OR IGNORE INTO entry_tags (entry_id, tag_id, created_at) VALUES (?, ?, ?)').run(entryId, tagId, t);
  }

  note(entryId: number, input: { guid: string | null; text: string; createdAt?: string; updatedAt?: string }): void {
    const existing = input.guid ? (this.db.prepare('SELECT id, entry_id AS entryId, text, deleted_at AS deletedAt FROM entry_notes WHERE lower(guid) = ?').get(input.guid) as { id: number; entryId: number; text: string; deletedAt: string | null } | undefined) : undefined;
    const t = now();
    if (existing) {
      if (existing.text === input.text && existing.entryId === entryId && existing.deletedAt === null) return;
      this.db.prepare('UPDATE entry_notes SET entry_id = ?, text = ?, deleted_at = NULL, updated_at = ? WHERE id = ?').run(entryId, input.text, t, existing.id);
      this.counts.updated.notes++;
      return;
    }
    this.db
      .prepare('INSERT INTO entry_notes (guid, entry_id, text, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(input.guid ?? newGuid(), entryId, input.text, input.createdAt ?? t, input.updatedAt ?? input.createdAt ?? t);
    this.counts.created.notes++;
  }

  /** A collection by GUID, else a live one of the same name, else a new one; members are added (never removed). */
  collection(input: { guid: string | null; name: string; description: string | null }, entryIds: number[], highlightIds: number[]): void {
    const t = now();
    let row = input.guid ? (this.db.prepare('SELECT id, name, description, deleted_at AS deletedAt FROM collections WHERE lower(guid) = ?').get(input.guid) as { id: number; name: string; description: string | null; deletedAt: string | null } | undefined) : undefined;
    if (row && (row.name !== input.name || row.description !== input.description || row.deletedAt !== null)) {
      const clash = this.db.prepare('SELECT id FROM collections WHERE name = ? COLLATE NOCASE AND deleted_at IS NULL AND id <> ?').pluck().get(input.name, row.id);
      if (clash === undefined) {
        this.db.prepare('UPDATE collections SET name = ?, description = ?, deleted_at = NULL, updated_at = ? WHERE id = ?').run(input.name, input.description, t, row.id);
        this.counts.updated.collections++;
      }
    }
    if (!row) {
      const byName = this.db.prepare('SELECT id, name, description, NULL AS deletedAt FROM collections WHERE name = ? COLLATE NOCASE AND deleted_at IS NULL').get(input.name) as typeof row;
      if (byName) row = byName;
    }
    const id =
      row?.id ??
      Number(
        this.db
          .prepare('INSERT INTO collections (guid, name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
          .run(input.guid ?? newGuid(), input.name, input.description, t, t).lastInsertRowid,
      );
    if (!row) this.counts.created.collections++;
    const nextEntry = this.db.prepare('SELECT coalesce(max(position), -1) + 1 FROM collection_entries WHERE collection_id = ?').pluck();
    const addEntry = this.db.prepare('INSERT OR IGNORE INTO collection_entries (collection_id, entry_id, position, added_at) VALUES (?, ?, ?, ?)');
    for (const e of entryIds) addEntry.run(id, e, nextEntry.get(id), t);
    const nextHighlight = this.db.prepare('SELECT coalesce(max(position), -1) + 1 FROM collection_highlights WHERE collection_id = ?').pluck();
    const addHighlight = this.db.prepare('INSERT OR IGNORE INTO collection_highlights (collection_id, highlight_id, position, added_at) VALUES (?, ?, ?, ?)');
    for (const h of highlightIds) addHighlight.run(id, h, nextHighlight.get(id), t);
  }
}
