// The entry's text, paragraph by paragraph, with the query's terms highlighted.
import { useMemo } from 'react';
import type { HighlightSpan, TextDirection } from '../../../shared/contract.ts';
import { findTerms, type Term } from '../lib/query-terms.ts';
import { HighlightedText } from './highlighted-text.tsx';

interface Paragraph {
  text: string;
  spans: HighlightSpan[];
}

function paragraphs(body: string, spans: HighlightSpan[]): Paragraph[] {
  const out: Paragraph[] = [];
  const re = /\n\s*\n/g;
  let start = 0;
  const push = (end: number) => {
    const text = body.slice(start, end);
    if (text.trim()) out.push({ text, spans: spans.filter((s) => s.start < end && s.end > start).map((s) => ({ start: s.start - start, end: s.end - start })) });
  };
  let m: RegExpExecArray | null;
  while ((m = re.exec(body)) !== null) {
    push(m.index);
    start = m.index + m[0].length;
  }
  push(body.length);
  return out;
}

interface Props {
  body: string;
  /** The archive's own marks for the query; when absent the terms are found here. */
  spans: HighlightSpan[] | undefined;
  terms: Term[];
  direction: TextDirection;
}

export function ReaderBody({ body, spans, terms, direction }: Props) {
  const paras = useMemo(() => paragraphs(body, spans ?? findTerms(body, terms)), [body, spans, terms]);
  if (!body.trim()) return <p className="reader-empty-body">This entry has no text.</p>;
  return (
    <div className="reader-body" dir={direction}>
      {paras.map((p, i) => (
        <p key={i}>
          <HighlightedText text={p.text} spans={p.spans} />
        </p>
      ))}
    </div>
  );
}
