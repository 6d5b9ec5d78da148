// The ids a `code:` filter or a code facet selection stands for (the code and all its live
// sub-codes), worked out in JavaScript from a snapshot of the codebook and bound to the search's
// statements as a JSON array. Worked out in SQL (sql-filters.ts CODE_TREE), every statement of a
// search folded every code's path first: 4–5 ms of CPU each at 1,000 codes, and a search runs
// several (page, count, facets, timeline, the within-set guesses).
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
  /** Everything the paths and liveness depend on, to tell whether the codebook changed. */
  fingerprint: string | null;
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
  private readonly fingerprintStmt;
  private readonly changesStmt;
  private snapshot: Snapshot | null = null;
  /** data_version and total_changes() when the snapshot was last known current (null: check the fingerprint). */
  private seen: string | null = null;

  constructor(db: Db) {
    this.db = db;
    // id, parent, deletion and name are all a path and its liveness depend on (colour, memo and
    // position do not change which ids a filter stands for).
    this.fingerprintStmt = db
      .prepare<[], string | null>(`SELECT group_concat(id || ':' || coalesce(parent_id, '') || ':' || coalesce(deleted_at, '') || ':' || name, char(1)) FROM (SELECT * FROM codes ORDER BY id)`)
      .pluck();
    // data_version moves when another connection commits (the writer, another process); total_changes()
    // when this one writes. Both unmoved: nothing can have changed the codebook.
    this.changesStmt = db.prepare<[], string>(`SELECT (SELECT data_version FROM pragma_data_version) || ':' || total_changes()`).pluck();
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

  /** The snapshot, rebuilt when the codebook's rows differ from the ones it was built from. */
  private current(): Snapshot {
    // Inside a transaction a change may yet be rolled back without moving either counter back,
    // so the counters are neither trusted nor recorded there: the fingerprint decides.
    const inTransaction = this.db.inTransaction;
    const seen = inTransaction ? null : this.changesStmt.get() ?? null;
    if (this.snapshot && seen !== null && seen === this.seen) return this.snapshot;
    const fingerprint = this.fingerprintStmt.get() ?? null;
    if (!this.snapshot || this.snapshot.fingerprint !== fingerprint) this.snapshot = this.build(fingerprint);
    this.seen = seen;
    return this.snapshot;
  }

  /** Paths as CodeTree writes them (the one place for their rules): a live code under no live parent is a root. */
  private build(fingerprint: string | null): Snapshot {
    const tree = new CodeTree(this.db);
    const rows = [...tree.nodes.values()].sort((a, b) => a.id - b.id);
    const s: Snapshot = { fingerprint, byPath: new Map(), byFoldedPath: new Map(), byFoldedName: new Map(), children: new Map(), facetPaths: new Map() };
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
