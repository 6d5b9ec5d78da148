// `quire delete` (sources or entries to the trash) and `quire undo` / `quire redo`, which the core
// keeps in the archive, so they undo what the app did too, and the reverse.
import path from 'node:path';
import type { SourceSummary } from '../../shared/contract.ts';
import { QuireError } from '../../shared/errors.ts';
import { plural, UsageError, wholeNumber, withArchive, type CliContext } from './cli-common.ts';

/** A source named on the command line: its file name, its path, or its id. */
function findSource(sources: SourceSummary[], typed: string): SourceSummary {
  const byName = sources.filter((s) => s.name === typed);
  const byPath = sources.filter((s) => s.path !== null && path.resolve(s.path) === path.resolve(typed));
  const byId = /^\d+$/.test(typed) ? sources.filter((s) => s.id === Number(typed)) : [];
  const found = byPath.length > 0 ? byPath : byName.length > 0 ? byName : byId;
  if (found.length === 1) return found[0]!;
  if (found.length === 0) throw new QuireError('not-found', `No source is named "${typed}" (give its file name, its path or its id).`);
  throw new QuireError('invalid-input', `${found.length} sources are named "${typed}" (ids ${found.map((s) => s.id).join(', ')}): give the one you mean by its full path or its id.`);
}

export async function deleteCommand(ctx: CliContext): Promise<number> {
  const { source = [], entry = [] } = ctx.options;
  if (ctx.args.length > 0 || source.length + entry.length === 0) throw new UsageError('usage: quire delete --source NAME... | --entry ID...');
  const entryIds = entry.map((e) => wholeNumber(e, '--entry', 1));
  const result = await withArchive(ctx.archivePath, async (call) => {
    const sources = source.length > 0 ? await call('listSources', undefined) : [];
    const sourceIds = [...new Set(source.map((s) => findSource(sources, s).id))];
    return call('deleteEntries', { ...(sourceIds.length > 0 ? { sourceIds } : {}), ...(entryIds.length > 0 ? { entryIds: [...new Set(entryIds)] } : {}) });
  });
  if (result.entries === 0 && result.sources === 0) {
    throw new QuireError('not-found', `Nothing was moved to the trash: ${entryIds.length === 1 ? `entry ${entryIds[0]} is` : 'those entries are'} not in this archive (or already in the trash).`);
  }
  if (ctx.options.json) {
    ctx.io.out(JSON.stringify(result));
    return 0;
  }
  const them = result.entries === 1 ? 'it' : 'them';
  const what = [result.sources > 0 ? plural(result.sources, 'source') : '', plural(result.entries, 'entry', 'entries')].filter(Boolean).join(' and ');
  const orphans =
    result.orphanedHighlights > 0
      ? `${plural(result.orphanedHighlights, 'highlight')} ${result.orphanedHighlights === 1 ? 'is' : 'are'} now orphaned (kept, and listed by quire highlights)`
      : `no highlight was on ${them}`;
  ctx.io.out(`Moved ${what} to the trash; ${orphans}. quire undo restores ${them}.`);
  return 0;
}

export async function historyCommand(ctx: CliContext, which: 'undo' | 'redo'): Promise<number> {
  if (ctx.args.length > 0) throw new UsageError(`${which} takes no arguments`);
  const result = await withArchive(ctx.archivePath, (call) => call(which, undefined));
  if (ctx.options.json) ctx.io.out(JSON.stringify(result));
  else if (result.done === null) ctx.io.out(which === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.');
  else ctx.io.out(`${which === 'undo' ? 'Undone' : 'Redone'}: ${result.done}.`);
  return 0;
}
