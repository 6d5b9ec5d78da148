// `quire collection add NAME (--query Q | --entry ID...)`: named sets of entries.
import type { CollectionSummary } from '../../shared/contract.ts';
import { QuireError } from '../../shared/errors.ts';
import { plural, UsageError, wholeNumber, withArchive, type CliContext } from './cli-common.ts';

/** The collection with this name: exact first, else the one that differs only in case. */
function lookupCollection(collections: CollectionSummary[], name: string): CollectionSummary | undefined {
  const exact = collections.find((c) => c.name === name);
  if (exact) return exact;
  const folded = collections.filter((c) => c.name.toLocaleLowerCase() === name.toLocaleLowerCase());
  return folded.length === 1 ? folded[0] : undefined;
}

export function findCollection(collections: CollectionSummary[], name: string): CollectionSummary {
  const found = lookupCollection(collections, name);
  if (found) return found;
  throw new QuireError('not-found', `There is no collection "${name}". Make one with: quire collection add "${name}" --query QUERY`);
}

export async function collectionCommand(ctx: CliContext, sub: string | undefined): Promise<number> {
  if (sub !== 'add') throw new UsageError(sub ? `unknown collection command "${sub}": use collection add` : 'usage: quire collection add NAME (--query Q | --entry ID...)');
  if (ctx.args.length !== 1) throw new UsageError('usage: quire collection add NAME (--query Q | --entry ID...)');
  const name = ctx.args[0]!.trim();
  if (name === '') throw new UsageError('the collection needs a name');
  const { query, entry } = ctx.options;
  if ((query !== undefined) === (entry !== undefined)) throw new UsageError('give either --query Q (every entry it matches) or --entry ID (one or more)');
  const entryIds = entry?.map((e) => wholeNumber(e, '--entry', 1));
  const { collection, created, added } = await withArchive(ctx.archivePath, async (call) => {
    const existing = lookupCollection(await call('listCollections', undefined), name);
    const collection = existing ?? (await call('saveCollection', { name }));
    const { added } = await call('addToCollection', { collectionId: collection.id, ...(query !== undefined ? { search: { query } } : { entryIds: [...new Set(entryIds)] }) });
    const after = (await call('listCollections', undefined)).find((c) => c.id === collection.id) ?? collection;
    return { collection: after, created: !existing, added };
  });
  if (ctx.options.json) ctx.io.out(JSON.stringify({ id: collection.id, guid: collection.guid, name: collection.name, created, added, entries: collection.entries }));
  else ctx.io.out(`${created ? 'Created collection' : 'Collection'} "${collection.name}": ${plural(added, 'entry', 'entries')} added, ${plural(collection.entries, 'entry', 'entries')} in all.`);
  return 0;
}
