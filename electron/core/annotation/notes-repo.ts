// Notes on whole entries (a highlight's note lives on the highlight). Deleting one is a soft
// delete (`deleted_at`), so undo brings back the same note, id and GUID.
import type { EntryNote } from '../../../shared/contract.ts';
import { QuireError } from '../../../shared/errors.ts';
import { newGuid } from '../db/guids.ts';
import type { Db } from '../db/open-archive.ts';
import { recordChange } from './history.ts';

const COLUMNS = 'id, guid, entry_id AS entryId, text, created_at AS createdAt, updated_at AS updatedAt';

export class NotesRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /** The entry's live notes, oldest first. */
  ofEntry(entryId: number): EntryNote[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM entry_notes WHERE entry_id = ? AND deleted_at IS NULL ORDER BY created_at, id`).all(entryId) as EntryNote[];
  }

  /** Creates a note (no id) or changes its text. */
  save(req: { id?: number; entryId: number; text: string }): EntryNote {
    const text = req.text.normalize('NFC').replace(/\s+$/u, '');
    if (text.trim() === '') throw new QuireError('invalid-input', 'A note needs some text. To remove a note, delete it.');
    if (req.id === undefined) {
      if (!this.db.prepare('SELECT 1 FROM entries WHERE id = ?').get(req.entryId)) {
        throw new QuireError('not-found', `Entry ${req.entryId} is not in this archive.`);
      }
      return recordChange(this.db, 'New note', () => {
        const now = new Date().toISOString();
        const id = Number(
          this.db
            .prepare('INSERT INTO entry_notes (guid, entry_id, text, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
            .run(newGuid(), req.entryId, text, now, now).lastInsertRowid,
        );
        return this.get(id);
      });
    }
    const current = this.get(req.id);
    if (current.entryId !== req.entryId) throw new QuireError('not-found', `Note ${req.id} is not a note of entry ${req.entryId}.`);
    if (current.text === text) return current;
    return recordChange(this.db, 'Edit note', () => {
      this.db.prepare('UPDATE entry_notes SET text = ?, updated_at = ? WHERE id = ?').run(text, new Date().toISOString(), req.id);
      return this.get(current.id);
    });
  }

  delete(id: number): { deleted: boolean } {
    const live = this.db.prepare('SELECT 1 FROM entry_notes WHERE id = ? AND deleted_at IS NULL').get(id);
    if (!live) return { deleted: false };
    recordChange(this.db, 'Delete note', () => {
      this.db.prepare('UPDATE entry_notes SET deleted_at = ? WHERE id = ?').run(new Date().toISOString(), id);
    });
    return { deleted: true };
  }

  private get(id: number): EntryNote {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM entry_notes WHERE id = ? AND deleted_at IS NULL`).get(id) as EntryNote | undefined;
    if (!row) throw new QuireError('not-found', `Note ${id} is not in this archive.`);
    return row;
  }
}
