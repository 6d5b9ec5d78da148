// The app frame: library sidebar, search toolbar with timeline, result list, reader.
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type CSSProperties } from 'react';
import type { AliasGroup, FacetFilter, HighlightListItem, SavedSearch, SearchHit } from '../../shared/contract.ts';
import type { Connection } from './archive-client.ts';
import { type HighlightFilters } from './components/annotation-filters.tsx';
import { AnnotationsView, NO_HIGHLIGHT_FILTERS } from './components/annotations-view.tsx';
import { DropOverlay } from './components/drop-overlay.tsx';
import { ErrorBanner } from './components/error-banner.tsx';
import { BackupsDialog } from './components/backups-dialog.tsx';
import { ExportDialog } from './components/export-dialog.tsx';
import { FilterChips } from './components/filter-chips.tsx';
import { HistoryStatus } from './components/history-status.tsx';
import { ImportProgressBar } from './components/import-progress.tsx';
import { ImportReportDialog } from './components/import-report.tsx';
import { ListPane } from './components/list-pane.tsx';
import { Reader } from './components/reader.tsx';
import { SaveSearchDialog } from './components/save-search-dialog.tsx';
import { SearchBar, SearchOptions } from './components/search-bar.tsx';
import { ShortcutsHelp } from './components/shortcuts-help.tsx';
import { Sidebar } from './components/sidebar.tsx';
import { Splitter } from './components/splitter.tsx';
import { Timeline } from './components/timeline.tsx';
import { UndoToast } from './components/undo-toast.tsx';
import { UpgradeProgressBar } from './components/upgrade-progress.tsx';
import { useArchiveGone } from './hooks/use-archive-gone.ts';
import { useArchiveHistory } from './hooks/use-archive-history.ts';
import { useAnnotationVersion } from './hooks/use-annotation-version.ts';
import { useArchiveVersion } from './hooks/use-archive-version.ts';
import { useArchiveEvent } from './hooks/use-archive-event.ts';
import { useAfterList } from './hooks/use-after-list.ts';
import { useAsyncValue } from './hooks/use-async-value.ts';
import { useCodes } from './hooks/use-codes.ts';
import { useImport } from './hooks/use-import.ts';
import { useKeyboard } from './hooks/use-keyboard.ts';
import { useNewMarks } from './hooks/use-new-marks.ts';
import { LIST_MIN, READER_MIN, SIDEBAR_MAX, SIDEBAR_MIN, useLayout } from './hooks/use-layout.ts';
import { useSearchPages } from './hooks/use-search-pages.ts';
import { usePersistedView } from './hooks/use-persisted-view.ts';
import { useSearchHistory, type SearchView } from './hooks/use-search-history.ts';
import { useSearchState } from './hooks/use-search-state.ts';
import { useShowExport } from './hooks/use-show-export.ts';
import { useUndo } from './hooks/use-undo.ts';
import { useViewKey } from './hooks/use-view-key.ts';
import { useWindowDrop } from './hooks/use-window-drop.ts';
import { errorMessage } from './lib/errors.ts';
import { facetLabel } from './lib/format.ts';
import { fold, queryTerms } from './lib/query-terms.ts';

const isUnfinishedQuery = (e: unknown) => e instanceof Error && (e as { code?: unknown }).code === 'invalid-query';

