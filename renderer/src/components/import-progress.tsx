// The running import: a bar over bytes, with files and entries done, and Cancel.
import { formatBytes, formatCount } from '../lib/format.ts';
import type { ImportState } from '../hooks/use-import.ts';

export function ImportProgressBar({ state, onCancel }: { state: ImportState; onCancel(): void }) {
  if (state.phase !== 'uploading' && state.phase !== 'importing') return null;
  let value: number;
  let max: number;
  let label: string;
  let detail: string;
  if (state.phase === 'uploading') {
    value = state.sent;
    max = Math.max(1, state.total);
    label = `Reading ${formatCount(state.files)} ${state.files === 1 ? 'file' : 'files'}…`;
    detail = state.total > 0 ? `${formatBytes(state.sent)} of ${formatBytes(state.total)}` : '';
  } else if (state.progress.searchStats) {
    const { done, total } = state.progress.searchStats;
    value = done;
    max = Math.max(1, total);
    label = 'Updating search statistics…';
    detail = `${formatCount(state.progress.entriesDone)} ${state.progress.entriesDone === 1 ? 'entry' : 'entries'} imported and searchable${total > 0 ? ` · ranking common words ${formatCount(done)} of ${formatCount(total)}` : ''}`;
  } else {
    const p = state.progress;
    value = p.bytesTotal > 0 ? p.bytesDone : p.filesDone;
    max = Math.max(1, p.bytesTotal > 0 ? p.bytesTotal : p.filesTotal);
    label = `Importing ${formatCount(p.filesDone)} of ${formatCount(p.filesTotal)} files`;
    detail = `${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)} · ${formatCount(p.entriesDone)} ${p.entriesDone === 1 ? 'entry' : 'entries'}`;
  }
  const current = state.phase === 'importing' ? state.progress.currentFile : null;
  return (
    <div className="import-progress" role="region" aria-label="Import progress">
      <div className="import-progress-text">
        <strong>{state.cancelling ? 'Cancelling…' : label}</strong>
        <span className="muted" data-testid="import-detail">
          {detail}
        </span>
      </div>
      <progress value={value} max={max} aria-label="Import progress" />
      {current && (
        <div className="import-current muted" dir="auto" title={current}>
          {current}
        </div>
      )}
      {state.phase === 'importing' && state.progress.editsWait && (
        <div className="import-note muted" data-testid="import-edits-wait">
          This file is read in parts and kept whole or not at all: highlights and notes you make now are saved when it is in.
        </div>
      )}
      <button type="button" className="secondary-button small" onClick={onCancel} disabled={state.cancelling}>
        Cancel
      </button>
    </div>
  );
}
