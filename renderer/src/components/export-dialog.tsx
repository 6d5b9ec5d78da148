// File › Export…, and the Export buttons on search results and collections: what (the current
// search, the selected entries, a collection, the whole archive), which format, highlights only
// with N characters of context, then where (the desktop's save dialog; browser mode downloads).
// The export runs as a job in the archive: progress shows here, Cancel stops it and writes nothing.
import { useEffect, useRef, useState } from 'react';
import type { CollectionSummary, ExportFormat, ExportProgress, ExportReport, ExportScope, SearchRequest } from '../../../shared/contract.ts';
import type { Connection } from '../archive-client.ts';
import { useArchiveEvent } from '../hooks/use-archive-event.ts';
import { errorMessage } from '../lib/errors.ts';
import { formatCount, plural } from '../lib/format.ts';
import '../export-dialog.css';
import { Dialog } from './dialog.tsx';

export type ExportWhat = 'search' | 'selection' | 'collection' | 'all';

interface Props {
  connection: Connection;
  /** The search the list shows (paging and order are dropped), or null when there is none. */
  search?: SearchRequest | null;
  searchTotal?: number | null;
  /** Entries chosen in the list. */
  selection?: { count: number; ids(): Promise<number[]> } | null;
  initial?: ExportWhat;
  collectionId?: number;
  onClose(): void;
}

export const EXPORT_FORMATS: { value: ExportFormat; label: string; ext: string }[] = [
  { value: 'html', label: 'HTML: one file to read or print', ext: 'html' },
  { value: 'docx', label: 'Word document', ext: 'docx' },
  { value: 'md', label: 'Markdown', ext: 'md' },
  { value: 'csv', label: 'Spreadsheet (CSV): one row per highlight', ext: 'csv' },
  { value: 'qdpx', label: 'REFI-QDA project for NVivo, ATLAS.ti, MAXQDA (.qdpx)', ext: 'qdpx' },
  { value: 'json', label: 'Quire JSON: everything, re-importable', ext: 'json' },
  { value: 'w3c', label: 'W3C Web Annotations (JSON-LD)', ext: 'jsonld' },
];

type Phase = { kind: 'form' } | { kind: 'running'; jobId: string; progress: ExportProgress | null } | { kind: 'done'; report: ExportReport; where: string };

let jobCounter = 0;