export function App({ connection }: { connection: Connection }) {
  const [version, bump] = useArchiveVersion(connection);
  const [aliasVersion, setAliasVersion] = useState(0);
  const [savedVersion, setSavedVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [selectedIndex, setSelectedIndex] = useState(-1);
  // highlightId: opened from the annotations view, so the reader scrolls to that passage.
  const [openHit, setOpenHit] = useState<{ id: number; hit?: SearchHit; highlightId?: number } | null>(null);
  const [view, setView] = useState<'search' | 'annotations'>('search');
  const [highlightFilters, setHighlightFilters] = useState<HighlightFilters>(NO_HIGHLIGHT_FILTERS);
  const [saving, setSaving] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const searchInput = useRef<HTMLInputElement>(null);
  const layout = useLayout();
  const panesRef = useRef<HTMLDivElement>(null);

  const search = useSearchState();
  // Moved by the archive's events and, at once, by this window's own edits (without waiting for the event).
  const [ownAnnotationEdits, annotationsEdited] = useReducer((n: number) => n + 1, 0);
  const annotationVersion = useAnnotationVersion(connection) + ownAnnotationEdits;
  const codes = useCodes(connection, annotationVersion);
  useViewKey(() => setView((v) => (v === 'search' ? 'annotations' : 'search')));
  const openHighlight = (h: HighlightListItem) => setOpenHit({ id: h.entryId, highlightId: h.id });
  const undo = useUndo(setError);
  const history = useArchiveHistory(connection, { toastOffered: undo.offer !== null, onError: setError, onChanged: bump });
  const imports = useImport(connection);
  const archive = useArchiveGone(connection, bump);
  const exportMenu = useShowExport(connection);
  const [backupsOpen, setBackupsOpen] = useState(false);
  useArchiveEvent(connection, (e) => e.type === 'show-backups' && setBackupsOpen(true));
  const info = useAsyncValue(`info#${version}`, () => connection.api.info());
  const readOnly = info.value?.readOnly ?? null;
  const newMarks = useNewMarks(info.value?.path ?? null);
  const markRead = newMarks.read;
  const openId = openHit?.id ?? null;
  useEffect(() => {
    if (openId !== null) markRead(openId);
  }, [openId, markRead]);
  const dragging = useWindowDrop(connection.mode, imports.importDropped);

  const stats = useAsyncValue(`stats#${version}`, () => connection.api.stats());
  const searchVersion = version * 1000 + aliasVersion;
  const pages = useSearchPages(connection, search.request, searchVersion);
  // Facets and the timeline come after the list's first page, never before it (use-after-list.ts).
  const scopeKey = JSON.stringify(search.scope) + '#' + searchVersion;
  const afterList = useAfterList(scopeKey, search.scope, !pages.loading);
  const facetScope = afterList?.value;
  const facets = useAsyncValue(afterList && `facets${afterList.key}`, () => connection.api.facets(facetScope!), isUnfinishedQuery);
  // A facet's "Show all": its whole list for the search the facets were counted for.
  const loadFacetValues = useCallback((facet: keyof FacetFilter) => connection.api.facetValues({ ...facetScope!, facet }), [connection, facetScope]);
  // The timeline ignores its own date range, so the brushed selection is seen in its context.
  const timelineScope = useMemo(() => facetScope && { ...facetScope, dateFrom: null, dateTo: null }, [facetScope]);
  const timeline = useAsyncValue(timelineScope ? `timeline${JSON.stringify(timelineScope)}#${searchVersion}` : null, () => connection.api.timeline(timelineScope!), isUnfinishedQuery);
  // While a query is unfinished the list, reader and sidebar stay with the last good search.
  const shownQuery = pages.shown?.query ?? search.query;
  const aliases = useAsyncValue(`aliases#${aliasVersion}`, () => connection.api.listAliasGroups());
  const saved = useAsyncValue(`saved#${savedVersion}#${version}`, () => connection.api.listSavedSearches());

  const resetKey = JSON.stringify(pages.shown ?? search.request);
  useEffect(() => setSelectedIndex(-1), [resetKey]);

  const openIndex = useCallback(
    (index: number) => {
      setSelectedIndex(index);
      void pages.fetchHit(index).then((hit) => hit && setOpenHit({ id: hit.id, hit }));
    },
    [pages],
  );

  const searchView: SearchView = { search: search.snapshot, entryId: openHit?.id ?? null };
  const restoreSearch = search.restore;
  const applyView = useCallback(
    (v: SearchView) => {
      restoreSearch(v.search);
      setOpenHit((cur) => (v.entryId === null ? null : cur?.id === v.entryId ? cur : { id: v.entryId }));
    },
    [restoreSearch],
  );
  const searchHistory = useSearchHistory({ view: searchView, apply: applyView, otherChange: `${annotationVersion}#${undo.offer?.key ?? 0}` });
  const restartHistory = searchHistory.restart;
  const kept = usePersistedView(
    info.value?.path ?? null,
    searchView,
    useCallback(
      (v: SearchView) => {
        applyView(v);
        restartHistory();
      },
      [applyView, restartHistory],
    ),
  );

  const total = pages.total ?? 0;
  useKeyboard(searchInput, {
    move: (delta) => setSelectedIndex((i) => (total === 0 ? -1 : Math.min(total - 1, Math.max(0, i < 0 ? (delta > 0 ? 0 : 0) : i + delta)))),
    open: () => {
      if (selectedIndex >= 0) openIndex(selectedIndex);
      else if (total > 0) openIndex(0);
    },
    // One layer per Esc: the typed words, then the open entry, then one filter; Cmd/Ctrl+Z puts it back.
    clear: () => {
      const before = searchView;
      let changed = true;
      if (search.typed) search.setTyped('');
      else if (openHit) setOpenHit(null);
      else changed = search.clearOneFilter();
      if (changed) searchHistory.escaped(before);
      searchInput.current?.blur();
    },
    help: () => setHelpOpen(true),
  });

  // Highlight what was typed, the variants that matched, and the other names of any alias group hit.
  const terms = useMemo(() => {
    const base = queryTerms(shownQuery, openHit?.hit?.matchedVariants ?? []);
    const typed = new Set(base.map((t) => fold(t.text)));
    const extra: string[] = [];
    for (const g of aliases.value ?? []) if (g.variants.some((v) => typed.has(fold(v)))) extra.push(...g.variants);
    return extra.length > 0 ? queryTerms(shownQuery, [...(openHit?.hit?.matchedVariants ?? []), ...extra]) : base;
  }, [shownQuery, openHit, aliases.value]);

  const labelFor = (facet: string, value: string) =>
    facetLabel(facet, value, (facets.value?.[facet as keyof FacetFilter] ?? []).find((c) => c.value === value)?.label ?? value);

  const openSaved = (s: SavedSearch) => {
    search.reset(s.query);
    if (s.newSinceOpened > 0) newMarks.opened(s.query, s.seenUpTo);
    connection.api.openSavedSearch({ id: s.id }).then(() => setSavedVersion((v) => v + 1), (e: unknown) => setError(errorMessage(e)));
  };
  // Deletions are offered back for a few seconds; undo re-creates the item through the contract.
  const deleteSaved = (s: SavedSearch) => {
    connection.api.deleteSavedSearch({ id: s.id }).then(
      () => {
        setSavedVersion((v) => v + 1);
        undo.offerUndo(`Deleted saved search “${s.name}”`, () =>
          connection.api.saveSearch({ name: s.name, query: s.query, seenUpTo: s.seenUpTo, lastOpenedAt: s.lastOpenedAt }).then(() => setSavedVersion((v) => v + 1)),
        );
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  };
  const aliasDeleted = (g: AliasGroup) => {
    undo.offerUndo(`Deleted alias group “${g.name}”`, () =>
      connection.api.saveAliasGroup({ name: g.name, variants: g.variants }).then(() => setAliasVersion((v) => v + 1)),
    );
  };

  const archiveEmpty = stats.value !== null && stats.value.entries === 0;
  const importing = imports.state.phase === 'uploading' || imports.state.phase === 'importing';
  const narrowed = search.within.length > 0 || Object.values(search.filters).some((v) => v && v.length > 0) || Boolean(search.dateFrom || search.dateTo);
  const shownError = error ?? imports.error ?? stats.error;

  const frameStyle = { '--sidebar-w': `${layout.sidebarWidth}px`, '--list-w': `${layout.listWidth}px` } as CSSProperties;
  const panesWidth = panesRef.current?.clientWidth ?? 1000;
  return (
    <div className={`app layout-${layout.mode} ${layout.sidebarShown ? 'sidebar-shown' : 'sidebar-hidden'}`} style={frameStyle}>
      {layout.sidebarShown && layout.mode !== 'wide' && <div className="sidebar-scrim" aria-hidden="true" onClick={layout.hideSidebar} />}
      <Sidebar
        onHide={layout.hideSidebar}
        connection={connection}
        onShowBackups={() => setBackupsOpen(true)}
        entryCount={stats.value?.entries ?? null}
        showingAll={!search.query && !narrowed}
        onShowAll={() => search.reset()}
        importing={importing}
        onImportFiles={imports.importDropped}
        onImportPaths={imports.importPaths}
        savedSearches={saved.value ?? []}
        activeQuery={search.query}
        onOpenSaved={openSaved}
        onDeleteSaved={deleteSaved}
        facets={archiveEmpty ? null : facets.value}
        facetsError={archiveEmpty ? null : facets.error}
        filters={search.filters}
        onToggleFacet={search.toggleFilter}
        loadFacetValues={loadFacetValues}
        aliasGroups={aliases.value ?? []}
        aliasError={aliases.error}
        onAliasesChanged={() => setAliasVersion((v) => v + 1)}
        onAliasDeleted={aliasDeleted}
        annotationVersion={annotationVersion}
        codes={codes}
        view={view}
        onView={setView}
        onAnnotationsChanged={annotationsEdited}
        annotationCodeId={highlightFilters.codeId ?? null}
        onAnnotationCode={(id) => setHighlightFilters((f) => ({ ...f, codeId: f.codeId === id ? undefined : id }))}
      />
      {layout.sidebarShown && layout.mode === 'wide' && (
        <Splitter label="Library width" value={layout.sidebarWidth} min={SIDEBAR_MIN} max={SIDEBAR_MAX} originX={() => 0} onChange={layout.setSidebarWidth} />
      )}
      <div className="workspace">
        {view === 'search' && (
          <header className="toolbar">
            <div className="toolbar-row">
              <button
                type="button"
                className="icon-button sidebar-toggle"
                aria-label={layout.sidebarShown ? 'Hide library' : 'Show library'}
                aria-expanded={layout.sidebarShown}
                aria-controls="library"
                title={`${layout.sidebarShown ? 'Hide' : 'Show'} library (Ctrl/⌘+\\ or [)`}
                onClick={layout.toggleSidebar}
              >
                <svg viewBox="0 0 16 16" aria-hidden="true">
                  <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.3" />
                  <path d="M6 2.5v11" stroke="currentColor" strokeWidth="1.3" />
                </svg>
              </button>
              <SearchBar
                ref={searchInput}
                value={search.typed}
                onChange={search.setTyped}
                onClear={() => {
                  search.setTyped('');
                  searchInput.current?.focus();
                }}
                onSubmit={() => undefined}
                hint={pages.invalid}
              />
            </div>
            <SearchOptions
              total={archiveEmpty ? null : pages.total}
              totalExact={pages.totalExact}
              counting={pages.counting}
              loading={pages.loading}
              sort={search.sort}
              onSort={search.setSort}
              transliteration={search.transliteration}
              onTransliteration={search.setTransliteration}
              canNarrow={search.typed.trim().length > 0 && !pages.invalid}
              onNarrow={search.narrow}
              canSave={search.query.trim().length > 0}
              saveBlocked={pages.invalid ? `Finish the query first: ${pages.invalid}` : null}
              onSave={() => setSaving(true)}
            />
            {pages.explanation && search.query.trim() !== '' && !archiveEmpty && <p className="explanation muted">{pages.explanation}</p>}
            <FilterChips
              within={search.within}
              onRemoveWithin={search.removeWithin}
              filters={search.filters}
              labelFor={labelFor}
              onRemoveFilter={search.toggleFilter}
              dateFrom={search.dateFrom}
              dateTo={search.dateTo}
              onClearDates={() => search.setDates(null, null)}
              onClearAll={search.clearFilters}
            />
            {!archiveEmpty && <Timeline timeline={timeline.value} dateFrom={search.dateFrom} dateTo={search.dateTo} onRange={search.setDates} updating={timeline.loading || afterList?.key !== scopeKey} />}
          </header>
        )}
        {readOnly && (
          <div className="readonly-banner" role="status">
            <span>Read-only: {readOnly}</span>
            <button type="button" className="text-button small" onClick={() => setBackupsOpen(true)}>
              Backups…
            </button>
          </div>
        )}
        {archive.gone && (
          <div className="readonly-banner gone-banner" role="alert">
            <span>
              The archive process is not answering, so nothing can be read or saved. Start <code>quire serve</code> again (or reopen the app), then reconnect.
              {archive.stillGone && ' Still no answer.'}
            </span>
            <button type="button" className="primary-button small" onClick={archive.reconnect} disabled={archive.trying}>
              {archive.trying ? 'Reconnecting…' : 'Reconnect'}
            </button>
          </div>
        )}
        {shownError && !archive.gone && <ErrorBanner message={shownError} onDismiss={() => (setError(null), imports.dismiss())} />}
        <UpgradeProgressBar connection={connection} />
        <ImportProgressBar state={imports.state} onCancel={imports.cancel} />
        <div className={`panes${view === 'annotations' ? ' is-annotations' : ''}`} ref={panesRef}>
          {view === 'search' && layout.mode !== 'narrow' && (
            <Splitter
              label="List width"
              value={layout.listWidth}
              min={LIST_MIN}
              max={Math.max(LIST_MIN, panesWidth - READER_MIN)}
              originX={() => panesRef.current?.getBoundingClientRect().left ?? 0}
              onChange={(px) => layout.setListWidth(Math.min(px, (panesRef.current?.clientWidth ?? 1000) - READER_MIN))}
            />
          )}
          {view === 'annotations' ? (
            <AnnotationsView
              connection={connection}
              annotationVersion={annotationVersion}
              codes={codes}
              currentId={openHit?.highlightId ?? null}
              onOpen={openHighlight}
              onClose={() => setView('search')}
              filters={highlightFilters}
              onFilters={setHighlightFilters}
            />
          ) : (
            <ListPane
              connection={connection}
              archiveEmpty={archiveEmpty}
              pages={pages}
              query={shownQuery}
              narrowed={narrowed}
              selectedIndex={selectedIndex}
              onActivate={openIndex}
              onImportFiles={imports.importDropped}
              onImportPaths={imports.importPaths}
              importing={importing}
              resetKey={resetKey}
              restoreScroll={kept.pendingScroll}
              onScrolled={kept.onScroll}
              isNew={(id) => newMarks.isNew(shownQuery, id)}
              request={search.request}
              onCursor={setSelectedIndex}
              onAnnotationsChanged={annotationsEdited}
            />
          )}
          <main className="reader-pane" aria-label="Reader">
            <Reader
              connection={connection}
              entryId={openHit?.id ?? null}
              query={shownQuery}
              transliteration={search.transliteration}
              terms={terms}
              version={version}
              onOpen={(id) => setOpenHit({ id })}
              focusHighlightId={openHit?.highlightId ?? null}
            />
          </main>
        </div>
      </div>
      <DropOverlay visible={dragging} />
      <UndoToast offer={undo.offer} onUndo={undo.undo} onDismiss={undo.dismiss} onHold={undo.hold} />
      <HistoryStatus status={history.status} onRun={history.run} onDismiss={history.dismiss} />
      {helpOpen && <ShortcutsHelp onClose={() => setHelpOpen(false)} />}
      {backupsOpen && <BackupsDialog connection={connection} readOnly={readOnly} onClose={() => setBackupsOpen(false)} onRestored={bump} />}
      {exportMenu.open && <ExportDialog connection={connection} search={view === 'search' ? search.request : null} searchTotal={pages.total} onClose={exportMenu.close} />}
      {imports.state.phase === 'done' && (
        <ImportReportDialog
          report={imports.state.report}
          onClose={() => {
            imports.dismiss();
            bump();
          }}
        />
      )}
      {saving && (
        <SaveSearchDialog
          query={search.query}
          onClose={() => setSaving(false)}
          onSave={async (name) => {
            await connection.api.saveSearch({ name, query: search.query });
            setSaving(false);
            setSavedVersion((v) => v + 1);
          }}
        />
      )}
    </div>
  );
}
