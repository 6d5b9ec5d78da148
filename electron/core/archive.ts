// The archive core: every contract method over one SQLite connection. No electron import here:
// the same core serves the desktop app (in a worker), the CLI and the browser-mode server.
import type { ArchiveArg, ArchiveHandlers, BackupInfo, ArchiveInfo, ArchiveMethod, ArchiveReturn, EntryOriginal, ImportProgress } from '../../shared/contract.ts';
import { QuireError } from '../../shared/errors.ts';
import path from 'node:path';
import { backupArchive, backupPath, dailyBackupDue, listBackups, pruneBackups } from './db/backups.ts';
import { annotationHandlers } from './annotation/annotation-handlers.ts';
import { organise } from './annotation/organise-handlers.ts';
import { openArchive, type Db, type OpenOptions } from './db/open-archive.ts';
import { LATEST_SCHEMA_VERSION } from './db/migrations/index.ts';
import { classifySqliteError, withSqliteErrors } from './db/sql-errors.ts';
import type { JobContext } from './import/import-files.ts';
import { EntriesRepo } from './repo/entries-repo.ts';
import { SourcesRepo } from './repo/sources-repo.ts';
import { readStats } from './repo/stats-repo.ts';
import { SearchService } from './search/search-service.ts';
import type { SearchThresholds } from './search/search-thresholds.ts';
import { APP_VERSION } from './app-version.ts';
import { exportHandlers, type ExportHooks } from './export/export-handlers.ts';

export interface JobHooks extends ExportHooks {
  isCancelled(jobId: string): boolean;
  onProgress(progress: ImportProgress): void;
  /** Thresholds of an import's statistics refresh; tests set them low (HostOptions.searchStats). */
  searchStats?: JobContext['searchStats'];
  /** An import's limits and tunables; tests set them low (HostOptions.importLimits). */
  importLimits?: JobContext['limits'];
}

const NO_JOB_HOOKS: JobHooks = { isCancelled: () => false, onProgress: () => {} };

let jobCounter = 0;
export function newJobId(): string {
  jobCounter++;
  return `job-${Date.now().toString(36)}-${jobCounter}`;
}

export class Archive {
  readonly db: Db;
  readonly path: string;
  private readonly entries: EntriesRepo;
  private readonly sources: SourcesRepo;
  private readonly searchService: SearchService;
  readonly handlers: ArchiveHandlers;

  /** `searchThresholds`: when search fast paths switch on (tests set them low; see search/search-thresholds.ts). */
  constructor(file: string, options: OpenOptions & { jobs?: JobHooks; searchThresholds?: Partial<SearchThresholds> } = {}) {
    this.path = file;
    this.db = openArchive(file, options);
    this.entries = new EntriesRepo(this.db);
    this.sources = new SourcesRepo(this.db);
    this.searchService = new SearchService(this.db, { thresholds: options.searchThresholds });
    this.handlers = this.makeHandlers(options.jobs ?? NO_JOB_HOOKS);
  }

  /**
   * While set, the search running now stops (code 'cancelled') when it returns true, checked
   * between its statements: the worker sets it for a search a newer one may replace.
   */
  set searchInterrupt(check: (() => boolean) | null) {
    this.searchService.interrupt = check;
  }

  close(): void {
    if (!this.db.open) return;
    if (!this.db.readonly) {
      // Back to a rollback journal when the last writer leaves: a later read-only open (a read-only
      // folder, a copy on a DVD) then needs no -wal/-shm files and leaves none behind. Refused
      // (busy) while another program has the archive open, which is fine: it stays in WAL mode.
      try {
        this.db.pragma('journal_mode = DELETE');
      } catch {
        // another connection is open
      }
    }
    this.db.close();
  }

  /** Calls one contract method with SQLite errors classified. */
  call<M extends ArchiveMethod>(method: M, arg: ArchiveArg<M>): ArchiveReturn<M> | Promise<ArchiveReturn<M>> {
    const handler = this.handlers[method] as (a: ArchiveArg<M>) => ArchiveReturn<M> | Promise<ArchiveReturn<M>>;
    const result = withSqliteErrors(this.path, () => handler(arg));
    if (result instanceof Promise) {
      return result.catch((error: unknown) => {
        throw classifySqliteError(error, this.path) ?? error;
      });
    }
    return result;
  }

