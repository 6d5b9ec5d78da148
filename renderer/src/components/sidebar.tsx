// The library: all entries, the annotations view, import, the codebook, collections, saved
// searches, facets and alias groups.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { AliasGroup, Code, FacetFilter, FacetsResult, FacetValues, SavedSearch } from '../../../shared/contract.ts';
import type { Connection } from '../archive-client.ts';
import type { DroppedFile } from '../lib/collect-dropped.ts';
import { AliasGroupList } from './alias-group-list.tsx';
import { Codebook } from './codebook.tsx';
import { CollectionList } from './collection-list.tsx';
import { FacetPanel } from './facet-panel.tsx';
import { ImportButtons } from './import-buttons.tsx';
import { SavedSearchList } from './saved-search-list.tsx';
import { SidebarSection } from './sidebar-section.tsx';

const NO_PATHS: readonly string[] = [];

interface Props {
  connection: Connection;
  /** Opens the backups dialog (make one now, restore one). */
  onShowBackups(): void;
  entryCount: number | null;
  showingAll: boolean;
  onShowAll(): void;
  importing: boolean;
  onImportFiles(files: DroppedFile[]): void;
  onImportPaths(paths: string[]): void;
  savedSearches: SavedSearch[];
  activeQuery: string;
  onOpenSaved(s: SavedSearch): void;
  onDeleteSaved(s: SavedSearch): void;
  facets: FacetsResult | null;
  facetsError: string | null;
  filters: FacetFilter;
  onToggleFacet(facet: keyof FacetFilter, value: string): void;
  /** A facet's whole list for the facets' search ("Show all"). */
  loadFacetValues?(facet: keyof FacetFilter): Promise<FacetValues>;
  aliasGroups: AliasGroup[];
  aliasError: string | null;
  onAliasesChanged(): void;
  onAliasDeleted(group: AliasGroup): void;
  annotationVersion: number;
  codes: Code[];
  view: 'search' | 'annotations';
  onView(view: 'search' | 'annotations'): void;
  /** After this window changed codes or collections: reload them now. */
  onAnnotationsChanged(): void;
  /** The code the annotations view is filtered by, and choosing it from the codebook. */
  annotationCodeId: number | null;
  onAnnotationCode(id: number): void;
  /** Hides the sidebar (it comes back with the toolbar's button, Ctrl/⌘+\ or `[`). */
  onHide?(): void;
}

export function Sidebar(p: Props) {
  // The codebook (a thousand codes at a million entries) and the facets are drawn again only when
  // their own props change: with a new array and new callbacks on every keystroke the codebook took
  // most of the page's time between a keystroke and its results. The callbacks read the latest props.
  const latest = useRef(p);
  useEffect(() => {
    latest.current = p;
  });
  const onToggleCode = useCallback((code: Code) => {
    const q = latest.current;
    if (q.view === 'annotations') q.onAnnotationCode(code.id);
    else q.onToggleFacet('code', code.path);
  }, []);
  const onToggleFacetValue = useCallback((facet: keyof FacetFilter, value: string) => {
    const q = latest.current;
    if (q.view !== 'search') q.onView('search');
    q.onToggleFacet(facet, value);
  }, []);
  const { view, codes, annotationCodeId } = p;
  const codeFilter = p.filters.code;
  const activeCodePaths = useMemo(
    () => (view === 'annotations' ? codes.filter((c) => c.id === annotationCodeId).map((c) => c.path) : (codeFilter ?? NO_PATHS)),
    [view, codes, annotationCodeId, codeFilter],
  );
  const toSearch = () => p.view !== 'search' && p.onView('search');
  // A collection opens as a list of its own, like a fresh search.
  const openCollection = (name: string) => {
    toSearch();
    p.onShowAll();
    p.onToggleFacet('collection', name);
  };
  return (
    <aside className="sidebar" id="library" aria-label="Library">
      <div className="sidebar-top">
        <h1 className="brand">Quire</h1>
        {p.onHide && (
          <button type="button" className="icon-button" aria-label="Hide library" title="Hide library (Ctrl/⌘+\ or [)" onClick={p.onHide}>
            «
          </button>
        )}
      </div>
      <nav className="sidebar-scroll">
        <SidebarSection title="Library">
          <button type="button" className="sidebar-item" aria-current={p.view === 'search' && p.showingAll} onClick={() => (toSearch(), p.onShowAll())}>
            <span className="sidebar-item-label">All entries</span>
            {p.entryCount !== null && <span className="count">{p.entryCount.toLocaleString('en-US')}</span>}
          </button>
          <button
            type="button"
            className="sidebar-item"
            aria-current={p.view === 'annotations'}
            onClick={() => p.onView(p.view === 'annotations' ? 'search' : 'annotations')}
            aria-keyshortcuts="a"
            title="Every highlight in the archive (a)"
          >
            <span className="sidebar-item-label">Annotations</span>
            <kbd aria-hidden="true">a</kbd>
          </button>
          <ImportButtons connection={p.connection} onFiles={p.onImportFiles} onPaths={p.onImportPaths} disabled={p.importing} />
          <button type="button" className="text-button small sidebar-backups" onClick={p.onShowBackups}>
            Backups…
          </button>
        </SidebarSection>
        <SidebarSection title="Codebook">
          <Codebook
            connection={p.connection}
            codes={p.codes}
            onChanged={p.onAnnotationsChanged}
            activePaths={activeCodePaths}
            onToggleCode={onToggleCode}
          />
        </SidebarSection>
        <SidebarSection title="Collections">
          <CollectionList connection={p.connection} annotationVersion={p.annotationVersion} onChanged={p.onAnnotationsChanged} activeNames={p.view === 'search' ? (p.filters.collection ?? []) : []} onOpen={openCollection} />
        </SidebarSection>
        <SidebarSection title="Saved searches">
          <SavedSearchList searches={p.savedSearches} activeQuery={p.activeQuery} onOpen={(s) => (toSearch(), p.onOpenSaved(s))} onDelete={p.onDeleteSaved} />
        </SidebarSection>
        <SidebarSection title="Refine">
          <FacetPanel facets={p.facets} error={p.facetsError} filters={p.filters} onToggle={onToggleFacetValue} loadAll={p.loadFacetValues} />
        </SidebarSection>
        <SidebarSection title="Alias groups">
          <AliasGroupList connection={p.connection} groups={p.aliasGroups} error={p.aliasError} onChanged={p.onAliasesChanged} onDeleted={p.onAliasDeleted} />
        </SidebarSection>
      </nav>
    </aside>
  );
}
