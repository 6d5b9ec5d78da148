// Text with matched terms wrapped in <mark>: built from spans, never from HTML.
import type { HighlightSpan } from '../../../shared/contract.ts';
import { toRuns } from '../lib/highlight-spans.ts';

export function HighlightedText({ text, spans }: { text: string; spans: readonly HighlightSpan[] }) {
  if (spans.length === 0) return <>{text}</>;
  return (
    <>
      {toRuns(text, spans).map((run, i) => (run.hit ? <mark key={i}>{run.text}</mark> : <span key={i}>{run.text}</span>))}
    </>
  );
}
