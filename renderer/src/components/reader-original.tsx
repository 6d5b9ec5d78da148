// The real region of the source the entry came from (the record, row, message, element markup,
// page text or text span), shown as plain text (React escapes it: markup is never rendered), with
// the entry's title and body marked where the region has them.
import type { EntryOriginal, OriginalMark, TextDirection } from '../../../shared/contract.ts';
import type { Connection } from '../archive-client.ts';
import { useAsyncValue } from '../hooks/use-async-value.ts';

/** The region cut at the marks: plain strings and marked pieces, in order (overlaps skipped). */
function pieces(text: string, marks: OriginalMark[]): (string | { mark: OriginalMark; text: string })[] {
  const out: (string | { mark: OriginalMark; text: string })[] = [];
  let at = 0;
  for (const mark of marks) {
    if (mark.start < at || mark.end > text.length || mark.end <= mark.start) continue;
    if (mark.start > at) out.push(text.slice(at, mark.start));
    out.push({ mark, text: text.slice(mark.start, mark.end) });
    at = mark.end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

function caption(o: EntryOriginal): string {
  const where = o.label;
  const how = o.locator ? ` · read by ${o.locator.extractor}` : '';
  return `${o.sourceName}, ${where}${o.encoding ? ` · ${o.encoding}` : ''}${how}`;
}

export function ReaderOriginal({ connection, entryId, sourceId, direction }: { connection: Connection; entryId: number; sourceId: number; direction: TextDirection }) {
  const original = useAsyncValue(`${entryId}:${sourceId}`, () => connection.api.getEntryOriginal({ id: entryId, sourceId }));
  if (original.error) return <p className="inline-error">{original.error}</p>;
  if (!original.value) return <p className="muted">Loading the original…</p>;
  const o = original.value;
  const unmarked = o.marks.length === 0;
  // A record, row, message or markup is laid out left to right whatever its text's direction
  // (braces and field names stay in place); a text span or page text reads in the entry's direction.
  const dir = !o.locator || o.locator.kind === 'text' || o.locator.kind === 'pdf' ? direction : 'ltr';
  return (
    <figure className="reader-original">
      <figcaption>
        {caption(o)}
        {unmarked ? ' · the entry text does not occur verbatim here (the importer decoded or rewrapped it)' : ''}
      </figcaption>
      <pre dir={dir} aria-label="Original text">
        {pieces(o.text, o.marks).map((p, i) =>
          typeof p === 'string' ? (
            p
          ) : (
            <mark
              key={i}
              className={`original-mark original-${p.mark.field}`}
              data-field={p.mark.field}
              title={`${p.mark.field === 'title' ? 'Title' : 'Body'}${p.mark.verbatim ? '' : ' (same words, different white space)'}`}
            >
              {p.text}
            </mark>
          ),
        )}
      </pre>
    </figure>
  );
}
