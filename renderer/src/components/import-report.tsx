// After an import: every file and what became of it, in plain words.
import type { ImportFileResult, ImportReport } from '../../../shared/contract.ts';
import { addedPhrase, duplicatesPhrase, fileEntriesPhrase, partsPhrase } from '../../../shared/entry-counts.ts';
import { type FieldMap, MAPPED_FIELDS } from '../../../shared/field-map.ts';
import { plural } from '../lib/format.ts';
import { Dialog } from './dialog.tsx';

function outcome(f: ImportFileResult): string {
  switch (f.status) {
    case 'imported':
      return `Imported ${fileEntriesPhrase(f.entries, f.counts)}`;
    case 'duplicate':
      return 'Already in the archive';
    case 'rejected':
      return f.error ?? 'Rejected';
    case 'cancelled':
      return 'Cancelled, not imported';
  }
}

const STATUS_LABEL = { imported: 'Imported', duplicate: 'Duplicate', rejected: 'Rejected', cancelled: 'Cancelled' } as const;

const FIELD_LABEL = { title: 'title', body: 'text', date: 'date', author: 'author', outlet: 'outlet', url: 'link' } as const;

/** Which of the file's fields each entry field was read from (JSON and CSV), e.g. "title ← title_fa". */
function FieldMapLine({ map }: { map: FieldMap }) {
  const fields = MAPPED_FIELDS.filter((f) => map[f] !== undefined);
  if (fields.length === 0) return null;
  const asOption = fields.map((f) => `${f}=${map[f]}`).join(',');
  return (
    <span className="import-file-fields muted" data-testid="import-file-fields" title={`As a --map option of quire import: ${asOption}`}>
      Read {fields.map((f, i) => (
        <span key={f}>
          {i > 0 && ', '}
          {FIELD_LABEL[f]} from <code dir="auto">{map[f]}</code>
        </span>
      ))}
    </span>
  );
}

export function ImportReportDialog({ report, onClose }: { report: ImportReport; onClose(): void }) {
  const counts = { imported: 0, duplicate: 0, rejected: 0, cancelled: 0 };
  for (const f of report.files) counts[f.status]++;
  // Problems first, so a rejection's reason is seen without scrolling.
  const ORDER = { rejected: 0, cancelled: 1, duplicate: 2, imported: 3 } as const;
  const files = [...report.files].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  const summary = [
    report.files.length === 0
      ? 'Nothing was imported: no files were found in what was chosen'
      : report.entriesAdded === 0
        ? addedPhrase(report.counts)
        : `${addedPhrase(report.counts)} from ${plural(counts.imported, 'file')}`,
    duplicatesPhrase(report.counts),
    counts.duplicate ? `${counts.duplicate} already in the archive` : '',
    counts.rejected ? `${counts.rejected} rejected` : '',
    counts.cancelled ? `${counts.cancelled} cancelled` : '',
  ].filter(Boolean);
  return (
    <Dialog
      title={report.cancelled ? 'Import cancelled' : 'Import finished'}
      onClose={onClose}
      className="import-report"
      footer={
        <button type="button" className="primary-button" onClick={onClose}>
          Done
        </button>
      }
    >
      <p className="import-summary" data-testid="import-summary">
        {summary.join(' · ')}.
        {report.cancelled && ' Files finished before you cancelled were kept whole; the rest were not imported.'}
      </p>
      <ul className="import-files" aria-label="Imported files">
        {files.map((f, i) => (
          <li key={`${f.path}-${i}`} className={`import-file status-${f.status}`} data-status={f.status}>
            <span className={`status-dot status-${f.status}`} aria-hidden="true" />
            <span className="import-file-name" dir="auto" title={f.path}>
              {f.path}
            </span>
            <span className="visually-hidden">{STATUS_LABEL[f.status]}: </span>
            <span className="import-file-outcome">{outcome(f)}</span>
            {f.fieldMap && <FieldMapLine map={f.fieldMap} />}
            {f.parts && f.parts > 1 && <span className="import-file-fields muted" data-testid="import-file-parts">{partsPhrase(f.parts)}</span>}
            {f.warnings && f.warnings.length > 0 && <span className="import-file-warnings muted">{f.warnings.join(' ')}</span>}
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
