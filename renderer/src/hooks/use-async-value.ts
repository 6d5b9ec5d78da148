// Loads a value whenever its key changes; a late answer for an old key is dropped.
import { useEffect, useState } from 'react';
import { errorMessage } from '../lib/errors.ts';

export interface AsyncValue<T> {
  value: T | null;
  error: string | null;
  loading: boolean;
}

/**
 * keep(e): an error after which the last value stays on screen (e.g. a query still being typed).
 * A null key loads nothing yet (the value waits for something else, e.g. the list's first page).
 */
export function useAsyncValue<T>(key: string | null, load: () => Promise<T>, keep?: (e: unknown) => boolean): AsyncValue<T> {
  const [state, setState] = useState<AsyncValue<T> & { key: string | null }>({ key: null, value: null, error: null, loading: true });
  useEffect(() => {
    if (key === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (value) => live && setState({ key, value, error: null, loading: false }),
      (e: unknown) => live && setState((s) => (keep?.(e) && s.error === null ? { ...s, loading: false } : { key, value: null, error: errorMessage(e), loading: false })),
    );
    return () => {
      live = false;
    };
    // The key stands for everything load() depends on.
  }, [key]);
  return { value: state.value, error: state.error, loading: state.loading };
}
