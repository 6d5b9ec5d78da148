// The reader pane: the open entry with its metadata, provenance, versions and text, where text
// can be selected and highlighted with codes and notes; tags and notes on the whole entry.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Code, EntryAnnotations, EntryDetail } from '../../../shared/contract.ts';
import { bodyStart16, entryText } from '../../../shared/entry-text.ts';
import type { Connection } from '../archive-client.ts';
import { useAnnotationVersion } from '../hooks/use-annotation-version.ts';
import { useAsyncValue } from '../hooks/use-async-value.ts';
import { useCodes } from '../hooks/use-codes.ts';
import { useEntryAnnotations } from '../hooks/use-entry-annotations.ts';
import { useHeldWhileSelecting } from '../hooks/use-held-while-selecting.ts';
import { useReaderAnnotating } from '../hooks/use-reader-annotating.ts';
import { markRanges } from '../lib/annotation-segments.ts';
import { errorMessage } from '../lib/errors.ts';
import { formatDate } from '../lib/format.ts';
import type { Term } from '../lib/query-terms.ts';
import { AnnotatedText, type Paint } from './annotated-text.tsx';
import { AnnotationToolbar } from './annotation-toolbar.tsx';
import { EntryTagsNotes } from './entry-tags-notes.tsx';
import { HighlightPopover } from './highlight-popover.tsx';
import { ReaderBody } from './reader-body.tsx';
import { ReaderOriginal } from './reader-original.tsx';
import { ReaderVersions } from './reader-versions.tsx';

interface Props {
  connection: Connection;
  entryId: number | null;
  /** The search as sent, so the archive marks its terms the way search matched them. */
  query: string;
  transliteration: boolean;
  /** Fallback highlighting, for an archive that does not mark terms itself. */
  terms: Term[];
  version: number;
  onOpen(id: number): void;
  /** Scroll to this highlight of the open entry and flash it (e.g. opened from the annotations view). */
  focusHighlightId?: number | null;
}

export function Reader({ connection, entryId, query, transliteration, terms, version, onOpen, focusHighlightId = null }: Props) {
  const q = query.trim();
  const entry = useAsyncValue(`${entryId}#${version}#${transliteration}#${q}`, () =>
    entryId === null ? Promise.resolve(null) : connection.api.getEntry(q ? { id: entryId, query: q, ...(transliteration ? { transliteration } : {}) } : { id: entryId }),
  );
  // The archive's version moves too after an undo or redo in this window (which may also have
  // restored or trashed entries), so both counters drive the annotations.
  const annotationVersion = useAnnotationVersion(connection) + version;
  const codes = useCodes(connection, annotationVersion);
  const annotations = useEntryAnnotations(connection, entryId, annotationVersion);

  if (entryId === null) {
    return (
      <div className="reader-placeholder">
        <p>Select an entry to read it.</p>
        <p className="muted">
          <kbd>j</kbd> <kbd>k</kbd> move, <kbd>Enter</kbd> opens
        </p>
      </div>
    );
  }
  if (entry.error) return <p className="inline-error reader-error">{entry.error}</p>;
  const e = entry.value;
  if (!e || e.id !== entryId) return <div className="reader-placeholder" aria-busy="true" />;
  return (
    <EntryView
      connection={connection}
      entry={e}
      terms={terms}
      codes={codes}
      annotations={annotations.value}
      annotationsError={annotations.error}
      reload={annotations.reload}
      onOpen={onOpen}
      focusHighlightId={focusHighlightId}
    />
  );
}

const COLOR = /^#[0-9a-f]{3,8}$/i;

