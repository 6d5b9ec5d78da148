// A failure in plain words, dismissable.
export function ErrorBanner({ message, onDismiss }: { message: string; onDismiss?(): void }) {
  return (
    <div className="error-banner" role="alert">
      <span>{message}</span>
      {onDismiss && (
        <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
          ×
        </button>
      )}
    </div>
  );
}
