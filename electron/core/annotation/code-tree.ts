// The live code tree in memory (a thousand codes is a few kilobytes): paths, descendants, cycles.
// Read fresh for each call; the codes table is small and this keeps it always true.
import type { Db } from '../db/open-archive.ts';

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

  constructor(db: Db) {
    const rows = db.prepare('SELECT id, parent_id AS parentId, name, color FROM codes WHERE deleted_at IS NULL ORDER BY position, id').all() as CodeNode[];
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
