// "Undone: Create highlight · Redo": what Cmd/Ctrl+Z or Shift+Cmd/Ctrl+Z just did to the archive.
import type { HistoryStatus as Status } from '../hooks/use-archive-history.ts';

interface Props {
  status: Status | null;
  onRun(kind: 'undo' | 'redo'): void;
  onDismiss(): void;
}

export function HistoryStatus({ status, onRun, onDismiss }: Props) {
  return (
    <div className="toast-region history-region" role="status" aria-live="polite">
      {status && (
        <div className="toast" key={status.key} data-testid="history-status">
          <span className="toast-message" dir="auto">
            {status.message}
          </span>
          {status.next && (
            <>
              <span className="toast-dot" aria-hidden="true">
                ·
              </span>
              <button type="button" className="toast-action" onClick={() => status.next && onRun(status.next)}>
                {status.next === 'redo' ? 'Redo' : 'Undo'}
              </button>
            </>
          )}
          <button type="button" className="icon-button toast-close" aria-label="Dismiss" onClick={onDismiss}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
