// What an export holds: a collection, a search's matches, chosen entries or the whole archive,
// resolved to entry ids (a number each: a million entries is a few megabytes), then read back a
// page at a time. A collection holds entries (with all their highlights) and single highlights
// (their entry comes along with just those highlights), as the annotations view reads it.
import type { ExportScope } from '../../../shared/contract.ts';
import { QuireError } from '../../../shared/errors.ts';
import type { Db } from '../db/open-archive.ts';
import { SearchService } from '../search/search-service.ts';
import type { ExportCollection, ExportEntry, ProgressFn } from './export-model.ts';
import { ExportReader } from './export-reader.ts';

const PAGE = 200;

export interface ExportPlan {
  title: string;
  ids: number[];
  /** Entries brought in by single highlights: only those highlights go with them. */
  onlyHighlights: Map<number, Set<number>>;
  /** The collection exported, when the scope is one. */
  collectionId: number | null;
}

export function planExport(db: Db, reader: ExportReader, scope: ExportScope): ExportPlan {
  const only = new Map<number, Set<number>>();
  switch (scope.kind) {
    case 'all':
      return { title: 'The whole archive', ids: reader.allEntryIds(), onlyHighlights: only, collectionId: null };
    case 'entries':
      return { title: `${scope.entryIds.length === 1 ? 'One entry' : `${scope.entryIds.length} chosen entries`}`, ids: reader.existing(scope.entryIds), onlyHighlights: only, collectionId: null };
    case 'collection': {
      const collection = reader.collection(scope.collectionId);
      if (!collection) throw new QuireError('not-found', `Collection ${scope.collectionId} is not in this archive.`);
      const members = reader.collectionMembers(collection.id);
      const ids = [...members.entries];
      const whole = new Set(members.entries);
      for (const h of members.highlights) {
        if (whole.has(h.entryId)) continue;
        if (!only.has(h.entryId)) {
          only.set(h.entryId, new Set());
          ids.push(h.entryId);
        }
        only.get(h.entryId)!.add(h.id);
      }
      return { title: `Collection “${collection.name}”`, ids: reader.existing(ids), onlyHighlights: only, collectionId: collection.id };
    }
    case 'search': {
      // One query for every match, by date (a relevance order would only be a page's worth).
      const ids = new SearchService(db).matchingIds(scope.search, scope.search.sort === 'date-desc' ? 'desc' : 'asc');
      const q = scope.search.query.trim();
      return { title: q ? `Search “${q}”` : 'All entries matching the filters', ids, onlyHighlights: only, collectionId: null };
    }
  }
}

/** Reads the plan's entries a page at a time, reporting progress and stopping when cancelled. */
export async function* entryPages(
  reader: ExportReader,
  plan: ExportPlan,
  opts: { highlightsOnly: boolean; isCancelled: () => boolean; onProgress: ProgressFn; onCancel: () => never },
): AsyncGenerator<ExportEntry[]> {
  let highlightsDone = 0;
  for (let i = 0; i < plan.ids.length; i += PAGE) {
    if (opts.isCancelled()) opts.onCancel();
    const page = reader.page(plan.ids.slice(i, i + PAGE), plan.onlyHighlights);
    highlightsDone += page.reduce((n, e) => n + e.highlights.length, 0);
    yield opts.highlightsOnly ? page.filter((e) => e.highlights.length > 0) : page;
    opts.onProgress({ entriesDone: Math.min(i + PAGE, plan.ids.length), entriesTotal: plan.ids.length, highlightsDone });
  }
}

/**
 * Collections that hold any exported entry or highlight, each with its members restricted to the
 * export (an export of a collection carries just that one).
 */
export async function* exportCollections(
  reader: ExportReader,
  plan: ExportPlan,
): AsyncGenerator<{ collection: ExportCollection; entryGuids: string[]; highlightGuids: string[] }> {
  const exported = new Set(plan.ids);
  const list = plan.collectionId !== null ? [reader.collection(plan.collectionId)!] : reader.collections();
  for (const collection of list) {
    const entryGuids: string[] = [];
    for (let after = -1; ; ) {
      const slice = reader.memberEntries(collection.id, after, 5000);
      for (const m of slice) if (exported.has(m.entryId)) entryGuids.push(m.guid);
      if (slice.length < 5000) break;
      after = slice[slice.length - 1]!.position;
      await Promise.resolve();
    }
    const highlightGuids = reader.memberHighlights(collection.id).filter((h) => exported.has(h.entryId)).map((h) => h.guid);
    if (entryGuids.length > 0 || highlightGuids.length > 0 || plan.collectionId !== null) yield { collection, entryGuids, highlightGuids };
  }
}

/** Titles and highlight counts in export order, read ahead for a table of contents. */
export async function* outlinePages(reader: ExportReader, plan: ExportPlan, highlightsOnly: boolean): AsyncGenerator<{ guid: string; title: string; date: string | null; highlights: number }[]> {
  for (let i = 0; i < plan.ids.length; i += PAGE * 10) {
    const page = reader.outline(plan.ids.slice(i, i + PAGE * 10), plan.onlyHighlights);
    yield highlightsOnly ? page.filter((e) => e.highlights > 0) : page;
    await Promise.resolve();
  }
}
