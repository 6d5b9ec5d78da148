// Opens the export dialog from File › Export… (the desktop menu sends 'show-export') or, in
// browser mode where there is no menu, Ctrl/⌘+E.
import { useEffect, useState } from 'react';
import type { Connection } from '../archive-client.ts';
import { useArchiveEvent } from './use-archive-event.ts';

export function useShowExport(connection: Connection): { open: boolean; close(): void } {
  const [open, setOpen] = useState(false);
  useArchiveEvent(connection, (e) => {
    if (e.type === 'show-export') setOpen(true);
  });
  useEffect(() => {
    if (connection.mode !== 'browser') return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'e') {
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [connection]);
  return { open, close: () => setOpen(false) };
}
