// Codes (the researcher's coding scheme, a tree): list, save, merge, delete. Every write is one
// undoable change (history.ts). Deleting a code trashes it (soft delete) and never removes a
// highlight silently: only mode 'delete' trashes the highlights it leaves with no code, and the
// returned CodeImpact says how many.
import type { Code, CodeDeleteMode, CodeImpact, SaveCodeRequest } from '../../../shared/contract.ts';
import { QuireError } from '../../../shared/errors.ts';
import { newGuid } from '../db/guids.ts';
import type { Db } from '../db/open-archive.ts';
import { CodeTree } from './code-tree.ts';
import { recordChange } from './history.ts';

const DEFAULT_COLOR = '#f2c94c';

interface CodeRow {
  id: number;
  guid: string;
  parentId: number | null;
  name: string;
  color: string;
  description: string | null;
  position: number;
  createdAt: string;
  updatedAt: string;
}

const CODE_COLUMNS = `id, guid, parent_id AS parentId, name, color, description, position, created_at AS createdAt, updated_at AS updatedAt`;

export class CodesRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  list(): Code[] {
    const rows = this.db.prepare(`SELECT ${CODE_COLUMNS} FROM codes WHERE deleted_at IS NULL ORDER BY parent_id IS NOT NULL, parent_id, position, id`).all() as CodeRow[];
    // Every link counted straight off highlight_codes_code, less the links of trashed highlights
    // (highlights_trashed: a partial index, so this stays small): no probe per highlight.
    const counts = new Map((this.db.prepare('SELECT code_id AS id, count(*) AS n FROM highlight_codes GROUP BY code_id').all() as { id: number; n: number }[]).map((r) => [r.id, r.n]));
    const trashed = this.db
      .prepare('SELECT hc.code_id AS id, count(*) AS n FROM highlights h JOIN highlight_codes hc ON hc.highlight_id = h.id WHERE h.deleted_at IS NOT NULL GROUP BY hc.code_id')
      .all() as { id: number; n: number }[];
    for (const t of trashed) counts.set(t.id, (counts.get(t.id) ?? 0) - t.n);
    const tree = new CodeTree(this.db);
    return rows.map((r) => ({ ...r, path: tree.path(r.id), highlights: counts.get(r.id) ?? 0 }));
  }

  get(id: number, tree = new CodeTree(this.db)): Code {
    const row = this.row(id);
    const { n } = this.db
      .prepare('SELECT count(*) AS n FROM highlight_codes hc JOIN highlights h ON h.id = hc.highlight_id WHERE hc.code_id = ? AND h.deleted_at IS NULL')
      .get(id) as { n: number };
    return { ...row, path: tree.path(id), highlights: n };
  }

  save(req: SaveCodeRequest): Code {
    if (req.id === undefined) return this.create(req);
    const current = this.row(req.id);
    const name = req.name !== undefined ? req.name.trim() : current.name;
    if (!name) throw new QuireError('invalid-input', 'A code needs a name.');
    return recordChange(this.db, name === current.name ? `Edit code “${name}”` : `Rename code “${current.name}”`, () => {
      const tree = new CodeTree(this.db);
      const parentId = req.parentId !== undefined ? req.parentId : current.parentId;
      if (parentId !== current.parentId && parentId !== null) {
        this.row(parentId);
        if (tree.isSelfOrDescendant(current.id, parentId)) {
          throw new QuireError('invalid-input', `“${current.name}” cannot be moved under itself or one of its sub-codes.`);
        }
      }
      if (name !== current.name || parentId !== current.parentId) this.assertFreeName(name, parentId, current.id, tree);
      const position = req.position ?? (parentId !== current.parentId ? this.nextPosition(parentId) : current.position);
      this.unique(name, parentId, tree, () =>
        this.db
          .prepare('UPDATE codes SET name = ?, parent_id = ?, color = ?, description = ?, position = ?, updated_at = ? WHERE id = ?')
          .run(name, parentId, req.color ?? current.color, req.description !== undefined ? req.description : current.description, position, now(), current.id),
      );
      return this.get(current.id);
    });
  }

  impact(id: number): CodeImpact {
    this.row(id);
    const set = [id, ...new CodeTree(this.db).descendants(id)];
    const ids = JSON.stringify(set);
    const { highlights, onlyThese } = this.db
      .prepare(
        `WITH s(id) AS (SELECT value FROM json_each(?)),
              hs(id) AS (SELECT DISTINCT hc.highlight_id FROM highlight_codes hc JOIN highlights h ON h.id = hc.highlight_id
                          WHERE hc.code_id IN (SELECT id FROM s) AND h.deleted_at IS NULL)
         SELECT (SELECT count(*) FROM hs) AS highlights,
                (SELECT count(*) FROM hs WHERE NOT EXISTS (
                   SELECT 1 FROM highlight_codes o JOIN codes c ON c.id = o.code_id
                    WHERE o.highlight_id = hs.id AND c.deleted_at IS NULL AND o.code_id NOT IN (SELECT id FROM s))) AS onlyThese`,
      )
      .get(ids) as { highlights: number; onlyThese: number };
    return { id, descendants: set.length - 1, highlights, highlightsOnlyThese: onlyThese };
  }

  merge(from: number, into: number): Code {
    const source = this.row(from);
    const target = this.row(into);
    return recordChange(this.db, `Merge “${source.name}” into “${target.name}”`, () => {
      this.assertMergeable(from, into);
      this.mergeInto(from, into);
      return this.get(into);
    });
  }

  delete(id: number, mode: CodeDeleteMode, into?: number): CodeImpact {
    const code = this.row(id);
    const impact = this.impact(id);
    recordChange(this.db, `Delete code “${code.name}”`, () => {
      if (mode === 'merge') {
        if (into === undefined) throw new QuireError('invalid-input', 'Say which code to merge into.');
        this.row(into);
        this.assertMergeable(id, into);
        this.mergeInto(id, into);
      } else if (mode === 'move-up') {
        for (const child of new CodeTree(this.db).childrenOf(id)) this.moveUnder(child.id, code.parentId);
        this.db.prepare('DELETE FROM highlight_codes WHERE code_id = ?').run(id);
        this.trash([id]);
      } else {
        const set = JSON.stringify([id, ...new CodeTree(this.db).descendants(id)]);
        const t = now();
        // Highlights left with no live code go to the trash, keeping their links (undo restores both).
        this.db
          .prepare(
            `UPDATE highlights SET deleted_at = ?, updated_at = ? WHERE deleted_at IS NULL
               AND id IN (SELECT highlight_id FROM highlight_codes WHERE code_id IN (SELECT value FROM json_each(?)))
               AND NOT EXISTS (SELECT 1 FROM highlight_codes o JOIN codes c ON c.id = o.code_id
                                WHERE o.highlight_id = highlights.id AND c.deleted_at IS NULL AND o.code_id NOT IN (SELECT value FROM json_each(?)))`,
          )
          .run(t, t, set, set);
        // Highlights that keep other codes just lose these.
        this.db
          .prepare(
            `DELETE FROM highlight_codes WHERE code_id IN (SELECT value FROM json_each(?))
               AND highlight_id IN (SELECT id FROM highlights WHERE deleted_at IS NULL)`,
          )
          .run(set);
        this.trash(JSON.parse(set) as number[]);
      }
    });
    return impact;
  }

  /** A live code's row, or not-found. */
  row(id: number): CodeRow {
    const row = this.db.prepare(`SELECT ${CODE_COLUMNS} FROM codes WHERE id = ? AND deleted_at IS NULL`).get(id) as CodeRow | undefined;
    if (!row) throw new QuireError('not-found', `Code ${id} is not in this archive.`);
    return row;
  }

  private create(req: SaveCodeRequest): Code {
    const name = (req.name ?? '').trim();
    if (!name) throw new QuireError('invalid-input', 'A code needs a name.');
    const parentId = req.parentId ?? null;
    return recordChange(this.db, `New code “${name}”`, () => {
      if (parentId !== null) this.row(parentId);
      const tree = new CodeTree(this.db);
      this.assertFreeName(name, parentId, null, tree);
      const t = now();
      const id = this.unique(name, parentId, tree, () =>
        Number(
          this.db
            .prepare('INSERT INTO codes (guid, parent_id, name, color, description, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
            .run(newGuid(), parentId, name, req.color ?? DEFAULT_COLOR, req.description ?? null, req.position ?? this.nextPosition(parentId), t, t).lastInsertRowid,
        ),
      );
      return this.get(id);
    });
  }

  private assertMergeable(from: number, into: number): void {
    if (new CodeTree(this.db).isSelfOrDescendant(from, into)) {
      throw new QuireError('invalid-input', 'A code cannot be merged into itself or one of its sub-codes.');
    }
  }

  /** `from`'s highlights and sub-codes go to `into` (same-named sub-codes merge), then `from` is trashed. */
  private mergeInto(from: number, into: number): void {
    this.db.prepare('INSERT OR IGNORE INTO highlight_codes (highlight_id, code_id) SELECT highlight_id, ? FROM highlight_codes WHERE code_id = ?').run(into, from);
    this.db.prepare('DELETE FROM highlight_codes WHERE code_id = ?').run(from);
    for (const child of new CodeTree(this.db).childrenOf(from)) this.moveUnder(child.id, into);
    this.trash([from]);
  }

  /** Re-parents a code; where a sibling of the same name is already there, the two merge. */
  private moveUnder(id: number, parentId: number | null): void {
    const { name } = this.row(id);
    const clash = this.sibling(name, parentId, id);
    if (clash !== null) {
      this.mergeInto(id, clash);
      return;
    }
    this.db.prepare('UPDATE codes SET parent_id = ?, position = ?, updated_at = ? WHERE id = ?').run(parentId, this.nextPosition(parentId), now(), id);
  }

  private sibling(name: string, parentId: number | null, except: number | null): number | null {
    const row = this.db
      .prepare('SELECT id FROM codes WHERE deleted_at IS NULL AND parent_id IS ? AND name = ? COLLATE NOCASE AND id IS NOT ?')
      .get(parentId, name, except) as { id: number } | undefined;
    return row?.id ?? null;
  }

  private assertFreeName(name: string, parentId: number | null, except: number | null, tree: CodeTree): void {
    if (this.sibling(name, parentId, except) !== null) throw duplicate(name, parentId, tree);
  }

  /** Runs a write, turning the sibling-name unique index's error (a race past the check) into a clear one. */
  private unique<T>(name: string, parentId: number | null, tree: CodeTree, write: () => T): T {
    try {
      return write();
    } catch (error) {
      if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE' && /codes/.test(String((error as Error).message))) throw duplicate(name, parentId, tree);
      throw error;
    }
  }

  private nextPosition(parentId: number | null): number {
    return (this.db.prepare('SELECT coalesce(max(position) + 1, 0) AS p FROM codes WHERE parent_id IS ? AND deleted_at IS NULL').get(parentId) as { p: number }).p;
  }

  private trash(ids: number[]): void {
    const t = now();
    this.db.prepare('UPDATE codes SET deleted_at = ?, updated_at = ? WHERE id IN (SELECT value FROM json_each(?))').run(t, t, JSON.stringify(ids));
  }
}

function duplicate(name: string, parentId: number | null, tree: CodeTree): QuireError {
  return new QuireError(
    'invalid-input',
    parentId === null ? `A code named “${name}” already exists at the top level.` : `A code named “${name}” already exists under “${tree.path(parentId)}”.`,
  );
}

function now(): string {
  return new Date().toISOString();
}
