// Near-duplicate versions of the entry (the same article republished with edits), oldest first,
// the one being read marked; the others open with a click.
import type { EntryVersion } from '../../../shared/contract.ts';
import { formatDate } from '../lib/format.ts';

interface Props {
  current: EntryVersion;
  /** The other versions (the archive may or may not list the current one too). */
  versions: EntryVersion[];
  earliestDate: string | null;
  onOpen(id: number): void;
}

export function ReaderVersions({ current, versions, earliestDate, onOpen }: Props) {
  const all = [current, ...versions.filter((v) => v.id !== current.id)].sort(
    (a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.id - b.id,
  );
  if (all.length < 2) return null;
  return (
    <section className="reader-versions" aria-label="Versions">
      <h3>
        {all.length} versions{earliestDate ? ` · earliest ${formatDate(earliestDate)}` : ''}
      </h3>
      <ul>
        {all.map((v) => {
          const isCurrent = v.id === current.id;
          return (
            <li key={v.id}>
              <button type="button" className="version" aria-current={isCurrent} onClick={() => !isCurrent && onOpen(v.id)}>
                <span className="version-date">{formatDate(v.date) || 'No date'}</span>
                <span className="version-title" dir="auto">
                  {v.title || 'Untitled'}
                </span>
                <span className="version-where">{isCurrent ? 'reading' : [v.outlet, v.source].filter(Boolean).join(' · ')}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
