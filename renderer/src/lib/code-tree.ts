// The codebook as a tree: listCodes gives a flat list (roots first, each followed by its
// sub-codes); the sidebar and the pickers need children by parent and the sub-codes of a code.
import type { Code } from '../../../shared/contract.ts';

export interface CodeTree {
  roots: Code[];
  children: ReadonlyMap<number, Code[]>;
  byId: ReadonlyMap<number, Code>;
}

export function codeTree(codes: readonly Code[]): CodeTree {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const children = new Map<number, Code[]>();
  const roots: Code[] = [];
  for (const c of codes) {
    // A parent missing from the list (trashed meanwhile) makes its children show as roots, not vanish.
    if (c.parentId === null || !byId.has(c.parentId)) roots.push(c);
    else children.set(c.parentId, [...(children.get(c.parentId) ?? []), c]);
  }
  return { roots, children, byId };
}

/** The code's sub-codes at any depth. */
export function descendantIds(tree: CodeTree, id: number): Set<number> {
  const out = new Set<number>();
  const walk = (parent: number) => {
    for (const c of tree.children.get(parent) ?? []) {
      out.add(c.id);
      walk(c.id);
    }
  };
  walk(id);
  return out;
}

/** Depth from the root (0 for a root), for indenting a flat picker. */
export function depthOf(tree: CodeTree, code: Code): number {
  let depth = 0;
  for (let p = code.parentId; p !== null && depth < 64; depth++) p = tree.byId.get(p)?.parentId ?? null;
  return depth;
}

/** Colours offered for codes: distinct in light and dark mode, readable as a swatch on either. */
export const CODE_PALETTE = ['#e0b431', '#e07b39', '#d1495b', '#b5548c', '#7b61c9', '#3f7fd1', '#2a9d8f', '#5c9e3f', '#8a7a62', '#6b7280'];

/** The colour for a new code: the first palette colour not yet used, else cycling. */
export function nextColor(codes: readonly Code[]): string {
  const used = new Set(codes.map((c) => c.color.toLowerCase()));
  return CODE_PALETTE.find((c) => !used.has(c)) ?? CODE_PALETTE[codes.length % CODE_PALETTE.length]!;
}
