// The entry's text, paragraph by paragraph, with the query's terms and the highlights marked.
// Paragraph separators are not drawn, but every run knows its place in the entry text
// (see lib/selection-offsets.ts), so a selection across paragraphs still maps exactly.
import { useMemo } from 'react';
import type { HighlightSpan, TextDirection } from '../../../shared/contract.ts';
import { paragraphRanges } from '../lib/annotation-segments.ts';
import { findTerms, type Term } from '../lib/query-terms.ts';
import { AnnotatedText, type Paint } from './annotated-text.tsx';

interface Props {
  body: string;
  /** The entry text (title, blank line, body) and where the body starts in it (UTF-16). */
  text: string;
  bodyStart: number;
  /** The archive's own marks for the query; when absent the terms are found here. */
  spans: HighlightSpan[] | undefined;
  terms: Term[];
  direction: TextDirection;
  paint: Paint;
}

export function ReaderBody({ body, text, bodyStart, spans, terms, direction, paint }: Props) {
  const paras = useMemo(() => paragraphRanges(body), [body]);
  const search = useMemo(
    () => (spans ?? findTerms(body, terms)).map((s) => ({ start: s.start + bodyStart, end: s.end + bodyStart })),
    [body, spans, terms, bodyStart],
  );
  if (!body.trim()) return <p className="reader-empty-body">This entry has no text.</p>;
  return (
    <div className="reader-body" dir={direction}>
      {paras.map((p) => (
        <p key={p.from}>
          <AnnotatedText text={text} from={p.from + bodyStart} to={p.to + bodyStart} search={search} paint={paint} />
        </p>
      ))}
    </div>
  );
}
