// Search, facets, timeline, alias groups and saved searches over one archive connection.
// (Filled in by the search issue.)
import type {
  AliasGroup,
  FacetsResult,
  SavedSearch,
  SearchRequest,
  SearchResult,
  TimelineResult,
} from '../../../shared/contract.ts';
import { QuireError } from '../../../shared/errors.ts';
import type { Db } from '../db/open-archive.ts';

const notYet = () => new QuireError('internal', 'Search is not available in this build yet.');

export class SearchService {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  search(req: SearchRequest): SearchResult {
    void this.db;
    void req;
    throw notYet();
  }
  facets(req: SearchRequest): FacetsResult {
    void req;
    throw notYet();
  }
  timeline(req: SearchRequest): TimelineResult {
    void req;
    throw notYet();
  }
  listAliasGroups(): AliasGroup[] {
    return [];
  }
  saveAliasGroup(req: { id?: number; name: string; variants: string[] }): AliasGroup {
    void req;
    throw notYet();
  }
  deleteAliasGroup(req: { id: number }): { deleted: boolean } {
    void req;
    throw notYet();
  }
  importAliasGroups(req: { text: string }): { groups: number } {
    void req;
    throw notYet();
  }
  exportAliasGroups(): { text: string } {
    throw notYet();
  }
  listSavedSearches(): SavedSearch[] {
    return [];
  }
  saveSearch(req: { name: string; query: string }): SavedSearch {
    void req;
    throw notYet();
  }
  openSavedSearch(req: { id: number }): SavedSearch {
    void req;
    throw notYet();
  }
  deleteSavedSearch(req: { id: number }): { deleted: boolean } {
    void req;
    throw notYet();
  }
}
