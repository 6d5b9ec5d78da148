// Near-duplicate versions of the entry (the same article republished with edits), oldest first,
// the one being read marked; the others open with a click, and Compare shows word by word what
// changed between that version and the one being read.
import { useEffect, useState } from 'react';
import type { EntryVersion } from '../../../shared/contract.ts';
import { entryText } from '../../../shared/entry-text.ts';
import type { Connection } from '../archive-client.ts';
import { errorMessage } from '../lib/errors.ts';
import { formatDate } from '../lib/format.ts';
import { wordDiff, type DiffPart } from '../lib/word-diff.ts';

interface Props {
  connection: Connection;
  current: EntryVersion;
  /** Title and body of the version being read, as the diff's "after". */
  currentText: string;
  /** The other versions (the archive may or may not list the current one too). */
  versions: EntryVersion[];
  earliestDate: string | null;
  onOpen(id: number): void;
}

type Compared = { version: EntryVersion; parts: DiffPart[] | null } | { version: EntryVersion; error: string };

const countWords = (parts: DiffPart[], kind: DiffPart['kind']) => parts.filter((p) => p.kind === kind).reduce((n, p) => n + (p.text.match(/\S+/g)?.length ?? 0), 0);

export function ReaderVersions({ connection, current, currentText, versions, earliestDate, onOpen }: Props) {
  const [compared, setCompared] = useState<Compared | null>(null);
  useEffect(() => setCompared(null), [current.id]);
  const all = [current, ...versions.filter((v) => v.id !== current.id)].sort(
    (a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.id - b.id,
  );
  if (all.length < 2) return null;
  const compare = (v: EntryVersion) => {
    connection.api.getEntry({ id: v.id }).then(
      (other) => setCompared({ version: v, parts: wordDiff(entryText(other.title, other.body), currentText) }),
      (e: unknown) => setCompared({ version: v, error: errorMessage(e) }),
    );
  };
  return (
    <section className="reader-versions" aria-label="Versions">
      <h3>
        {all.length} versions{earliestDate ? ` · earliest ${formatDate(earliestDate)}` : ''}
      </h3>
      <ul>
        {all.map((v) => {
          const isCurrent = v.id === current.id;
          return (
            <li key={v.id} className="version-row">
              <button type="button" className="version" aria-current={isCurrent} onClick={() => !isCurrent && onOpen(v.id)}>
                <span className="version-date">{formatDate(v.date) || 'No date'}</span>
                <span className="version-title" dir="auto">
                  {v.title || 'Untitled'}
                </span>
                <span className="version-where">{isCurrent ? 'reading' : [v.outlet, v.source].filter(Boolean).join(' · ')}</span>
              </button>
              {!isCurrent && (
                <button
                  type="button"
                  className="text-button small"
                  aria-pressed={compared?.version.id === v.id}
                  aria-label={`Compare with the version of ${formatDate(v.date) || 'no date'}`}
                  onClick={() => (compared?.version.id === v.id ? setCompared(null) : compare(v))}
                >
                  Compare
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {compared && (
        <div className="version-diff" role="region" aria-label="Changes between versions">
          {'error' in compared ? (
            <p className="muted">Could not compare: {compared.error}</p>
          ) : compared.parts === null ? (
            <p className="muted">These versions differ too much to compare word by word.</p>
          ) : (
            <>
              <p className="version-diff-summary">
                From {formatDate(compared.version.date) || 'the other version'} to this one: {countWords(compared.parts, 'removed')} words removed, {countWords(compared.parts, 'added')} added.
              </p>
              <p className="version-diff-text" dir="auto">
                {compared.parts.map((p, i) =>
                  p.kind === 'same' ? <span key={i}>{p.text}</span> : p.kind === 'removed' ? <del key={i}>{p.text}</del> : <ins key={i}>{p.text}</ins>,
                )}
              </p>
            </>
          )}
        </div>
      )}
    </section>
  );
}
