// The reader pane: the open entry with its metadata, provenance, versions and highlighted text.
import { useState } from 'react';
import type { Connection } from '../archive-client.ts';
import { useAsyncValue } from '../hooks/use-async-value.ts';
import { formatDate } from '../lib/format.ts';
import type { Term } from '../lib/query-terms.ts';
import { HighlightedText } from './highlighted-text.tsx';
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
}

export function Reader({ connection, entryId, query, transliteration, terms, version, onOpen }: Props) {
  const [showOriginal, setShowOriginal] = useState(false);
  const q = query.trim();
  const entry = useAsyncValue(`${entryId}#${version}#${transliteration}#${q}`, () =>
    entryId === null ? Promise.resolve(null) : connection.api.getEntry(q ? { id: entryId, query: q, ...(transliteration ? { transliteration } : {}) } : { id: entryId }),
  );

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
  const source = e.provenance[0];
  return (
    <article className="reader" dir={e.direction} aria-labelledby="reader-title" data-entry-id={e.id}>
      <header className="reader-header">
        <h2 id="reader-title" dir="auto" className={e.title ? undefined : 'is-untitled'}>
          {e.title ? <HighlightedText text={e.title} spans={e.titleHighlights ?? []} /> : source?.sourceName || 'Untitled'}
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
      </header>
      <div dir="ltr">
        <ReaderVersions
          current={{ id: e.id, title: e.title, date: e.date, outlet: e.outlet, source: source?.sourceName ?? null }}
          versions={e.versions}
          earliestDate={e.earliestDate}
          onOpen={onOpen}
        />
      </div>
      {showOriginal && source ? (
        <ReaderOriginal connection={connection} entryId={e.id} sourceId={source.sourceId} direction={e.direction} />
      ) : (
        <ReaderBody body={e.body} spans={e.bodyHighlights} terms={terms} direction={e.direction} />
      )}
    </article>
  );
}
