// The middle pane: the result list, or the reason there is none; rows chosen with Ctrl/Shift (or
// the whole search) go to a collection from here.
import { useEffect, useState } from 'react';
import type { CollectionSummary, SearchRequest } from '../../../shared/contract.ts';
import type { Connection } from '../archive-client.ts';
import { useMultiSelect } from '../hooks/use-multi-select.ts';
import { PAGE_SIZE, type SearchPages } from '../hooks/use-search-pages.ts';
import type { DroppedFile } from '../lib/collect-dropped.ts';
import { formatCount } from '../lib/format.ts';
import { AddToCollectionDialog } from './add-to-collection-dialog.tsx';
import { EmptyState } from './empty-state.tsx';
import { EntryList } from './entry-list.tsx';
import { ExportDialog } from './export-dialog.tsx';
import { ImportButtons } from './import-buttons.tsx';

interface Props {
  connection: Connection;
  archiveEmpty: boolean;
  pages: SearchPages;
  query: string;
  narrowed: boolean;
  /** The search the list shows, for "Add all results to collection". */
  request: SearchRequest;
  selectedIndex: number;
  onActivate(index: number): void;
  /** Moves the cursor without opening (Shift+j/k extends the selection). */
  onCursor(index: number): void;
  /** After entries went into a collection, so collection counts reload at once. */
  onAnnotationsChanged(): void;
  onImportFiles(files: DroppedFile[]): void;
  onImportPaths(paths: string[]): void;
  importing: boolean;
  resetKey: string;
  restoreScroll?: { key: string; top: number } | null;
  onScrolled?(key: string, top: number): void;
  isNew?(id: number): boolean;
}

export function ListPane(p: Props) {
  const total = p.pages.total ?? 0;
  const multi = useMultiSelect(p.resetKey, total, p.selectedIndex, p.onCursor);
  const [adding, setAdding] = useState<'selection' | 'all' | null>(null);
  const [exporting, setExporting] = useState<'selection' | 'search' | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => {
    if (!status) return;
    const t = setTimeout(() => setStatus(null), 8000);
    return () => clearTimeout(t);
  }, [status]);

  // Rows of a long Shift-range may not have loaded: fetch their pages, a few at a time.
  const selectedIds = async (): Promise<number[]> => {
    const indexes = [...multi.selected].sort((a, b) => a - b);
    const ids: number[] = [];
    for (let i = 0; i < indexes.length; i += PAGE_SIZE * 8) {
      const hits = await Promise.all(indexes.slice(i, i + PAGE_SIZE * 8).map((index) => p.pages.fetchHit(index)));
      for (const hit of hits) if (hit) ids.push(hit.id);
    }
    return ids;
  };
  const addTo = async (c: CollectionSummary): Promise<number> => {
    const { limit: _limit, offset: _offset, sort: _sort, ...search } = p.request;
    const r = adding === 'all' ? await p.connection.api.addToCollection({ collectionId: c.id, search }) : await p.connection.api.addToCollection({ collectionId: c.id, entryIds: await selectedIds() });
    if (adding === 'selection') multi.clear();
    p.onAnnotationsChanged();
    return r.added;
  };

  let body;
  if (p.archiveEmpty) {
    body = (
      <EmptyState title="Drop text dumps here">
        <p>Text, HTML, Markdown, JSON, CSV, WARC, mail archives and PDFs become dated, searchable entries. Drop files or whole folders anywhere on this window.</p>
        <ImportButtons connection={p.connection} onFiles={p.onImportFiles} onPaths={p.onImportPaths} disabled={p.importing} variant="empty" />
      </EmptyState>
    );
  } else if (p.pages.error) {
    body = (
      <div className="list-message" role="alert">
        {p.pages.error}
      </div>
    );
  } else if (p.pages.total === 0) {
    body = (
      <EmptyState title={p.query.trim() ? `No entries match “${p.query.trim()}”` : 'No entries match these filters'}>
        <p className="hint">
          {p.narrowed ? 'Remove a filter or a date range, ' : 'Try fewer words, '}
          check the spelling, or turn on <em>Spelling variants</em> for romanised names.
        </p>
      </EmptyState>
    );
  } else if (p.pages.total !== null) {
    body = (
      <EntryList
        total={p.pages.total}
        revision={p.pages.revision}
        hitAt={p.pages.hitAt}
        ensureRange={p.pages.ensureRange}
        selectedIndex={p.selectedIndex}
        checked={multi.selected}
        onSelect={(index, mods) => {
          if (!multi.click(index, mods, p.selectedIndex)) p.onActivate(index);
        }}
        resetKey={p.resetKey}
        restoreScroll={p.restoreScroll ?? null}
        onScrolled={p.onScrolled}
        isNew={p.isNew}
      />
    );
  }
  const count = multi.selected.size;
  return (
    <section className="list-pane" aria-label="Entries">
      {count > 0 ? (
        <div className="selection-bar" role="toolbar" aria-label="Selected entries">
          <span className="selection-count" data-testid="selection-count">
            {formatCount(count)} selected
          </span>
          <button type="button" className="primary-button small" onClick={() => setAdding('selection')}>
            Add to collection…
          </button>
          <button type="button" className="text-button small" onClick={() => setExporting('selection')}>
            Export…
          </button>
          <button type="button" className="text-button small" onClick={multi.clear}>
            Clear
          </button>
        </div>
      ) : (
        total > 0 &&
        !p.archiveEmpty && (
          <div className="list-actions">
            {status ? (
              <span className="list-status" role="status">
                {status}
              </span>
            ) : (
              <span className="list-hint muted">Ctrl/⌘ or Shift + click to select</span>
            )}
            <button type="button" className="text-button small" onClick={() => setAdding('all')}>
              Add all {formatCount(total)} {total === 1 ? 'result' : 'results'} to collection…
            </button>
            <button type="button" className="text-button small" onClick={() => setExporting('search')}>
              Export…
            </button>
          </div>
        )
      )}
      {body}
      {exporting && (
        <ExportDialog
          connection={p.connection}
          search={p.request}
          searchTotal={total}
          selection={count > 0 ? { count, ids: selectedIds } : null}
          initial={exporting}
          onClose={() => setExporting(null)}
        />
      )}
      {adding && (
        <AddToCollectionDialog
          connection={p.connection}
          what={adding === 'all' ? `all ${formatCount(total)} ${total === 1 ? 'result' : 'results'} of this search` : `${formatCount(count)} selected ${count === 1 ? 'entry' : 'entries'}`}
          onAdd={addTo}
          onDone={(message) => {
            setAdding(null);
            setStatus(message);
          }}
          onClose={() => setAdding(null)}
        />
      )}
    </section>
  );
}
