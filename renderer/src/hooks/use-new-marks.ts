// The entries a saved search brought in since it was last opened, marked "New" in the list until
// each is opened (read). Opening the search moves its "seen" point on the archive side at once, so
// the ids above the old point are kept here, per archive, and survive a reload.
import { useCallback, useEffect, useState } from 'react';

interface Marks {
  /** The saved search's query the marks belong to. */
  query: string;
  /** Entries with an id above this are new. */
  above: number;
  read: number[];
}

const PREFIX = 'quire.new:';

export interface NewMarks {
  isNew(query: string, id: number): boolean;
  /** A saved search was opened whose entries above seenUpTo are new. */
  opened(query: string, seenUpTo: number): void;
  read(id: number): void;
}

export function useNewMarks(archivePath: string | null): NewMarks {
  const [marks, setMarks] = useState<Marks | null>(null);
  useEffect(() => {
    if (archivePath === null) return;
    try {
      setMarks(JSON.parse(localStorage.getItem(PREFIX + archivePath) ?? 'null') as Marks | null);
    } catch {
      setMarks(null);
    }
  }, [archivePath]);
  useEffect(() => {
    if (archivePath === null) return;
    try {
      if (marks) localStorage.setItem(PREFIX + archivePath, JSON.stringify(marks));
      else localStorage.removeItem(PREFIX + archivePath);
    } catch {
      // Only the marks are lost.
    }
  }, [archivePath, marks]);

  return {
    isNew: useCallback((query: string, id: number) => marks !== null && marks.query.trim() === query.trim() && id > marks.above && !marks.read.includes(id), [marks]),
    opened: useCallback((query: string, seenUpTo: number) => setMarks({ query, above: seenUpTo, read: [] }), []),
    read: useCallback((id: number) => setMarks((m) => (m && id > m.above && !m.read.includes(id) ? { ...m, read: [...m.read, id] } : m)), []),
  };
}
