// An entry's highlights, tags and notes, refetched when the annotation version moves (any tab,
// window or the CLI's host) or when this view changed them itself. The last value stays while a
// refetch runs, so the reader keeps its text (and scroll position) in place.
import { useCallback, useState } from 'react';
import type { EntryAnnotations } from '../../../shared/contract.ts';
import type { Connection } from '../archive-client.ts';
import { useAsyncValue } from './use-async-value.ts';

export interface EntryAnnotationsState {
  value: EntryAnnotations | null;
  error: string | null;
  reload(): void;
}

export function useEntryAnnotations(connection: Connection, entryId: number | null, annotationVersion: number): EntryAnnotationsState {
  const [local, setLocal] = useState(0);
  const loaded = useAsyncValue(`annotations:${entryId}#${annotationVersion}#${local}`, () =>
    entryId === null ? Promise.resolve(null) : connection.api.getEntryAnnotations({ entryId }),
  );
  const reload = useCallback(() => setLocal((n) => n + 1), []);
  const value = loaded.value && loaded.value.entryId === entryId ? loaded.value : null;
  return { value, error: loaded.error, reload };
}