function usePaint(text: string, annotations: EntryAnnotations | null, activeId: number | null, flashId: number | null): Paint {
  const highlights = annotations?.highlights;
  const base = useMemo(() => {
    const placed = (highlights ?? []).filter((h) => h.anchor !== 'orphaned');
    const marks = markRanges(text, placed);
    // Each highlight keeps one underline lane along its whole length: the lowest lane free at its start.
    const lanes = new Map<number, number>();
    const laneEnds: number[] = [];
    for (const m of [...marks].sort((a, b) => a.start - b.start || b.end - a.end)) {
      let lane = laneEnds.findIndex((end) => end <= m.start);
      if (lane < 0) lane = laneEnds.length;
      laneEnds[lane] = m.end;
      lanes.set(m.id, lane);
    }
    const colors = new Map<number, string>();
    const titles = new Map<number, string>();
    for (const h of placed) {
      const c = h.codes[0]?.color;
      if (c && COLOR.test(c)) colors.set(h.id, c);
      const what = h.codes.length > 0 ? h.codes.map((x) => x.path).join(', ') : 'Highlight';
      titles.set(h.id, h.note ? `${what}: ${h.note}` : what);
    }
    return { marks, lanes, colors, titles };
  }, [text, highlights]);
  return useMemo(() => ({ ...base, activeId, flashId }), [base, activeId, flashId]);
}

interface ViewProps {
  connection: Connection;
  entry: EntryDetail;
  terms: Term[];
  codes: Code[];
  annotations: EntryAnnotations | null;
  annotationsError: string | null;
  reload(): void;
  onOpen(id: number): void;
  focusHighlightId: number | null;
}

