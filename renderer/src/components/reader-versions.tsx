// Near-duplicate versions of the entry (the same article republished with edits).
import type { EntryVersion } from '../../../shared/contract.ts';
import { formatDate } from '../lib/format.ts';

interface Props {
  currentId: number;
  versions: EntryVersion[];
  earliestDate: string | null;
  onOpen(id: number): void;
}

export function ReaderVersions({ currentId, versions, earliestDate, onOpen }: Props) {
  const all = versions;
  const count = versions.some((v) => v.id === currentId) ? versions.length : versions.length + 1;
  if (count < 2) return null;
  return (
    <section className="reader-versions" aria-label="Versions">
      <h3>
        {count} versions{earliestDate ? ` · earliest ${formatDate(earliestDate)}` : ''}
      </h3>
      <ul>
        {all.map((v) => (
          <li key={v.id}>
            <button type="button" className="version" aria-current={v.id === currentId} onClick={() => onOpen(v.id)}>
              <span className="version-date">{formatDate(v.date) || 'No date'}</span>
              <span className="version-title" dir="auto">
                {v.title || 'Untitled'}
              </span>
              <span className="version-where">{[v.outlet, v.source].filter(Boolean).join(' · ')}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
