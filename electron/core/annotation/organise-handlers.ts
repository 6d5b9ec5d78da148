// The contract methods for tags, entry notes, collections and deleting sources and entries,
// spread into Archive's handler map beside annotation-handlers.ts (codes, highlights, history).
// `entryParts` gives getEntryAnnotations its tags, notes and collections.
import type { ArchiveHandlers, EntryAnnotations } from '../../../shared/contract.ts';
import type { Db } from '../db/open-archive.ts';
import type { SearchService } from '../search/search-service.ts';
import { CollectionsRepo } from './collections-repo.ts';
import { NotesRepo } from './notes-repo.ts';
import { TagsRepo } from './tags-repo.ts';
import { deleteEntries } from './trash.ts';

export type OrganiseMethod =
  | 'listTags'
  | 'setEntryTags'
  | 'saveEntryNote'
  | 'deleteEntryNote'
  | 'listCollections'
  | 'saveCollection'
  | 'deleteCollection'
  | 'addToCollection'
  | 'removeFromCollection'
  | 'deleteEntries';

export interface Organise {
  handlers: Pick<ArchiveHandlers, OrganiseMethod>;
  /** An entry's tags, notes and collections (getEntryAnnotations adds its highlights). */
  entryParts(entryId: number): Pick<EntryAnnotations, 'tags' | 'notes' | 'collections'>;
}

export function organise(db: Db, search: SearchService): Organise {
  const tags = new TagsRepo(db);
  const notes = new NotesRepo(db);
  const collections = new CollectionsRepo(db);
  return {
    handlers: {
      listTags: () => tags.list(),
      setEntryTags: (req) => ({ tags: tags.setForEntry(req.entryId, req.tags) }),
      saveEntryNote: (req) => notes.save(req),
      deleteEntryNote: (req) => notes.delete(req.id),
      listCollections: () => collections.list(),
      saveCollection: (req) => collections.save(req),
      deleteCollection: (req) => collections.delete(req.id),
      addToCollection: (req) => {
        collections.get(req.collectionId); // not-found before a long search
        const entryIds = [...(req.entryIds ?? []), ...(req.search ? search.matchingIds(req.search) : [])];
        return { added: collections.add(req.collectionId, entryIds, req.highlightIds ?? []) };
      },
      removeFromCollection: (req) => ({ removed: collections.remove(req.collectionId, req.entryIds ?? [], req.highlightIds ?? []) }),
      deleteEntries: (req) => deleteEntries(db, req),
    },
    entryParts: (entryId) => ({ tags: tags.ofEntry(entryId), notes: notes.ofEntry(entryId), collections: collections.ofEntry(entryId) }),
  };
}
