// The floating toolbar over a text selection in the reader: Highlight (H), the codes (1–9 apply
// the first nine, in codebook order) and Note…. Pressing its buttons keeps the selection.
import type { Code } from '../../../shared/contract.ts';

interface Props {
  top: number;
  left: number;
  codes: Code[];
  busy: boolean;
  onHighlight(codeIds: number[]): void;
  onNote(): void;
}

export function CodeSwatch({ color }: { color: string }) {
  return <span className="annot-swatch" style={{ background: color }} aria-hidden="true" />;
}

export function AnnotationToolbar({ top, left, codes, busy, onHighlight, onNote }: Props) {
  return (
    <div
      className="annot-toolbar"
      role="toolbar"
      aria-label="Annotate the selection"
      style={{ top, left }}
      dir="ltr"
      data-testid="annotation-toolbar"
      // A press must not move focus or clear the selection it acts on.
      onMouseDown={(e) => e.preventDefault()}
    >
      <button type="button" className="annot-button" disabled={busy} onClick={() => onHighlight([])} aria-keyshortcuts="H">
        Highlight <kbd>H</kbd>
      </button>
      {codes.map((c, i) => (
        <button
          type="button"
          key={c.id}
          className="annot-button annot-code"
          disabled={busy}
          title={c.path}
          onClick={() => onHighlight([c.id])}
          aria-keyshortcuts={i < 9 ? String(i + 1) : undefined}
        >
          <CodeSwatch color={c.color} />
          <span dir="auto">{c.name}</span>
          {i < 9 && <kbd>{i + 1}</kbd>}
        </button>
      ))}
      <button type="button" className="annot-button" disabled={busy} onClick={onNote}>
        Note…
      </button>
    </div>
  );
}