function EntryView({ connection, entry: e, terms, codes, annotations, annotationsError, reload, onOpen, focusHighlightId }: ViewProps) {
  const [showOriginal, setShowOriginal] = useState(false);
  // Show original is a look at this entry's source, not a mode: the next entry opens as text.
  useEffect(() => setShowOriginal(false), [e.id]);
  const [error, setError] = useState<string | null>(null);
  const [flashId, setFlashId] = useState<number | null>(null);
  const root = useRef<HTMLElement>(null);
  const text = useMemo(() => entryText(e.title, e.body), [e.title, e.body]);
  const bodyStart = bodyStart16(e.title);
  const a = useReaderAnnotating({ connection, entryId: e.id, text, root, annotations, codes, reload, onError: setError });
  // Highlights pushed while the user selects are drawn once the selection is done, not under it.
  const drawn = useHeldWhileSelecting(annotations, e.id, root);
  const paint = usePaint(text, drawn, a.popover?.id ?? null, flashId);
  const source = e.provenance[0];

  // Jump to a highlight once it is drawn: scroll it to the middle and flash it.
  const jumped = useRef<string | null>(null);
  useEffect(() => {
    if (focusHighlightId === null || !annotations) return;
    const key = `${e.id}:${focusHighlightId}`;
    if (jumped.current === key) return;
    const el = root.current?.querySelector<HTMLElement>(`[data-hl-start="${focusHighlightId}"]`) ?? root.current?.querySelector<HTMLElement>(`[data-hl~="${focusHighlightId}"]`);
    if (!el) return;
    jumped.current = key;
    el.scrollIntoView({ block: 'center' });
    setFlashId(focusHighlightId);
    const t = setTimeout(() => setFlashId(null), 1600);
    return () => clearTimeout(t);
  }, [focusHighlightId, annotations, e.id]);
  useEffect(() => {
    if (focusHighlightId === null) jumped.current = null;
  }, [focusHighlightId]);

  const act = useCallback(
    // Settles true once done, false once refused (the error shows in the reader).
    (p: Promise<unknown>): Promise<boolean> =>
      p.then(
        () => {
          reload();
          return true;
        },
        (x: unknown) => {
          setError(errorMessage(x));
          return false;
        },
      ),
    [reload],
  );

  const open = a.popover ? a.highlightOf(a.popover.id) : undefined;
  const titleSearch = e.titleHighlights ?? [];

  return (
    <article ref={root} className="reader" dir={e.direction} aria-labelledby="reader-title" data-entry-id={e.id} onClick={a.onClick} onKeyDown={a.onKeyDown}>
      <header className="reader-header">
        <h2 id="reader-title" dir="auto" className={e.title ? undefined : 'is-untitled'}>
          {e.title ? <AnnotatedText text={text} from={0} to={e.title.length} search={titleSearch} paint={paint} /> : source?.sourceName || 'Untitled'}
        </h2>
        {/* The labels follow the entry's direction, so an RTL entry's metadata sits under its title. */}
        <dl className="reader-meta">
          {e.date && (
            <div>
              <dt>Date</dt>
              <dd dir="ltr">
                <time dateTime={e.date}>{formatDate(e.date)}</time>
              </dd>
            </div>
          )}
          {e.author && (
            <div>
              <dt>Author</dt>
              <dd dir="auto">{e.author}</dd>
            </div>
          )}
          {e.outlet && (
            <div>
              <dt>Outlet</dt>
              <dd dir="auto">{e.outlet}</dd>
            </div>
          )}
          {e.provenance.map((p) => (
            <div key={p.sourceId}>
              <dt>Source</dt>
              <dd className="reader-source" title={p.sourcePath ?? p.sourceName} dir="auto">
                {p.sourceName}
              </dd>
            </div>
          ))}
          {e.url && (
            <div>
              <dt>URL</dt>
              <dd className="reader-url" dir="ltr">
                {e.url}
              </dd>
            </div>
          )}
        </dl>
        {source && (
          <button type="button" className="text-button small" aria-pressed={showOriginal} onClick={() => setShowOriginal((x) => !x)}>
            {showOriginal ? 'Hide original' : 'Show original'}
          </button>
        )}
        {annotations && (
          <EntryTagsNotes
            tags={annotations.tags}
            notes={annotations.notes}
            onSetTags={(tags) => act(connection.api.setEntryTags({ entryId: e.id, tags }))}
            onSaveNote={(n) => act(connection.api.saveEntryNote({ ...(n.id !== undefined ? { id: n.id } : {}), entryId: e.id, text: n.text }))}
            onDeleteNote={(id) => act(connection.api.deleteEntryNote({ id }))}
          />
        )}
      </header>
      {(error ?? annotationsError) && (
        <p className="inline-error annot-error" role="alert" dir="ltr">
          {error ?? annotationsError}{' '}
          {error && (
            <button type="button" className="text-button small" onClick={() => setError(null)}>
              Dismiss
            </button>
          )}
        </p>
      )}
      <div dir="ltr">
        <ReaderVersions
          connection={connection}
          currentText={text}
          current={{ id: e.id, title: e.title, date: e.date, outlet: e.outlet, source: source?.sourceName ?? null }}
          versions={e.versions}
          earliestDate={e.earliestDate}
          onOpen={onOpen}
        />
      </div>
      {showOriginal && source ? (
        <ReaderOriginal connection={connection} entryId={e.id} sourceId={source.sourceId} direction={e.direction} />
      ) : (
        <ReaderBody body={e.body} text={text} bodyStart={bodyStart} spans={e.bodyHighlights} terms={terms} direction={e.direction} paint={paint} />
      )}
      {a.selection && !a.popover && (
        <AnnotationToolbar top={a.selection.top} left={a.selection.left} codes={codes} busy={a.busy} onHighlight={(ids) => a.create(ids)} onNote={() => a.create([], true)} />
      )}
      {a.popover && open && (
        <HighlightPopover
          key={open.id}
          highlight={open}
          choices={a.popover.choices.map((id) => a.highlightOf(id)).filter((h) => h !== undefined)}
          codes={codes}
          top={a.popover.top}
          left={a.popover.left}
          focusNote={a.popover.focusNote}
          onPick={a.pick}
          onToggleCode={(codeId) => a.toggleCode(open.id, codeId)}
          onSaveNote={(note) => a.saveNote(open.id, note)}
          onDelete={() => a.remove(open.id)}
          onClose={() => a.closePopover(true)}
        />
      )}
    </article>
  );
}
