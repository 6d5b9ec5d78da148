import { useEffect, useState } from 'react';
import type { ArchiveStats } from '../../shared/contract.ts';
import type { Connection } from './archive-client.ts';

export function App({ connection }: { connection: Connection }) {
  const [stats, setStats] = useState<ArchiveStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    connection.api.stats().then(setStats, (e: Error) => setError(e.message));
  }, [connection]);
  return (
    <div className="app">
      <aside className="sidebar" aria-label="Library">
        <h1 className="brand">Quire</h1>
      </aside>
      <section className="list-pane" aria-label="Entries">
        {error && <p role="alert">{error}</p>}
        {stats && stats.entries === 0 && (
          <div className="empty-state">
            <h2>Drop text dumps here</h2>
            <p>Text, HTML, Markdown, JSON, CSV, WARC, mail archives and PDFs become dated, searchable entries.</p>
          </div>
        )}
      </section>
      <main className="reader-pane" aria-label="Reader" />
    </div>
  );
}
