// One import job at a time: upload (browser mode), progress events, cancel, and the final report.
import { useCallback, useRef, useState } from 'react';
import type { ImportProgress, ImportReport } from '../../../shared/contract.ts';
import type { Connection } from '../archive-client.ts';
import type { DroppedFile } from '../lib/collect-dropped.ts';
import { errorMessage } from '../lib/errors.ts';
import { useArchiveEvent } from './use-archive-event.ts';

export type ImportState =
  | { phase: 'idle' }
  | { phase: 'uploading'; jobId: string; sent: number; total: number; files: number; cancelling: boolean }
  | { phase: 'importing'; jobId: string; progress: ImportProgress; cancelling: boolean }
  | { phase: 'done'; report: ImportReport };

export interface ImportControls {
  state: ImportState;
  error: string | null;
  importDropped(files: DroppedFile[]): void;
  importPaths(paths: string[]): void;
  cancel(): void;
  dismiss(): void;
}

function newJobId(): string {
  return `ui-${crypto.randomUUID()}`;
}

export function useImport(connection: Connection): ImportControls {
  const [state, setState] = useState<ImportState>({ phase: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const job = useRef<{ id: string; cancel: boolean; abort: AbortController; uploaded: boolean; names: string[] } | null>(null);

  useArchiveEvent(connection, (e) => {
    if (e.type === 'import-progress') {
      const current = job.current;
      if (current && current.id !== e.progress.jobId) return;
      if (current?.cancel) void connection.api.cancelJob({ jobId: current.id });
      setState({ phase: 'importing', jobId: e.progress.jobId, progress: e.progress, cancelling: current?.cancel ?? false });
    } else if (e.type === 'import-finished') {
      const current = job.current;
      if (current && current.id !== e.report.jobId) return;
      job.current = null;
      setState({ phase: 'done', report: e.report });
    }
  });

  const finish = useCallback((jobId: string, result: { ok: true; value: unknown } | { ok: false; error: { message: string } }) => {
    const current = job.current;
    if (!current || current.id !== jobId) return;
    job.current = null;
    if (result.ok) {
      setState({ phase: 'done', report: result.value as ImportReport });
    } else if (current.cancel && !current.uploaded) {
      // Stopped before the files reached the archive: nothing was imported.
      const report: ImportReport = { jobId, cancelled: true, entriesAdded: 0, counts: { newEntries: 0, versions: 0, duplicates: 0 }, files: current.names.map((path) => ({ path, status: 'cancelled', entries: 0 })) };
      setState({ phase: 'done', report });
    } else {
      setState({ phase: 'idle' });
      setError(result.error.message);
    }
  }, []);

  const importDropped = useCallback(
    (files: DroppedFile[]) => {
      if (files.length === 0) {
        // An empty folder (or a drop of nothing readable): say so rather than do nothing.
        setError('Nothing to import: what was dropped or chosen holds no files (an empty folder?).');
        return;
      }
      if (job.current) {
        setError('An import is already running. Wait for it to finish or cancel it first.');
        return;
      }
      const jobId = newJobId();
      const abort = new AbortController();
      const total = files.reduce((n, f) => n + f.file.size, 0);
      job.current = { id: jobId, cancel: false, abort, uploaded: connection.mode === 'electron', names: files.map((f) => f.relativePath) };
      setError(null);
      setState({ phase: 'uploading', jobId, sent: 0, total, files: files.length, cancelling: false });
      connection
        .importDropped(files, jobId, {
          signal: abort.signal,
          onUploadProgress: (sent, all) => {
            if (job.current?.id !== jobId) return;
            if (sent >= all) job.current.uploaded = true;
            setState((s) => (s.phase === 'uploading' && s.jobId === jobId ? { ...s, sent, total: all } : s));
          },
        })
        .then(
          (result) => finish(jobId, result),
          (e: unknown) => finish(jobId, { ok: false, error: { message: errorMessage(e) } }),
        );
    },
    [connection, finish],
  );

  const importPaths = useCallback(
    (paths: string[]) => {
      if (paths.length === 0 || job.current) return;
      const jobId = newJobId();
      job.current = { id: jobId, cancel: false, abort: new AbortController(), uploaded: true, names: paths };
      setError(null);
      setState({ phase: 'uploading', jobId, sent: 0, total: 0, files: paths.length, cancelling: false });
      connection.api.importFiles({ paths, jobId }).then(
        (report) => finish(jobId, { ok: true, value: report }),
        (e: unknown) => finish(jobId, { ok: false, error: { message: errorMessage(e) } }),
      );
    },
    [connection, finish],
  );

  const cancel = useCallback(() => {
    const current = job.current;
    if (!current) return;
    current.cancel = true;
    setState((s) => (s.phase === 'uploading' || s.phase === 'importing' ? { ...s, cancelling: true } : s));
    void connection.api.cancelJob({ jobId: current.id }).then((r) => {
      // The job has not started in the archive yet: stop the upload if it is still on its way.
      if (!r.cancelled && !current.uploaded) current.abort.abort();
    });
  }, [connection]);

  const dismiss = useCallback(() => {
    setState((s) => (s.phase === 'done' ? { phase: 'idle' } : s));
    setError(null);
  }, []);

  return { state, error, importDropped, importPaths, cancel, dismiss };
}
