// A counter that moves whenever the archive changes, so views refetch what they show.
import { useState } from 'react';
import type { Connection } from '../archive-client.ts';
import { useArchiveEvent } from './use-archive-event.ts';

export function useArchiveVersion(connection: Connection): [number, () => void] {
  const [version, setVersion] = useState(0);
  useArchiveEvent(connection, (e) => {
    if (e.type === 'archive-changed') setVersion((v) => v + 1);
  });
  return [version, () => setVersion((v) => v + 1)];
}
