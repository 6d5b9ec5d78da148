// Collections: named sets of entries and highlights a researcher puts together (an entry or a
// highlight may be in many). Members are appended (position); a collection is soft-deleted with
// its members kept, so undo restores it whole. Opened as a list with the `collection:` search
// filter (search/sql-filters.ts); its highlights are listed by listHighlights({ collectionId }).
import type { CollectionSummary } from '../../../shared/contract.ts';
import { QuireError } from '../../../shared/errors.ts';
import { newGuid } from '../db/guids.ts';
import type { Db } from '../db/open-archive.ts';
import { recordChange } from './history.ts';

/** Ids per statement when adding or removing many members (json_each keeps each statement bounded). */
export const MEMBER_CHUNK = 5_000;

const SUMMARY = `SELECT c.id, c.guid, c.name, c.description, c.created_at AS createdAt, c.updated_at AS updatedAt,
    (SELECT count(*) FROM collection_entries ce JOIN entries e ON e.id = ce.entry_id WHERE ce.collection_id = c.id) AS entries,
    (SELECT count(*) FROM collection_highlights ch JOIN highlights h ON h.id = ch.highlight_id WHERE ch.collection_id = c.id AND h.deleted_at IS NULL) AS highlights
  FROM collections c WHERE c.deleted_at IS NULL`;

function chunks(ids: readonly number[]): number[][] {
  const unique = [...new Set(ids)];
  const out: number[][] = [];
  for (let i = 0; i < unique.length; i += MEMBER_CHUNK) out.push(unique.slice(i, i + MEMBER_CHUNK));
  return out;
}

const items = (n: number) => (n === 1 ? 'one item' : `${n.toLocaleString('en')} items`);

