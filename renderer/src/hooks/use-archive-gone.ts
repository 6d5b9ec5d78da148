// Whether the archive process has stopped answering (browser mode: quire serve stopped), and a
// reconnect that asks it again and, when it answers, reloads everything on screen.
import { useCallback, useEffect, useState } from 'react';
import { archiveGone, onArchiveGone, type Connection } from '../archive-client.ts';

export interface ArchiveGone {
  gone: boolean;
  /** True while a reconnect is being tried. */
  trying: boolean;
  /** Set when the last reconnect found nothing answering. */
  stillGone: boolean;
  reconnect(): void;
}

export function useArchiveGone(connection: Connection, onBack: () => void): ArchiveGone {
  const [gone, setGone] = useState(archiveGone);
  const [trying, setTrying] = useState(false);
  const [stillGone, setStillGone] = useState(false);
  useEffect(() => onArchiveGone((now) => (setGone(now), setStillGone(false))), []);
  const reconnect = useCallback(() => {
    setTrying(true);
    connection.api.info().then(
      () => {
        setTrying(false);
        onBack();
      },
      () => {
        setTrying(false);
        setStillGone(true);
      },
    );
  }, [connection, onBack]);
  return { gone, trying, stillGone, reconnect };
}