export function ExportDialog({ connection, search = null, searchTotal = null, selection = null, initial, collectionId, onClose }: Props) {
  const [collections, setCollections] = useState<CollectionSummary[] | null>(null);
  const openCollection = search?.filters?.collection?.length === 1 ? search.filters.collection[0] : null;
  const [what, setWhat] = useState<ExportWhat>(initial ?? (selection && selection.count > 0 ? 'selection' : openCollection ? 'collection' : search ? 'search' : 'all'));
  const [chosenCollection, setChosenCollection] = useState<number | null>(collectionId ?? null);
  const [format, setFormat] = useState<ExportFormat>('html');
  const [highlightsOnly, setHighlightsOnly] = useState(false);
  const [context, setContext] = useState('200');
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const [error, setError] = useState<string | null>(null);
  const jobRef = useRef<string | null>(null);

  useEffect(() => {
    connection.api.listCollections().then(
      (list) => {
        setCollections(list);
        setChosenCollection((c) => c ?? list.find((x) => x.name === openCollection)?.id ?? list[0]?.id ?? null);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [connection, openCollection]);

  useArchiveEvent(connection, (e) => {
    if (e.type === 'export-progress' && e.progress.jobId === jobRef.current) setPhase((p) => (p.kind === 'running' ? { ...p, progress: e.progress } : p));
  });

  const scope = async (): Promise<ExportScope | null> => {
    if (what === 'all') return { kind: 'all' };
    if (what === 'collection') return chosenCollection === null ? null : { kind: 'collection', collectionId: chosenCollection };
    if (what === 'selection') return selection ? { kind: 'entries', entryIds: await selection.ids() } : null;
    if (!search) return null;
    const { limit: _limit, offset: _offset, ...rest } = search;
    return { kind: 'search', search: rest };
  };

  const start = async () => {
    setError(null);
    const contextN = Number(context);
    if (highlightsOnly && !(Number.isInteger(contextN) && contextN >= 0 && contextN <= 100_000)) return setError('Context is a whole number of characters, 0 to 100,000.');
    const s = await scope();
    if (!s) return setError(what === 'collection' ? 'Choose a collection.' : 'There is nothing to export here.');
    const ext = EXPORT_FORMATS.find((f) => f.value === format)!.ext;
    const suggested = `quire-${what === 'collection' ? slug(collections?.find((c) => c.id === chosenCollection)?.name ?? 'collection') : what}-${new Date().toISOString().slice(0, 10)}.${ext}`;
    let path: string | null = null;
    if (connection.pickExportPath) {
      path = await connection.pickExportPath(suggested);
      if (path === null) return; // the save dialog was cancelled
    }
    const jobId = `export-${Date.now().toString(36)}-${++jobCounter}`;
    jobRef.current = jobId;
    setPhase({ kind: 'running', jobId, progress: null });
    try {
      const report = await connection.api.exportArchive({ scope: s, format, jobId, ...(highlightsOnly ? { highlightsOnly: true, context: contextN } : {}), ...(path ? { path } : {}) });
      if (report.cancelled) {
        setPhase({ kind: 'form' });
        setError('Export cancelled; nothing was written.');
        return;
      }
      if (!path) await connection.downloadExport({ ...report, fileName: suggested });
      setPhase({ kind: 'done', report, where: path ?? suggested });
    } catch (e) {
      setPhase({ kind: 'form' });
      setError(errorMessage(e));
    } finally {
      jobRef.current = null;
    }
  };

  const cancel = () => {
    if (phase.kind === 'running') void connection.api.cancelJob({ jobId: phase.jobId });
  };

  const footer =
    phase.kind === 'running' ? (
      <button type="button" className="text-button" onClick={cancel}>
        Cancel export
      </button>
    ) : phase.kind === 'done' ? (
      <button type="button" className="primary-button" onClick={onClose} autoFocus>
        Done
      </button>
    ) : (
      <>
        <button type="button" className="text-button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" form="export-form" className="primary-button">
          {connection.pickExportPath ? 'Export…' : 'Export and download'}
        </button>
      </>
    );

  return (
    <Dialog title="Export" onClose={phase.kind === 'running' ? cancel : onClose} className="export-dialog" footer={footer}>
      {phase.kind === 'done' ? (
        <p role="status" className="export-done">
          Exported {plural(phase.report.entries, 'entry', 'entries')} and {plural(phase.report.highlights, 'highlight')} {connection.pickExportPath ? 'to' : 'as'} <span className="export-path">{phase.where}</span>.
          {phase.report.warnings.map((w) => (
            <span key={w} className="muted export-warning">
              {w}
            </span>
          ))}
        </p>
      ) : phase.kind === 'running' ? (
        <div className="export-running" role="status">
          <progress max={phase.progress?.entriesTotal || 1} value={phase.progress?.entriesDone ?? 0} aria-label="Export progress" />
          <span>
            {phase.progress
              ? `${formatCount(phase.progress.entriesDone)} of ${plural(phase.progress.entriesTotal, 'entry', 'entries')} · ${plural(phase.progress.highlightsDone, 'highlight')}`
              : 'Starting…'}
          </span>
        </div>
      ) : (
        <form
          id="export-form"
          className="stacked-form export-form"
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          <fieldset className="export-what">
            <legend>What</legend>
            {search && (
              <label className="collection-choice">
                <input type="radio" name="export-what" checked={what === 'search'} onChange={() => setWhat('search')} />
                <span>
                  The current search{searchTotal !== null ? ` (${plural(searchTotal, 'entry', 'entries')})` : ''}
                  {search.query.trim() ? <span className="muted"> “{search.query.trim()}”</span> : null}
                </span>
              </label>
            )}
            {selection && selection.count > 0 && (
              <label className="collection-choice">
                <input type="radio" name="export-what" checked={what === 'selection'} onChange={() => setWhat('selection')} />
                <span>The {plural(selection.count, 'selected entry', 'selected entries')}</span>
              </label>
            )}
            <label className="collection-choice">
              <input type="radio" name="export-what" checked={what === 'collection'} onChange={() => setWhat('collection')} disabled={collections !== null && collections.length === 0} />
              <span>A collection</span>
              <select
                aria-label="Collection"
                value={chosenCollection ?? ''}
                onChange={(e) => {
                  setChosenCollection(Number(e.target.value));
                  setWhat('collection');
                }}
                disabled={!collections || collections.length === 0}
              >
                {collections?.length === 0 && <option value="">No collections yet</option>}
                {collections?.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name} ({plural(c.entries, 'entry', 'entries')})
                  </option>
                ))}
              </select>
            </label>
            <label className="collection-choice">
              <input type="radio" name="export-what" checked={what === 'all'} onChange={() => setWhat('all')} />
              <span>The whole archive</span>
            </label>
          </fieldset>
          <label>
            <span>Format</span>
            <select value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)} aria-label="Format">
              {EXPORT_FORMATS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
          <div className="export-options">
            <label className="collection-choice">
              <input type="checkbox" checked={highlightsOnly} onChange={(e) => setHighlightsOnly(e.target.checked)} />
              <span>Only the highlights, each with context</span>
            </label>
            {highlightsOnly && (
              <label className="export-context">
                <input type="number" min={0} max={100000} value={context} onChange={(e) => setContext(e.target.value)} aria-label="Characters of context either side" />
                <span>characters either side</span>
              </label>
            )}
          </div>
          <p className="muted export-note">
            Every passage carries its citation: source file, SHA-256, where in the file, and the entry’s date, author and outlet.
            {connection.pickExportPath ? ' You choose where to save it next.' : ' The file downloads when it is ready.'}
          </p>
          {error && (
            <p className="inline-error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </Dialog>
  );
}

function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'collection'
  );
}