export class CollectionsRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /** Live collections by name, counting live entries and live highlights. */
  list(): CollectionSummary[] {
    return this.db.prepare(`${SUMMARY} ORDER BY c.name COLLATE NOCASE, c.id`).all() as CollectionSummary[];
  }

  /** The live collections holding this entry. */
  ofEntry(entryId: number): { id: number; name: string }[] {
    return this.db
      .prepare(
        `SELECT c.id, c.name FROM collection_entries ce JOIN collections c ON c.id = ce.collection_id
          WHERE ce.entry_id = ? AND c.deleted_at IS NULL ORDER BY c.name COLLATE NOCASE, c.id`,
      )
      .all(entryId) as { id: number; name: string }[];
  }

  /** Creates (no id), renames or re-describes a collection. An absent description is left as it is. */
  save(req: { id?: number; name: string; description?: string | null }): CollectionSummary {
    const name = req.name.normalize('NFC').trim();
    if (name === '') throw new QuireError('invalid-input', 'A collection needs a name.');
    const description = req.description === undefined ? undefined : req.description === null || req.description.trim() === '' ? null : req.description;
    // Unique whatever the case in any script (the index's NOCASE knows ASCII only); collections are few.
    const others = this.db.prepare('SELECT name FROM collections WHERE deleted_at IS NULL AND id IS NOT ?').pluck().all(req.id ?? null) as string[];
    const taken = others.find((other) => other.toLocaleLowerCase('und') === name.toLocaleLowerCase('und'));
    if (taken !== undefined) throw new QuireError('invalid-input', `There is already a collection named “${taken}”. Choose another name.`);
    const now = new Date().toISOString();
    if (req.id === undefined) {
      return recordChange(this.db, `New collection “${name}”`, () => {
        const id = Number(
          this.db
            .prepare('INSERT INTO collections (guid, name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
            .run(newGuid(), name, description ?? null, now, now).lastInsertRowid,
        );
        return this.get(id);
      });
    }
    const current = this.get(req.id);
    const nextDescription = description === undefined ? current.description : description;
    if (current.name === name && current.description === nextDescription) return current;
    return recordChange(this.db, current.name === name ? `Describe collection “${name}”` : `Rename collection “${current.name}”`, () => {
      this.db.prepare('UPDATE collections SET name = ?, description = ?, updated_at = ? WHERE id = ?').run(name, nextDescription, now, current.id);
      return this.get(current.id);
    });
  }

  /** Soft delete: the collection and its members stay for undo; searches and lists no longer see it. */
  delete(id: number): { deleted: boolean } {
    const name = this.db.prepare('SELECT name FROM collections WHERE id = ? AND deleted_at IS NULL').pluck().get(id) as string | undefined;
    if (name === undefined) return { deleted: false };
    recordChange(this.db, `Delete collection “${name}”`, () => {
      this.db.prepare('UPDATE collections SET deleted_at = ? WHERE id = ?').run(new Date().toISOString(), id);
    });
    return { deleted: true };
  }

  /**
   * Appends live entries and live highlights not yet in the collection, in the order given, as
   * one undoable change; returns how many were added (none: no change is recorded).
   */
  add(collectionId: number, entryIds: readonly number[], highlightIds: readonly number[]): number {
    const { name } = this.get(collectionId);
    const entries = chunks(entryIds);
    const highlights = chunks(highlightIds);
    // What is new, counted first: the Edit menu's label says how many items the change added.
    const newEntries = `FROM json_each(:ids) j WHERE EXISTS (SELECT 1 FROM entries e WHERE e.id = j.value)
        AND NOT EXISTS (SELECT 1 FROM collection_entries x WHERE x.collection_id = :c AND x.entry_id = j.value)`;
    const newHighlights = `FROM json_each(:ids) j WHERE EXISTS (SELECT 1 FROM highlights h WHERE h.id = j.value AND h.deleted_at IS NULL)
        AND NOT EXISTS (SELECT 1 FROM collection_highlights x WHERE x.collection_id = :c AND x.highlight_id = j.value)`;
    const countNew = (from: string, list: number[][]) => {
      const stmt = this.db.prepare(`SELECT count(*) ${from}`).pluck();
      return list.reduce((n, chunk) => n + (stmt.get({ c: collectionId, ids: JSON.stringify(chunk) }) as number), 0);
    };
    const count = countNew(newEntries, entries) + countNew(newHighlights, highlights);
    if (count === 0) return 0;
    const now = new Date().toISOString();
    return recordChange(this.db, `Add ${items(count)} to “${name}”`, () => {
      let added = 0;
      const addEntries = this.db.prepare(`INSERT INTO collection_entries (collection_id, entry_id, position, added_at) SELECT :c, j.value, :base + j.key, :now ${newEntries}`);
      const nextEntry = this.db.prepare('SELECT coalesce(max(position), -1) + 1 FROM collection_entries WHERE collection_id = ?').pluck();
      for (const chunk of entries) {
        added += addEntries.run({ c: collectionId, base: nextEntry.get(collectionId) as number, now, ids: JSON.stringify(chunk) }).changes;
      }
      const addHighlights = this.db.prepare(
        `INSERT INTO collection_highlights (collection_id, highlight_id, position, added_at) SELECT :c, j.value, :base + j.key, :now ${newHighlights}`,
      );
      const nextHighlight = this.db.prepare('SELECT coalesce(max(position), -1) + 1 FROM collection_highlights WHERE collection_id = ?').pluck();
      for (const chunk of highlights) {
        added += addHighlights.run({ c: collectionId, base: nextHighlight.get(collectionId) as number, now, ids: JSON.stringify(chunk) }).changes;
      }
      return added;
    });
  }

  /** Takes entries and highlights out of the collection (they stay in the archive); one undoable change. */
  remove(collectionId: number, entryIds: readonly number[], highlightIds: readonly number[]): number {
    const { name } = this.get(collectionId);
    const entries = chunks(entryIds);
    const highlights = chunks(highlightIds);
    const inEntries = 'FROM collection_entries WHERE collection_id = ? AND entry_id IN (SELECT value FROM json_each(?))';
    const inHighlights = 'FROM collection_highlights WHERE collection_id = ? AND highlight_id IN (SELECT value FROM json_each(?))';
    const countIn = (from: string, list: number[][]) => {
      const stmt = this.db.prepare(`SELECT count(*) ${from}`).pluck();
      return list.reduce((n, chunk) => n + (stmt.get(collectionId, JSON.stringify(chunk)) as number), 0);
    };
    const count = countIn(inEntries, entries) + countIn(inHighlights, highlights);
    if (count === 0) return 0;
    return recordChange(this.db, `Remove ${items(count)} from “${name}”`, () => {
      let removed = 0;
      const delEntries = this.db.prepare(`DELETE ${inEntries}`);
      for (const chunk of entries) removed += delEntries.run(collectionId, JSON.stringify(chunk)).changes;
      const delHighlights = this.db.prepare(`DELETE ${inHighlights}`);
      for (const chunk of highlights) removed += delHighlights.run(collectionId, JSON.stringify(chunk)).changes;
      return removed;
    });
  }

  get(id: number): CollectionSummary {
    const row = this.db.prepare(`${SUMMARY} AND c.id = ?`).get(id) as CollectionSummary | undefined;
    if (!row) throw new QuireError('not-found', `Collection ${id} is not in this archive.`);
    return row;
  }
}
