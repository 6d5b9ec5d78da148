// Tags on whole entries. A tag is made the first time it is used and goes when no entry carries it
// any more (inside the same undoable change, so undo brings it back with its id and GUID). Names
// are trimmed and unique whatever their case: the spelling first used is kept.
// Tags on deleted entries stay (undo restores the entries with them); lists count live entries.
import type { FacetCount } from '../../../shared/contract.ts';
import { QuireError } from '../../../shared/errors.ts';
import { newGuid } from '../db/guids.ts';
import type { Db } from '../db/open-archive.ts';
import { recordChange } from './history.ts';

/** A tag name as stored: NFC, trimmed, inner runs of spaces made one. */
export function cleanTagName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

const fold = (name: string) => name.toLocaleLowerCase('und');
/** Tags sort as a reader expects (É beside E), not by code point as SQLite's NOCASE does. */
const collator = new Intl.Collator('und', { sensitivity: 'base', numeric: true });

export class TagsRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /** Every tag some live entry carries, with how many, by name. */
  list(): FacetCount[] {
    const rows = this.db
      .prepare(
        `SELECT t.name AS value, t.name AS label, count(*) AS count
           FROM tags t JOIN entry_tags et ON et.tag_id = t.id JOIN entries e ON e.id = et.entry_id
          GROUP BY t.id`,
      )
      .all() as FacetCount[];
    return rows.sort((a, b) => collator.compare(a.value, b.value));
  }

  /** The entry's tag names, by name. */
  ofEntry(entryId: number): string[] {
    const names = this.db.prepare('SELECT t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id WHERE et.entry_id = ?').pluck().all(entryId) as string[];
    return names.sort(collator.compare);
  }

  /** Replaces the entry's tags with `names` (one undoable change); returns the entry's tags as stored. */
  setForEntry(entryId: number, names: string[]): string[] {
    if (!this.db.prepare('SELECT 1 FROM entries WHERE id = ?').get(entryId)) {
      throw new QuireError('not-found', `Entry ${entryId} is not in this archive.`);
    }
    const wanted = new Map<string, string>();
    for (const raw of names) {
      const name = cleanTagName(raw);
      if (name !== '' && !wanted.has(fold(name))) wanted.set(fold(name), name);
    }
    const current = this.db.prepare('SELECT t.id, t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id WHERE et.entry_id = ?').all(entryId) as { id: number; name: string }[];
    const same = current.length === wanted.size && current.every((t) => wanted.has(fold(t.name)));
    if (same) return this.ofEntry(entryId);
    recordChange(this.db, current.length === 0 ? 'Tag entry' : wanted.size === 0 ? 'Remove tags' : 'Change tags', () => {
      const now = new Date().toISOString();
      const keep = new Set<number>();
      for (const name of wanted.values()) {
        const id = this.findOrCreate(name, now);
        keep.add(id);
        this.db.prepare('INSERT OR IGNORE INTO entry_tags (entry_id, tag_id, created_at) VALUES (?, ?, ?)').run(entryId, id, now);
      }
      for (const t of current) {
        if (keep.has(t.id)) continue;
        this.db.prepare('DELETE FROM entry_tags WHERE entry_id = ? AND tag_id = ?').run(entryId, t.id);
        this.db.prepare('DELETE FROM tags WHERE id = ? AND NOT EXISTS (SELECT 1 FROM entry_tags WHERE tag_id = ?)').run(t.id, t.id);
      }
    });
    return this.ofEntry(entryId);
  }

  private findOrCreate(name: string, now: string): number {
    // The column's NOCASE finds ASCII case variants through the index; other scripts' case
    // (É/é, Σ/σ) is compared here, over the tags that are not ASCII-only (few).
    const hit = this.db.prepare('SELECT id FROM tags WHERE name = ?').pluck().get(name) as number | undefined;
    if (hit !== undefined) return hit;
    if (/[^\u0000-\u007f]/u.test(name)) {
      const others = this.db.prepare("SELECT id, name FROM tags WHERE name GLOB '*[^ -~]*'").all() as { id: number; name: string }[];
      const match = others.find((t) => fold(t.name) === fold(name));
      if (match) return match.id;
    }
    return Number(this.db.prepare('INSERT INTO tags (guid, name, created_at) VALUES (?, ?, ?)').run(newGuid(), name, now).lastInsertRowid);
  }
}
