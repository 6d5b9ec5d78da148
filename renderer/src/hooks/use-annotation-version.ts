// A counter that moves whenever codes, highlights, tags, notes or collections change (in this tab,
// another tab or window, or through the CLI's host), so annotation views refetch what they show.
import { useState } from 'react';
import type { Connection } from '../archive-client.ts';
import { useArchiveEvent } from './use-archive-event.ts';

export function useAnnotationVersion(connection: Connection): number {
  const [version, setVersion] = useState(0);
  useArchiveEvent(connection, (e) => {
    // An archive change can trash or restore entries, which orphans or restores their highlights.
    if (e.type === 'annotations-changed' || e.type === 'archive-changed') setVersion((v) => v + 1);
  });
  return version;
}
