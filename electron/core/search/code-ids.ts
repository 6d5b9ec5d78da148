// The ids a `code:` filter or a code facet selection stands for (the code and all its live
// sub-codes), worked out in JavaScript from a snapshot of the codebook and bound to the search's
// statements as a JSON array. Worked out in SQL (sql-filters.ts CODE_TREE), every statement of a
// search folded every code's path first: 4–5 ms of CPU each at 1,000 codes, and a search runs
// several (page, count, facets, timeline, the within-set guesses). The snapshot is rebuilt when
// CodeTree.current hands over another tree: the one place that tells whether the codebook may
// have changed (this connection's writes to `codes`, counted by TEMP triggers, which a read-only
// connection can make too, as they live in its temp schema; other connections' commits, by
// PRAGMA data_version; inside a transaction, a tree read again once this connection wrote a code).
import { CodeTree } from '../annotation/code-tree.ts';
import type { Db } from '../db/open-archive.ts';
import { foldText } from './fold-text.ts';

/** What sql-filters.ts asks of a resolver (SearchService gives it one CodeIds per connection). */
export interface CodeResolver {
  /** `code:VALUE`: live codes whose path or own name folds as VALUE does, with their live sub-codes. */
  named(value: string): number[];
  /** A code facet's selected values (paths as CodeTree.path writes them, compared exactly), with their live sub-codes. */
  underPaths(paths: readonly string[]): number[];
}

interface Snapshot {
  /** The tree it was built from: another one from CodeTree.current means the codebook may have changed. */
  tree: CodeTree;
  /** Live codes by path, as written (the facet's values) and folded (what code: compares). */
  byPath: Map<string, number[]>;
  byFoldedPath: Map<string, number[]>;
  byFoldedName: Map<string, number[]>;
  children: Map<number, number[]>;
  /** Live code → the code facet's values an entry carrying it counts for: its path and its live ancestors'. */
  facetPaths: Map<number, string[]>;
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

export class CodeIds implements CodeResolver {
  private readonly db: Db;
  private snapshot: Snapshot | null = null;

  constructor(db: Db) {
    this.db = db;
  }

  named(value: string): number[] {
    const s = this.current();
    const key = foldText(value);
    return subtree(s, [...(s.byFoldedPath.get(key) ?? []), ...(s.byFoldedName.get(key) ?? [])]);
  }

  underPaths(paths: readonly string[]): number[] {
    const s = this.current();
    return subtree(s, paths.flatMap((p) => s.byPath.get(p) ?? []));
  }

  /**
   * For the code facet (facets-timeline.ts): each live code's own path and its live ancestors'
   * paths, so the facet reads only code ids off the highlights (building every code's path in SQL
   * on each facets call: facets code:theme at 1M took 538 ms of CPU p50, 398 ms without).
   */
  facetPaths(): ReadonlyMap<number, readonly string[]> {
    return this.current().facetPaths;
  }

  /** The snapshot of this connection's code tree, rebuilt when that tree is another one. */
  private current(): Snapshot {
    const tree = CodeTree.current(this.db);
    if (this.snapshot?.tree !== tree) this.snapshot = build(tree);
    return this.snapshot;
  }
}

/** Paths as CodeTree writes them (the one place for their rules): a live code under no live parent is a root. */
function build(tree: CodeTree): Snapshot {
  const rows = [...tree.nodes.values()].sort((a, b) => a.id - b.id);
  const s: Snapshot = { tree, byPath: new Map(), byFoldedPath: new Map(), byFoldedName: new Map(), children: new Map(), facetPaths: new Map() };
  for (const r of rows) {
    const path = tree.path(r.id);
    push(s.byPath, path, r.id);
    push(s.byFoldedPath, foldText(path), r.id);
    push(s.byFoldedName, foldText(r.name), r.id);
    if (r.parentId !== null && tree.nodes.has(r.parentId)) push(s.children, r.parentId, r.id);
  }
  // Up the live parents only, as the path is: a trashed parent ends both.
  for (const r of rows) {
    const up: string[] = [];
    // Bounded by the tree's size: moves refuse cycles, and a damaged codebook must not hang a search.
    for (let c = tree.nodes.get(r.id); c && up.length < rows.length; c = c.parentId === null ? undefined : tree.nodes.get(c.parentId)) up.push(tree.path(c.id));
    s.facetPaths.set(r.id, up);
  }
  return s;
}

/** The picked codes and all their sub-codes, ascending, each once. */
function subtree(s: Snapshot, picked: number[]): number[] {
  const out = new Set<number>();
  const stack = [...picked];
  while (stack.length > 0) {
    const id = stack.pop() as number;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(s.children.get(id) ?? []));
  }
  return [...out].sort((a, b) => a - b);
}
