// Highlights: a passage of an entry (code point offsets of the entry text, shared/entry-text.ts),
// its quote (W3C TextQuoteSelector) for re-anchoring, its codes and note. Every write is one
// undoable change (history.ts); deleting trashes (soft delete).
import crypto from 'node:crypto';
import type { CreateHighlightRequest, Highlight, HighlightCode, UpdateHighlightRequest } from '../../../shared/contract.ts';
import { codePointLength, entryText, quoteAt } from '../../../shared/entry-text.ts';
import { QuireError } from '../../../shared/errors.ts';
import { newGuid } from '../db/guids.ts';
import type { Db } from '../db/open-archive.ts';
import { prepared } from '../db/prepared.ts';
import { CodeTree } from './code-tree.ts';
import { recordChange } from './history.ts';

/** A highlight as its row holds it: everything the contract's Highlight has but its codes. */
export type HighlightRow = Omit<Highlight, 'codes'>;

export const HIGHLIGHT_COLUMNS = `h.id, h.guid, h.entry_id AS entryId, h.entry_guid AS entryGuid, h.start, h.end, h.exact, h.prefix, h.suffix,
  h.text_hash AS textHash, h.anchor, h.note, h.created_at AS createdAt, h.updated_at AS updatedAt`;

export interface EntryTextRow {
  id: number;
  guid: string;
  text: string;
}

/** The new highlight row's fields apart from its id, GUID and times. */
export interface HighlightPlacement {
  entryId: number;
  entryGuid: string;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  textHash: string;
  anchor: Highlight['anchor'];
  note: string | null;
}