  private makeHandlers(jobs: JobHooks): ArchiveHandlers {
    const job = (jobId: string | undefined): JobContext => {
      const id = jobId ?? newJobId();
      return { jobId: id, isCancelled: () => jobs.isCancelled(id), onProgress: (p) => jobs.onProgress(p), searchStats: jobs.searchStats, ...(jobs.importLimits ? { limits: jobs.importLimits } : {}) };
    };
    const s = this.searchService;
    const annotation = annotationHandlers(this.db);
    const organised = organise(this.db, s);
    return {
      info: () => this.info(),
      stats: () => readStats(this.db),
      // The importers (and their parsers) load on the first import: a `quire search` or `quire
      // codes` run then starts without compiling them.
      importFiles: async (req) => (await import('./import/import-files.ts')).importPaths(this.db, req.paths, { ...job(req.jobId), ...(req.fieldMap ? { fieldMap: req.fieldMap } : {}) }, req.displayNames),
      importUploads: async (req) => (await import('./import/import-files.ts')).importUploads(this.db, req.files, job(req.jobId)),
      cancelJob: () => ({ cancelled: false }), // jobs are cancelled by the host, which owns the flags
      search: (req) => s.search(req),
      countMatches: (req) => s.countMatches(req),
      facets: (req) => s.facets(req),
      facetValues: (req) => s.facetValues(req),
      timeline: (req) => s.timeline(req),
      getEntry: (req) => {
        const entry = this.entries.get(req.id);
        if (!entry) throw new QuireError('not-found', `Entry ${req.id} is not in this archive.`);
        return req.query ? { ...entry, ...s.highlightEntry(entry, req.query, req.transliteration === true) } : entry;
      },
      getEntryOriginal: (req) => this.original(req.id, req.sourceId),
      listSources: () => this.sources.list(),
      backupArchive: (req) => this.backup(req),
      listBackups: () => listBackups(this.path),
      restoreBackup: () => {
        throw new QuireError('invalid-input', 'Restoring a backup closes the archive, so the host does it, not the archive itself.');
      },
      listAliasGroups: () => s.listAliasGroups(),
      saveAliasGroup: (req) => s.saveAliasGroup(req),
      deleteAliasGroup: (req) => s.deleteAliasGroup(req),
      importAliasGroups: (req) => s.importAliasGroups(req),
      exportAliasGroups: () => s.exportAliasGroups(),
      listSavedSearches: () => s.listSavedSearches(),
      saveSearch: (req) => s.saveSearch(req),
      openSavedSearch: (req) => s.openSavedSearch(req),
      deleteSavedSearch: (req) => s.deleteSavedSearch(req),
      ...exportHandlers(this.db, jobs),
      ...annotation,
      ...organised.handlers,
      // Highlights from annotation-handlers, tags, notes and collections from organise-handlers.
      getEntryAnnotations: (req) => {
        const base = annotation.getEntryAnnotations(req);
        const parts = organised.entryParts(req.entryId);
        return base instanceof Promise ? base.then((b) => ({ ...b, ...parts })) : { ...base, ...parts };
      },
    };
  }

  private async backup(req: { path?: string; daily?: boolean }): Promise<BackupInfo | null> {
    if (req.daily) {
      if (!dailyBackupDue(this.path) || readStats(this.db).entries === 0) return null;
      const dest = backupPath(this.path, 'daily');
      await backupArchive(this.db, dest);
      pruneBackups(this.path, 'daily');
      return listBackups(this.path).find((b) => b.path === dest) ?? null;
    }
    const dest = req.path ? path.resolve(req.path) : backupPath(this.path, 'manual');
    const size = await backupArchive(this.db, dest);
    return listBackups(this.path).find((b) => b.path === dest) ?? { path: dest, name: path.basename(dest), createdAt: new Date().toISOString(), reason: 'manual', size };
  }

  private info(): ArchiveInfo {
    const sqliteVersion = (this.db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
    return { path: this.path, schemaVersion: LATEST_SCHEMA_VERSION, appVersion: APP_VERSION, sqliteVersion };
  }

  /** Async because original-region.ts brings the decoders and the HTML and WARC readers, loaded on first use. */
  private async original(id: number, sourceId?: number): Promise<EntryOriginal> {
    const entry = this.entries.get(id);
    if (!entry) throw new QuireError('not-found', `Entry ${id} is not in this archive.`);
    const prov = entry.provenance.find((p) => sourceId === undefined || p.sourceId === sourceId);
    if (!prov) throw new QuireError('not-found', `Entry ${id} did not come from source ${sourceId}.`);
    const source = this.sources.original(prov.sourceId);
    if (!source) throw new QuireError('not-found', `Source ${prov.sourceId} is not in this archive.`);
    // This source's own version of the body (white space may differ from the stored entry's).
    const body = prov.bodyStart !== null && prov.bodyEnd !== null ? source.text().slice(prov.bodyStart, prov.bodyEnd) : entry.body;
    const { originalRegion } = await import('./import/original-region.ts');
    return { entryId: id, sourceId: prov.sourceId, sourceName: source.name, ...originalRegion(source, prov, { title: entry.title, body }) };
  }
}

