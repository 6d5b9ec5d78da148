// Subscribes to archive events for the life of a component; the latest handler is always used.
import { useEffect, useRef } from 'react';
import type { ArchiveEvent } from '../../../shared/contract.ts';
import type { Connection } from '../archive-client.ts';

export function useArchiveEvent(connection: Connection, handler: (event: ArchiveEvent) => void): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => connection.onEvent((e) => ref.current(e)), [connection]);
}
