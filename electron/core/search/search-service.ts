// Search, facets, timeline, alias groups and saved searches over one archive connection.
// How it works: search-plan (parse → compile), run-search (strategy at scale), snippets,
// facets-timeline, alias-groups, saved-searches, vocabulary (+ transliteration).
import type {
  AliasGroup,
  CountProgress,
  CountRequest,
  FacetsResult,
  FacetValues,
  FacetValuesRequest,
  HighlightSpan,
  SavedSearch,
  SaveSearchRequest,
  SearchRequest,
  SearchResult,
  TimelineResult,
} from '../../../shared/contract.ts';
import { QuireError } from '../../../shared/errors.ts';
import type { Db } from '../db/open-archive.ts';
import { AliasGroups } from './alias-groups.ts';
import { CodeIds } from './code-ids.ts';
import { countFacets, countFacetValues, countTimeline } from './facets-timeline.ts';
import { parseQuery } from './query-parser.ts';
import { asQueryError, countSlice, runSearch } from './run-search.ts';
import { SavedSearches } from './saved-searches.ts';
import { findMatches } from './snippets.ts';
import { makePlan, matchingFrom, StatementCache, type PlanContext, type SearchPlan } from './search-plan.ts';
import { SearchStats } from './search-stats.ts';
import type { FacetName } from './sql-filters.ts';
import { searchThresholds, type SearchThresholds } from './search-thresholds.ts';
import { Vocabulary } from './vocabulary.ts';

/** Facets with a selection of their own (each is counted without it, so its other values stay offered). */
function selectedFacets(req: SearchRequest): Set<FacetName> {
  return new Set(Object.entries(req.filters ?? {}).flatMap(([name, values]) => (Array.isArray(values) && values.length > 0 ? [name as FacetName] : [])));
}

function checkRequest(req: SearchRequest): void {
  if (typeof req !== 'object' || req === null || typeof req.query !== 'string') {
    throw new QuireError('invalid-input', 'A search needs a query (it may be empty to browse everything).');
  }
  if (req.query.length > 5000) throw new QuireError('invalid-query', 'The query is too long (over 5,000 characters).');
}

export class SearchService {
  private readonly stmts: StatementCache;
  private readonly vocab: Vocabulary;
  private readonly stats: SearchStats;
  private readonly aliases: AliasGroups;
  private readonly boundsStmt;
  private readonly saved: SavedSearches;
  private readonly limits: SearchThresholds;
  private readonly codes: CodeIds;

  /** `thresholds` (tests set them low so every fast path runs on a small archive): see search-thresholds.ts. */
  constructor(db: Db, options: { thresholds?: Partial<SearchThresholds> } = {}) {
    this.limits = searchThresholds(options.thresholds);
    this.stmts = new StatementCache(db);
    this.stats = new SearchStats(db);
    this.vocab = new Vocabulary(db, this.stats);
    this.boundsStmt = db.prepare<[], { min: string | null; max: string | null }>('SELECT (SELECT min(date) FROM entries) AS min, (SELECT max(date) FROM entries) AS max');
    this.aliases = new AliasGroups(db);
    this.codes = new CodeIds(db);
    this.saved = new SavedSearches(db, (query, afterId) => this.countNew(query, afterId));
  }

  private plan(req: SearchRequest, skip?: FacetName): SearchPlan {
    checkRequest(req);
    return makePlan(req, this.planContext(), skip);
  }

  private planContext(): PlanContext {
    return {
      aliases: this.aliases.lookup(),
      vocab: this.vocab,
      stats: this.stats,
      dateBounds: () => this.boundsStmt.get() ?? { min: null, max: null },
      prefixWords: this.limits.prefixWords,
      arabicForms: this.limits.arabicForms,
      codes: this.codes,
    };
  }

  /** Set by the worker for a search a newer one may replace (Archive.searchInterrupt). */
  interrupt: (() => boolean) | null = null;

  search(req: SearchRequest): SearchResult {
    const started = performance.now();
    this.stmts.interrupt = this.interrupt;
    try {
      this.stmts.check();
      const plan = this.plan(req);
      const explanation = [describe(plan, req)];
      const result = runSearch(plan, req, this.stmts, this.stats, explanation, this.limits);
      return { ...result, tookMs: Math.round((performance.now() - started) * 10) / 10 };
    } catch (error) {
      throw asQueryError(error);
    } finally {
      this.stmts.interrupt = null;
    }
  }

  /** One slice of an exact count, about `budgetMs` long (see CountRequest). */
  countMatches(req: CountRequest, budgetMs = 30): CountProgress {
    try {
      const { after, ...search } = req;
      return countSlice(this.plan(search), this.stmts, after ?? 0, budgetMs);
    } catch (error) {
      throw asQueryError(error);
    }
  }

