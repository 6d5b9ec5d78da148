// The middle pane: the result list, or the reason there is none.
import type { Connection } from '../archive-client.ts';
import type { SearchPages } from '../hooks/use-search-pages.ts';
import type { DroppedFile } from '../lib/collect-dropped.ts';
import { EmptyState } from './empty-state.tsx';
import { EntryList } from './entry-list.tsx';
import { ImportButtons } from './import-buttons.tsx';

interface Props {
  connection: Connection;
  archiveEmpty: boolean;
  pages: SearchPages;
  query: string;
  narrowed: boolean;
  selectedIndex: number;
  onActivate(index: number): void;
  onImportFiles(files: DroppedFile[]): void;
  onImportPaths(paths: string[]): void;
  importing: boolean;
  resetKey: string;
}

export function ListPane(p: Props) {
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
        onSelect={p.onActivate}
        resetKey={p.resetKey}
      />
    );
  }
  return (
    <section className="list-pane" aria-label="Entries">
      {body}
    </section>
  );
}
