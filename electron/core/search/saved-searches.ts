// Saved searches: "new since opened" = entries matching now whose id is above the highest entry id
// the archive held when the search was last opened (ids only grow).
import type { SavedSearch, SaveSearchRequest } from '../../../shared/contract.ts';
import { QuireError } from '../../../shared/errors.ts';
import type { Db } from '../db/open-archive.ts';

interface Row {
  id: number;
  name: string;
  query: string;
  createdAt: string;
  lastOpenedAt: string | null;
  lastMaxEntry: number;
}

const COLUMNS = 'id, name, query, created_at AS createdAt, last_opened_at AS lastOpenedAt, last_max_entry AS lastMaxEntry';

export class SavedSearches {
  private readonly db: Db;
  private readonly countNew: (query: string, afterId: number) => number;
  private readonly maxIdStmt;
  constructor(db: Db, countNew: (query: string, afterId: number) => number) {
    this.db = db;
    this.countNew = countNew;
    this.maxIdStmt = db.prepare<[], { m: number }>('SELECT coalesce(max(id), 0) AS m FROM entries');
  }

  private toSaved(row: Row): SavedSearch {
    let newSinceOpened = 0;
    try {
      newSinceOpened = this.countNew(row.query, row.lastMaxEntry);
    } catch {
      newSinceOpened = 0; // a query saved by an older Quire that no longer parses shows no count
    }
    const { lastMaxEntry, ...rest } = row;
    return { ...rest, newSinceOpened, seenUpTo: lastMaxEntry };
  }

  list(): SavedSearch[] {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM saved_searches ORDER BY name COLLATE NOCASE, id`).all() as Row[]).map((r) => this.toSaved(r));
  }

  save(req: SaveSearchRequest, validate: (query: string) => void): SavedSearch {
    const name = req.name.trim();
    if (name === '') throw new QuireError('invalid-input', 'A saved search needs a name.');
    validate(req.query);
    const id = Number(
      this.db
        .prepare('INSERT INTO saved_searches (name, query, created_at, last_opened_at, last_max_entry) VALUES (?, ?, ?, ?, ?)')
        .run(name, req.query, new Date().toISOString(), req.lastOpenedAt ?? null, req.seenUpTo ?? this.maxIdStmt.get()?.m ?? 0).lastInsertRowid,
    );
    return this.get(id);
  }

  open(id: number): SavedSearch {
    const changed = this.db
      .prepare('UPDATE saved_searches SET last_opened_at = ?, last_max_entry = ? WHERE id = ?')
      .run(new Date().toISOString(), this.maxIdStmt.get()?.m ?? 0, id).changes;
    if (changed === 0) throw new QuireError('not-found', `Saved search ${id} is not in this archive.`);
    return this.get(id);
  }

  delete(id: number): { deleted: boolean } {
    return { deleted: this.db.prepare('DELETE FROM saved_searches WHERE id = ?').run(id).changes > 0 };
  }

  private get(id: number): SavedSearch {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM saved_searches WHERE id = ?`).get(id) as Row | undefined;
    if (!row) throw new QuireError('not-found', `Saved search ${id} is not in this archive.`);
    return this.toSaved(row);
  }
}