  facets(req: SearchRequest): FacetsResult {
    try {
      return countFacets((skip) => this.plan(req, skip), selectedFacets(req), this.stmts, this.codes, this.limits.facetSample, this.limits.facetExact);
    } catch (error) {
      throw asQueryError(error);
    }
  }

  /** One facet's whole list (facets lists at most 100 values of each). */
  facetValues(req: FacetValuesRequest): FacetValues {
    try {
      const { facet, ...search } = req;
      return countFacetValues(facet, (skip) => this.plan(search, skip), selectedFacets(search), this.stmts, this.codes, this.limits.facetSample, this.limits.facetExact);
    } catch (error) {
      throw asQueryError(error);
    }
  }

  timeline(req: SearchRequest): TimelineResult {
    try {
      return countTimeline(this.plan(req), this.stmts, this.limits.facetSample, this.limits.facetExact);
    } catch (error) {
      throw asQueryError(error);
    }
  }

  /**
   * Every entry the request matches, unpaged (the sort and paging fields are ignored), oldest
   * first (or newest first) with undated entries last: what "add this whole search to a
   * collection" adds, and what an export of a search writes.
   */
  matchingIds(req: SearchRequest, order: 'asc' | 'desc' = 'asc'): number[] {
    try {
      const plan = this.plan(req);
      if (plan.compiled.never) return [];
      const from = matchingFrom(plan);
      return (this.stmts.get(`SELECT e.id AS id ${from.sql} ORDER BY e.date IS NULL, ${order === 'desc' ? 'e.date DESC, e.id DESC' : 'e.date, e.id'}`).all(...from.params) as { id: number }[]).map((r) => r.id);
    } catch (error) {
      throw asQueryError(error);
    }
  }

  /** Highlight spans of the query's terms in an entry's own title and body (for the reader). */
  highlightEntry(entry: { title: string; body: string }, query: string, transliteration: boolean): { titleHighlights: HighlightSpan[]; bodyHighlights: HighlightSpan[] } {
    try {
      const plan = this.plan({ query, transliteration });
      const spans = (text: string) => findMatches(text, plan.compiled.highlights).map((m) => ({ start: m.start, end: m.end }));
      return { titleHighlights: spans(entry.title), bodyHighlights: spans(entry.body) };
    } catch (error) {
      throw asQueryError(error);
    }
  }

  private countNew(query: string, afterId: number): number {
    const plan = this.plan({ query });
    if (plan.compiled.never) return 0;
    // The id bound is written into the SQL: on the index's rowid FTS5 then reads only the newest
    // postings (with a bound parameter it reads them all: 25 ms and more per common word at 1M).
    const bound = Math.max(0, Math.trunc(afterId));
    const from = matchingFrom(plan, [{ sql: plan.compiled.match ? `entry_index.rowid > ${bound}` : `e.id > ${bound}`, params: [], label: 'new' }]);
    return (this.stmts.get(`SELECT count(*) AS n ${from.sql}`).get(...from.params) as { n: number }).n;
  }

  listAliasGroups(): AliasGroup[] {
    return this.aliases.list();
  }
  saveAliasGroup(req: { id?: number; name: string; variants: string[] }): AliasGroup {
    return this.aliases.save(req);
  }
  deleteAliasGroup(req: { id: number }): { deleted: boolean } {
    return this.aliases.delete(req.id);
  }
  importAliasGroups(req: { text: string }): ReturnType<AliasGroups['importText']> {
    return this.aliases.importText(req.text);
  }
  exportAliasGroups(): { text: string } {
    return this.aliases.exportText();
  }

  listSavedSearches(): SavedSearch[] {
    return this.saved.list();
  }
  saveSearch(req: SaveSearchRequest): SavedSearch {
    return this.saved.save(req, (query) => void parseQuery(query));
  }
  openSavedSearch(req: { id: number }): SavedSearch {
    return this.saved.open(req.id);
  }
  deleteSavedSearch(req: { id: number }): { deleted: boolean } {
    return this.saved.delete(req.id);
  }
}

function describe(plan: SearchPlan, req: SearchRequest): string {
  const parts: string[] = [];
  parts.push(plan.compiled.match ? `searching for ${req.query.trim()}` : 'all entries');
  if (plan.compiled.notes.length > 0) parts.push(plan.compiled.notes.join('; '));
  const labels = plan.filters.map((f) => f.label).filter((l) => l !== 'exclusions');
  if (labels.length > 0) parts.push(`only ${labels.join(', ')}`);
  if (req.transliteration) parts.push('with spelling variants');
  return parts.join('; ');
}
