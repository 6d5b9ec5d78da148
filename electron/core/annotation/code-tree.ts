// The live code tree in memory (a thousand codes is a few kilobytes): paths, descendants, cycles.
// `new CodeTree(db)` reads it fresh (the write paths do, inside their transaction);
// `CodeTree.current(db)` keeps one per connection for the reads that run on every save, list page
// and search (search/code-ids.ts keeps its snapshot while this tree stays), and reads it again only
// after the codes may have changed: a write to `codes` by this connection (TEMP triggers count
// them; they live in the temp schema, so a read-only connection makes them too) or a commit by
// any other (PRAGMA data_version).
// Reused inside a transaction only while this connection has written no code since it was read.
import type { Db } from '../db/open-archive.ts';
import { prepared } from '../db/prepared.ts';

interface Cached {
  tree: CodeTree;
  writes: number;
  dataVersion: number;
}

/** Writes to `codes` made by each connection (its TEMP triggers call quire_codes_written). */
const codeWrites = new WeakMap<Db, { n: number }>();
const cached = new WeakMap<Db, Cached>();

/** The connection's code-write counter, its triggers made on first use (null inside a transaction, whose rollback would drop them). */
function watchCodes(db: Db): { n: number } | null {
  const known = codeWrites.get(db);
  if (known) return known;
  if (db.inTransaction) return null;
  const counter = { n: 0 };
  db.function('quire_codes_written', { deterministic: false }, () => {
    counter.n++;
    return null;
  });
  for (const event of ['insert', 'update', 'delete']) {
    db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS codes_written_${event} AFTER ${event.toUpperCase()} ON main.codes BEGIN SELECT quire_codes_written(); END`);
  }
  codeWrites.set(db, counter);
  return counter;
}

export interface CodeNode {
  id: number;
  parentId: number | null;
  name: string;
  color: string;
}

export class CodeTree {
  readonly nodes = new Map<number, CodeNode>();
  private readonly children = new Map<number | null, CodeNode[]>();
  private readonly paths = new Map<number, string>();

  /** This connection's tree, read again only when the codes may have changed since it was read. */
  static current(db: Db): CodeTree {
    const watch = watchCodes(db);
    if (!watch) return new CodeTree(db);
    const writes = watch.n;
    const dataVersion = (prepared(db, 'PRAGMA data_version').get() as { data_version: number }).data_version;
    const known = cached.get(db);
    if (known && known.writes === writes && known.dataVersion === dataVersion) return known.tree;
    const tree = new CodeTree(db);
    // Only a tree read outside a transaction is kept: one read inside could show code writes that
    // are then rolled back, which the counter cannot tell from writes that were committed.
    if (!db.inTransaction) cached.set(db, { tree, writes, dataVersion });
    return tree;
  }

  constructor(db: Db) {
    const rows = prepared(db, 'SELECT id, parent_id AS parentId, name, color FROM codes WHERE deleted_at IS NULL ORDER BY position, id').all() as CodeNode[];
    for (const row of rows) {
      this.nodes.set(row.id, row);
      const list = this.children.get(row.parentId) ?? [];
      list.push(row);
      this.children.set(row.parentId, list);
    }
  }

  /** Names from the root joined with "/" (a "/" in a name written "\/"), as search's code: filter reads them. */
  path(id: number): string {
    const known = this.paths.get(id);
    if (known !== undefined) return known;
    const node = this.nodes.get(id);
    if (!node) return '';
    const own = node.name.replace(/\//g, '\\/');
    const path = node.parentId === null || !this.nodes.has(node.parentId) ? own : `${this.path(node.parentId)}/${own}`;
    this.paths.set(id, path);
    return path;
  }

  childrenOf(id: number | null): CodeNode[] {
    return this.children.get(id) ?? [];
  }

  /** Every live sub-code at any depth. */
  descendants(id: number): number[] {
    const out: number[] = [];
    const stack = [...this.childrenOf(id)];
    while (stack.length > 0) {
      const node = stack.pop()!;
      out.push(node.id);
      stack.push(...this.childrenOf(node.id));
    }
    return out;
  }

  /** True when `candidate` is `id` itself or lies under it (re-parenting there would make a cycle). */
  isSelfOrDescendant(id: number, candidate: number): boolean {
    for (let at: number | null = candidate; at !== null; at = this.nodes.get(at)?.parentId ?? null) {
      if (at === id) return true;
    }
    return false;
  }
}
