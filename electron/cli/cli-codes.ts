// `quire codes` and `quire code add|rename|merge|delete`: the codebook from the command line.
import type { Code, CodeDeleteMode } from '../../shared/contract.ts';
import { validateInput } from '../../shared/contract-schemas.ts';
import { QuireError } from '../../shared/errors.ts';
import { plural, UsageError, withArchive, type CliContext } from './cli-common.ts';
import { codeTree, findCode, splitCodePath, walkCodePath, type CodeTreeNode } from './code-paths.ts';

export async function listCodesCommand(ctx: CliContext): Promise<number> {
  if (ctx.args.length > 0) throw new UsageError('codes takes no arguments (quire codes [--json])');
  const codes = await withArchive(ctx.archivePath, (call) => call('listCodes', undefined));
  const tree = codeTree(codes);
  if (ctx.options.json) ctx.io.out(JSON.stringify(tree));
  else if (tree.length === 0) ctx.io.out('No codes yet. Add one with: quire code add NAME');
  else ctx.io.out(formatTree(tree).join('\n'));
  return 0;
}

function formatTree(nodes: CodeTreeNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [
    `${'  '.repeat(depth)}${n.name.replaceAll('/', '\\/')}  ${plural(n.highlights, 'highlight')}  ${n.color}`,
    ...formatTree(n.children, depth + 1),
  ]);
}

export async function codeCommand(ctx: CliContext, sub: string | undefined): Promise<number> {
  switch (sub) {
    case 'add':
      return addCode(ctx);
    case 'rename':
      return renameCode(ctx);
    case 'merge':
      return mergeCode(ctx);
    case 'delete':
      return deleteCode(ctx);
    default:
      throw new UsageError(sub ? `unknown code command "${sub}": use code add, rename, merge or delete` : 'code needs add, rename, merge or delete (e.g. quire code add Topics/Economy)');
  }
}

function arity(ctx: CliContext, n: number, usage: string): string[] {
  if (ctx.args.length !== n) throw new UsageError(`usage: ${usage}`);
  return ctx.args;
}

/** Creates the code and any missing parents along its path; the colour goes to the last one. */
async function addCode(ctx: CliContext): Promise<number> {
  const [typed] = arity(ctx, 1, 'quire code add PATH/TO/CODE [--color C]');
  const names = splitCodePath(typed!);
  // Checked before any parent is made, so that a mistyped colour leaves nothing half done.
  if (ctx.options.color !== undefined) validateInput('saveCode', { name: names.at(-1)!, color: ctx.options.color });
  const created: Code[] = [];
  const code = await withArchive(ctx.archivePath, async (call) => {
    const { found, missing } = walkCodePath(await call('listCodes', undefined), names);
    if (missing.length === 0) throw new QuireError('invalid-input', `The code "${found.at(-1)!.path}" already exists.`);
    let parentId = found.at(-1)?.id ?? null;
    for (const [i, name] of missing.entries()) {
      const last = i === missing.length - 1;
      const saved = await call('saveCode', { name, parentId, ...(last && ctx.options.color !== undefined ? { color: ctx.options.color } : {}) });
      created.push(saved);
      parentId = saved.id;
    }
    return created.at(-1)!;
  });
  if (ctx.options.json) ctx.io.out(JSON.stringify(codeJson(code)));
  else {
    const parents = created.slice(0, -1).map((c) => c.path);
    ctx.io.out(`Added code ${code.path} (id ${code.id}, ${code.color})${parents.length > 0 ? `, and its parent${parents.length > 1 ? 's' : ''} ${parents.join(', ')}` : ''}.`);
  }
  return 0;
}

async function renameCode(ctx: CliContext): Promise<number> {
  const [typed, newName] = arity(ctx, 2, 'quire code rename PATH NEWNAME');
  const names = splitCodePath(newName!);
  if (names.length > 1) throw new UsageError(`the new name is a name, not a path: write a "/" inside a name as "\\/"`);
  const [before, after] = await withArchive(ctx.archivePath, async (call) => {
    const code = findCode(await call('listCodes', undefined), typed!);
    return [code, await call('saveCode', { id: code.id, name: names[0]! })] as const;
  });
  if (ctx.options.json) ctx.io.out(JSON.stringify(codeJson(after)));
  else ctx.io.out(`Renamed ${before.path} to ${after.path}.`);
  return 0;
}

