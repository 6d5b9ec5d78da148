// The exact text the entry was cut from, as it stands in the source file.
import type { TextDirection } from '../../../shared/contract.ts';
import type { Connection } from '../archive-client.ts';
import { useAsyncValue } from '../hooks/use-async-value.ts';

export function ReaderOriginal({ connection, entryId, sourceId, direction }: { connection: Connection; entryId: number; sourceId: number; direction: TextDirection }) {
  const original = useAsyncValue(`${entryId}:${sourceId}`, () => connection.api.getEntryOriginal({ id: entryId, sourceId }));
  if (original.error) return <p className="inline-error">{original.error}</p>;
  if (!original.value) return <p className="muted">Loading the original…</p>;
  const o = original.value;
  return (
    <figure className="reader-original">
      <figcaption>
        {o.sourceName}, characters {o.start.toLocaleString('en-US')}–{o.end.toLocaleString('en-US')}
        {o.encoding ? ` · ${o.encoding}` : ''}
      </figcaption>
      <pre dir={direction} aria-label="Original text">
        {o.text}
      </pre>
    </figure>
  );
}
