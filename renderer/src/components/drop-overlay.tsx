// Shown over the whole window while files are dragged over it.
export function DropOverlay({ visible }: { visible: boolean }) {
  if (!visible) return null;
  return (
    <div className="drop-overlay" role="presentation" data-testid="drop-overlay">
      <div className="drop-card">
        <svg viewBox="0 0 48 48" aria-hidden="true">
          <path d="M24 8v22M15 21l9 9 9-9" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
          <path d="M8 32v6a2 2 0 0 0 2 2h28a2 2 0 0 0 2-2v-6" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
        </svg>
        <p>Drop to import</p>
        <p className="muted">Files and folders, any common text format</p>
      </div>
    </div>
  );
}