async function mergeCode(ctx: CliContext): Promise<number> {
  const [fromPath, intoPath] = arity(ctx, 2, 'quire code merge FROM_PATH INTO_PATH');
  const { from, impact, into } = await withArchive(ctx.archivePath, async (call) => {
    const codes = await call('listCodes', undefined);
    const from = findCode(codes, fromPath!);
    const target = findCode(codes, intoPath!);
    if (from.id === target.id) throw new UsageError('a code cannot be merged into itself');
    const impact = await call('codeImpact', { id: from.id });
    return { from, impact, into: await call('mergeCodes', { from: from.id, into: target.id }) };
  });
  if (ctx.options.json) ctx.io.out(JSON.stringify({ merged: codeJson(from), into: codeJson(into), subCodes: impact.descendants, highlights: impact.highlights }));
  else ctx.io.out(`Merged ${from.path} into ${into.path}: ${plural(impact.descendants, 'sub-code')} and ${plural(from.highlights, 'highlight')} moved. quire undo restores it.`);
  return 0;
}

const MODES: CodeDeleteMode[] = ['move-up', 'merge', 'delete'];

async function deleteCode(ctx: CliContext): Promise<number> {
  const [typed] = arity(ctx, 1, 'quire code delete PATH [--mode move-up|merge|delete] [--into PATH]');
  const { mode: typedMode, into: intoPath } = ctx.options;
  // --into alone means merge; without either, nothing under the code is lost: its sub-codes move up.
  const mode = (typedMode ?? (intoPath !== undefined ? 'merge' : 'move-up')) as CodeDeleteMode;
  if (!MODES.includes(mode)) throw new UsageError('--mode must be move-up, merge or delete');
  if (mode === 'merge' && intoPath === undefined) throw new UsageError('--mode merge needs --into PATH (the code that takes the sub-codes and highlights)');
  if (mode !== 'merge' && intoPath !== undefined) throw new UsageError('--into goes with --mode merge');
  const { code, into, impact } = await withArchive(ctx.archivePath, async (call) => {
    const codes = await call('listCodes', undefined);
    const code = findCode(codes, typed!);
    const into = intoPath === undefined ? undefined : findCode(codes, intoPath);
    if (into && (into.id === code.id || into.path.startsWith(`${code.path}/`))) throw new UsageError(`cannot merge ${code.path} into itself or one of its sub-codes`);
    const impact = await call('deleteCode', { id: code.id, mode, ...(into ? { into: into.id } : {}) });
    return { code, into, impact };
  });
  if (ctx.options.json) {
    ctx.io.out(JSON.stringify({ deleted: codeJson(code), mode, ...(into ? { into: into.path } : {}), subCodes: impact.descendants, highlights: impact.highlights, highlightsTrashed: mode === 'delete' ? impact.highlightsOnlyThese : 0 }));
    return 0;
  }
  const subs = plural(impact.descendants, 'sub-code');
  const hls = plural(impact.highlights, 'highlight');
  const parent = code.path.includes('/') ? code.path.slice(0, code.path.lastIndexOf('/')) : 'the root';
  const what =
    mode === 'move-up'
      ? `${subs} moved up to ${impact.descendants > 0 ? parent : 'its parent'}; ${plural(code.highlights, 'highlight')} lost this code and kept any other`
      : mode === 'merge'
        ? `${subs} and ${plural(code.highlights, 'highlight')} moved into ${into!.path}`
        : `${subs} deleted with it; of ${hls} carrying them, ${plural(impact.highlightsOnlyThese, 'highlight')} had no other code and went to the trash`;
  ctx.io.out(`Deleted code ${code.path}: ${what}. quire undo restores it.`);
  return 0;
}

function codeJson(c: Code) {
  return { id: c.id, guid: c.guid, name: c.name, path: c.path, parentId: c.parentId, color: c.color, description: c.description, highlights: c.highlights };
}