export class HighlightsRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  create(req: CreateHighlightRequest): Highlight {
    const entry = this.entryText(req.entryId);
    assertRange(entry.text, req.start, req.end);
    const codeIds = unique(req.codeIds ?? []);
    CodeTree.current(this.db); // read (or kept) outside the transaction, so the saved highlight's paths reuse it
    return recordChange(this.db, 'New highlight', () => {
      this.assertLiveCodes(codeIds);
      const id = this.insert({ ...placement(entry, req.start, req.end), anchor: 'exact', note: req.note ?? null });
      this.link(id, codeIds);
      return this.get(id);
    });
  }

  update(req: UpdateHighlightRequest): Highlight {
    const current = this.row(req.id);
    return recordChange(this.db, req.start !== undefined || req.end !== undefined ? 'Resize highlight' : 'Edit highlight', () => {
      const t = now();
      if (req.start !== undefined || req.end !== undefined) {
        const entry = this.entryText(current.entryId);
        const start = req.start ?? current.start;
        const end = req.end ?? current.end;
        assertRange(entry.text, start, end);
        const p = placement(entry, start, end);
        // Placed by hand on the text as it is now: anchored exactly again.
        prepared(this.db, "UPDATE highlights SET start = ?, end = ?, exact = ?, prefix = ?, suffix = ?, text_hash = ?, entry_guid = ?, anchor = 'exact', updated_at = ? WHERE id = ?").run(start, end, p.exact, p.prefix, p.suffix, p.textHash, p.entryGuid, t, current.id);
      }
      if (req.note !== undefined) prepared(this.db, 'UPDATE highlights SET note = ?, updated_at = ? WHERE id = ?').run(req.note, t, current.id);
      if (req.codeIds !== undefined) {
        const ids = unique(req.codeIds);
        this.assertLiveCodes(ids);
        prepared(this.db, 'DELETE FROM highlight_codes WHERE highlight_id = ? AND code_id NOT IN (SELECT value FROM json_each(?))').run(current.id, JSON.stringify(ids));
        this.link(current.id, ids);
      }
      if (req.addCodeIds !== undefined) {
        const ids = unique(req.addCodeIds);
        this.assertLiveCodes(ids);
        this.link(current.id, ids);
      }
      if (req.removeCodeIds !== undefined) {
        prepared(this.db, 'DELETE FROM highlight_codes WHERE highlight_id = ? AND code_id IN (SELECT value FROM json_each(?))').run(current.id, JSON.stringify(unique(req.removeCodeIds)));
      }
      if (req.codeIds !== undefined || req.addCodeIds !== undefined || req.removeCodeIds !== undefined) {
        prepared(this.db, 'UPDATE highlights SET updated_at = ? WHERE id = ?').run(t, current.id);
      }
      return this.get(current.id);
    });
  }

  delete(id: number): { deleted: boolean } {
    const exists = prepared(this.db, 'SELECT 1 FROM highlights WHERE id = ? AND deleted_at IS NULL').get(id);
    if (!exists) return { deleted: false };
    recordChange(this.db, 'Delete highlight', () => {
      const t = now();
      prepared(this.db, 'UPDATE highlights SET deleted_at = ?, updated_at = ? WHERE id = ?').run(t, t, id);
    });
    return { deleted: true };
  }

  get(id: number): Highlight {
    const [h] = this.withCodes([this.row(id)]);
    return h!;
  }

  /** The live highlights of an entry, in text order. */
  forEntry(entryId: number): Highlight[] {
    const rows = prepared(this.db, `SELECT ${HIGHLIGHT_COLUMNS} FROM highlights h WHERE h.entry_id = ? AND h.deleted_at IS NULL ORDER BY h.start, h.end, h.id`).all(entryId) as HighlightRow[];
    return this.withCodes(rows);
  }

  /** Adds each highlight's live codes (with paths), in one query for the lot. */
  withCodes<T extends HighlightRow>(rows: T[], tree?: CodeTree): (T & { codes: HighlightCode[] })[] {
    if (rows.length === 0) return [];
    const links = prepared(
      this.db,
      `SELECT hc.highlight_id AS h, c.id, c.name, c.color FROM highlight_codes hc JOIN codes c ON c.id = hc.code_id
        WHERE hc.highlight_id IN (SELECT value FROM json_each(?)) AND c.deleted_at IS NULL ORDER BY c.name COLLATE NOCASE, c.id`,
    ).all(JSON.stringify(rows.map((r) => r.id))) as { h: number; id: number; name: string; color: string }[];
    const paths = tree ?? CodeTree.current(this.db);
    const byHighlight = new Map<number, HighlightCode[]>();
    for (const l of links) {
      const list = byHighlight.get(l.h) ?? [];
      list.push({ id: l.id, name: l.name, path: paths.path(l.id), color: l.color });
      byHighlight.set(l.h, list);
    }
    return rows.map((r) => ({ ...r, codes: byHighlight.get(r.id) ?? [] }));
  }

  /** A live highlight's row, or not-found. */
  row(id: number): HighlightRow {
    const row = prepared(this.db, `SELECT ${HIGHLIGHT_COLUMNS} FROM highlights h WHERE h.id = ? AND h.deleted_at IS NULL`).get(id) as HighlightRow | undefined;
    if (!row) throw new QuireError('not-found', `Highlight ${id} is not in this archive.`);
    return row;
  }

  /** An entry's text as highlight offsets count it (title, blank line, body). */
  entryText(entryId: number): EntryTextRow {
    const row = prepared(this.db, 'SELECT id, guid, title, body FROM entries WHERE id = ?').get(entryId) as { id: number; guid: string | null; title: string; body: string } | undefined;
    if (!row) throw new QuireError('not-found', `Entry ${entryId} is not in this archive.`);
    return { id: row.id, guid: row.guid ?? '', text: entryText(row.title, row.body) };
  }

  insert(p: HighlightPlacement): number {
    const t = now();
    return Number(
      prepared(
        this.db,
        `INSERT INTO highlights (guid, entry_id, entry_guid, start, end, exact, prefix, suffix, text_hash, anchor, note, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(newGuid(), p.entryId, p.entryGuid, p.start, p.end, p.exact, p.prefix, p.suffix, p.textHash, p.anchor, p.note, t, t).lastInsertRowid,
    );
  }

  link(highlightId: number, codeIds: number[]): void {
    if (codeIds.length === 0) return;
    prepared(this.db, 'INSERT OR IGNORE INTO highlight_codes (highlight_id, code_id) SELECT ?, value FROM json_each(?)')
      .run(highlightId, JSON.stringify(codeIds));
  }

  private assertLiveCodes(ids: number[]): void {
    if (ids.length === 0) return;
    const { n } = prepared(this.db, 'SELECT count(*) AS n FROM codes WHERE deleted_at IS NULL AND id IN (SELECT value FROM json_each(?))').get(JSON.stringify(ids)) as { n: number };
    if (n !== ids.length) throw new QuireError('not-found', 'One of the codes is not in this archive (it may have been deleted).');
  }
}

/** Where a highlight sits on an entry's text: its quote and the text's hash. */
export function placement(entry: EntryTextRow, start: number, end: number): Omit<HighlightPlacement, 'anchor' | 'note'> {
  return { entryId: entry.id, entryGuid: entry.guid, start, end, ...quoteAt(entry.text, start, end), textHash: textHash(entry.text) };
}

export function textHash(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

function assertRange(text: string, start: number, end: number): void {
  const length = codePointLength(text);
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= length)) {
    throw new QuireError('invalid-input', `A highlight must cover some of the entry's text (code points 0 to ${length}); ${start}–${end} does not.`);
  }
}

function unique(ids: number[]): number[] {
  return [...new Set(ids)];
}

function now(): string {
  return new Date().toISOString();
}
