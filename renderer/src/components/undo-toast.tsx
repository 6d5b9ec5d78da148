// "Deleted … · Undo": shown for a few seconds after a deletion.
import type { UndoOffer } from '../hooks/use-undo.ts';

interface Props {
  offer: UndoOffer | null;
  onUndo(): void;
  onDismiss(): void;
  onHold(held: boolean): void;
}

export function UndoToast({ offer, onUndo, onDismiss, onHold }: Props) {
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {offer && (
        <div
          className="toast"
          key={offer.key}
          data-testid="undo-toast"
          onMouseEnter={() => onHold(true)}
          onMouseLeave={() => onHold(false)}
          onFocus={() => onHold(true)}
          onBlur={() => onHold(false)}
        >
          <span className="toast-message" dir="auto">
            {offer.message}
          </span>
          <span className="toast-dot" aria-hidden="true">
            ·
          </span>
          <button type="button" className="toast-action" onClick={onUndo} aria-keyshortcuts="Control+Z Meta+Z">
            Undo
          </button>
          <button type="button" className="icon-button toast-close" aria-label="Dismiss" onClick={onDismiss}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
