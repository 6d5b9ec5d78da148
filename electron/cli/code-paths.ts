// Codes are named on the command line by their path from the root, as the contract writes
// Code.path: names joined with "/", a "/" inside a name written "\/".
import type { Code } from '../../shared/contract.ts';
import { QuireError } from '../../shared/errors.ts';
import { UsageError } from './cli-common.ts';

/** The names along a typed path ("Topics/Economy/Trade"), unescaping "\/". */
export function splitCodePath(typed: string): string[] {
  const names: string[] = [];
  let current = '';
  for (let i = 0; i < typed.length; i++) {
    if (typed[i] === '\\' && typed[i + 1] === '/') {
      current += '/';
      i++;
    } else if (typed[i] === '/') {
      names.push(current.trim());
      current = '';
    } else current += typed[i];
  }
  names.push(current.trim());
  if (names.some((n) => n === '')) throw new UsageError(`"${typed}" is not a code path: write names joined with "/", e.g. Topics/Economy (a "/" inside a name is written "\\/")`);
  return names;
}

export function joinCodePath(names: string[]): string {
  return names.map((n) => n.replaceAll('/', '\\/')).join('/');
}

/** The child of `parentId` called `name`: the exact name first, else the one name that differs only in case. */
function child(codes: Code[], parentId: number | null, name: string): Code | undefined {
  const siblings = codes.filter((c) => c.parentId === parentId);
  const exact = siblings.find((c) => c.name === name);
  if (exact) return exact;
  const folded = siblings.filter((c) => c.name.toLocaleLowerCase() === name.toLocaleLowerCase());
  return folded.length === 1 ? folded[0] : undefined;
}

export interface CodeWalk {
  /** The codes found along the path, from the root. */
  found: Code[];
  /** The names not found (from the first missing one on). */
  missing: string[];
}

export function walkCodePath(codes: Code[], names: string[]): CodeWalk {
  const found: Code[] = [];
  for (let i = 0; i < names.length; i++) {
    const next = child(codes, found.at(-1)?.id ?? null, names[i]!);
    if (!next) return { found, missing: names.slice(i) };
    found.push(next);
  }
  return { found, missing: [] };
}

/** The code at a typed path; not found says how far the path got. */
export function findCode(codes: Code[], typed: string): Code {
  const names = splitCodePath(typed);
  const { found, missing } = walkCodePath(codes, names);
  if (missing.length === 0) return found.at(-1)!;
  const where = found.length > 0 ? ` (${found.at(-1)!.path} has no sub-code "${missing[0]}")` : '';
  throw new QuireError('not-found', `There is no code "${joinCodePath(names)}"${where}. Add it with: quire code add "${joinCodePath(names)}"`);
}

export interface CodeTreeNode {
  id: number;
  guid: string;
  name: string;
  path: string;
  color: string;
  description: string | null;
  /** Highlights carrying this code itself. */
  highlights: number;
  children: CodeTreeNode[];
}

/** The codebook as a tree, siblings in their saved order. */
export function codeTree(codes: Code[]): CodeTreeNode[] {
  const byParent = new Map<number | null, Code[]>();
  for (const c of codes) byParent.set(c.parentId, [...(byParent.get(c.parentId) ?? []), c]);
  const ids = new Set(codes.map((c) => c.id));
  const build = (parentId: number | null): CodeTreeNode[] =>
    (byParent.get(parentId) ?? [])
      .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name))
      .map((c) => ({ id: c.id, guid: c.guid, name: c.name, path: c.path, color: c.color, description: c.description, highlights: c.highlights, children: build(c.id) }));
  // A code whose parent is not listed (should not happen) still shows, at the root.
  const orphans = codes.filter((c) => c.parentId !== null && !ids.has(c.parentId)).map((c) => c.parentId);
  return [...build(null), ...[...new Set(orphans)].flatMap((p) => build(p))];
}
