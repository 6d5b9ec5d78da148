// The renderer's only way to the archive: the contract's client over window.quire (Electron)
// or over HTTP (browser mode, `quire serve`).
import { createClient, type QuireConnection, type Transport } from '../../shared/client.ts';
import type { ArchiveEvent, ArchiveMethod, ExportReport, UploadedFile, WireResult } from '../../shared/contract.ts';
import { encodeUploads } from '../../shared/upload-frames.ts';

/** What the Electron preload exposes as window.quire. */
export interface QuireBridge {
  invoke(method: ArchiveMethod, arg: unknown): Promise<WireResult<unknown>>;
  onEvent(listener: (event: ArchiveEvent) => void): () => void;
  pathForFile(file: File): string;
  pickFiles(kind: 'files' | 'folder'): Promise<string[]>;
  /** The desktop save dialog: where to write an export, or null when cancelled. */
  pickSavePath?(suggestedName: string): Promise<string | null>;
}

declare global {
  interface Window {
    quire?: QuireBridge;
  }
}

export interface Connection extends QuireConnection {
  mode: 'electron' | 'browser';
  /** Imports dropped File objects: by path in Electron, as uploaded bytes in the browser. */
  importDropped(files: { file: File; relativePath: string }[], jobId: string, options?: UploadOptions): Promise<WireResult<unknown>>;
  pickFiles: ((kind: 'files' | 'folder') => Promise<string[]>) | null;
  /** Desktop: asks where to save an export (null: cancelled). Browser mode: null here, the export downloads instead. */
  pickExportPath: ((suggestedName: string) => Promise<string | null>) | null;
  /** Browser mode: fetches a finished export (written with no path) and hands it to the browser as a download. */
  downloadExport(report: ExportReport): Promise<void>;
}

export interface UploadOptions {
  /** Browser mode: bytes sent so far while the files travel to the local server. */
  onUploadProgress?: (sent: number, total: number) => void;
  /** Browser mode: aborts the upload if it has not reached the server yet. */
  signal?: AbortSignal;
}

/** The local server (browser mode) does not answer at all: it stopped, or its process ended. */
export class ArchiveGoneError extends Error {
  constructor() {
    super('The archive process is not answering, so nothing can be read or saved. Start quire serve again, then Reconnect.');
    this.name = 'ArchiveGoneError';
  }
}

const goneListeners = new Set<(gone: boolean) => void>();
let gone = false;
function setGone(now: boolean): void {
  if (gone === now) return;
  gone = now;
  for (const l of [...goneListeners]) l(now);
}
/** Tells when the archive stops answering and when it answers again; returns the unsubscribe. */
export function onArchiveGone(listener: (gone: boolean) => void): () => void {
  goneListeners.add(listener);
  return () => goneListeners.delete(listener);
}
export const archiveGone = () => gone;

function browserToken(): string {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem('quire-token', fromHash);
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  return sessionStorage.getItem('quire-token') ?? '';
}

function httpTransport(token: string): Transport {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const listeners = new Set<(event: ArchiveEvent) => void>();
  let stream: AbortController | null = null;
  const deliver = (event: ArchiveEvent) => {
    for (const l of [...listeners]) l(event);
  };
  // The event stream is read with fetch rather than EventSource, which cannot send headers: the
  // token must never sit in a URL. It reconnects while anyone listens.
  const follow = async (ctl: AbortController) => {
    let delay = 500;
    while (!ctl.signal.aborted) {
      try {
        const res = await fetch('/api/events', { headers: { authorization: headers.authorization }, signal: ctl.signal });
        if (!res.ok || !res.body) throw new Error(`events: ${res.status}`);
        delay = 500;
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffered = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffered += value;
          let cut: number;
          while ((cut = buffered.indexOf('\n\n')) >= 0) {
            const frame = buffered.slice(0, cut);
            buffered = buffered.slice(cut + 2);
            const data = frame
              .split('\n')
              .filter((line) => line.startsWith('data: '))
              .map((line) => line.slice(6))
              .join('\n');
            if (data) deliver(JSON.parse(data) as ArchiveEvent);
          }
        }
      } catch {
        if (ctl.signal.aborted) return;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 10_000);
    }
  };
  return {
    async invoke(method, arg) {
      let res: Response;
      let body: WireResult<unknown>;
      // No answer at all (connection refused, or a proxy's error page): one plain state, not "Failed to fetch" in every pane.
      try {
        res = await fetch(`/api/invoke/${method}`, { method: 'POST', headers, body: arg === undefined ? '' : JSON.stringify(arg) });
        body = (await res.json()) as WireResult<unknown>;
      } catch {
        setGone(true);
        throw new ArchiveGoneError();
      }
      setGone(false);
      return body;
    },
    // One stream shared by every listener, opened with the first and closed with the last.
    subscribe(listener) {
      listeners.add(listener);
      if (!stream) {
        stream = new AbortController();
        void follow(stream);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && stream) {
          stream.abort();
          stream = null;
        }
      };
    },
  };
}

export function connect(): Connection {
  const bridge = window.quire;
  if (bridge) {
    const conn = createClient({ invoke: (m, a) => bridge.invoke(m, a), subscribe: (l) => bridge.onEvent(l) });
    return {
      ...conn,
      mode: 'electron',
      pickFiles: (kind) => bridge.pickFiles(kind),
      pickExportPath: bridge.pickSavePath ? (name) => bridge.pickSavePath!(name) : null,
      downloadExport: async () => undefined,
      importDropped: (files, jobId) => bridge.invoke('importFiles', { paths: files.map((f) => bridge.pathForFile(f.file)), jobId }),
    };
  }
  const token = browserToken();
  const transport = httpTransport(token);
  const conn = createClient(transport);
  return {
    ...conn,
    mode: 'browser',
    pickFiles: null,
    pickExportPath: null,
    async downloadExport(report) {
      const res = await fetch(`/api/export/${encodeURIComponent(report.jobId)}?name=${encodeURIComponent(report.fileName)}`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error((await res.text()) || `The export could not be fetched (${res.status}).`);
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = report.fileName;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    async importDropped(files, jobId, options = {}) {
      const uploads: UploadedFile[] = await Promise.all(
        files.map(async (f) => ({ name: f.relativePath || f.file.name, data: new Uint8Array(await f.file.arrayBuffer()) })),
      );
      return uploadWithProgress(`/api/upload?jobId=${encodeURIComponent(jobId)}`, token, encodeUploads(uploads), options);
    },
  };
}

/** XMLHttpRequest rather than fetch: it reports upload progress, so big drops show movement at once. */
function uploadWithProgress(url: string, token: string, body: Uint8Array, options: UploadOptions): Promise<WireResult<unknown>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => options.onUploadProgress?.(e.loaded, e.total || body.byteLength);
    const fail = (message: string) => resolve({ ok: false, error: { code: 'internal', message } });
    xhr.onload = () => {
      const res = xhr.response as WireResult<unknown> | null;
      if (res && typeof res === 'object' && 'ok' in res) resolve(res);
      else fail('The local Quire server sent an unreadable answer.');
    };
    xhr.onerror = () => fail('Could not reach the local Quire server. Is `quire serve` still running?');
    xhr.onabort = () => resolve({ ok: false, error: { code: 'cancelled', message: 'Import cancelled before the files were sent.' } });
    options.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(body as unknown as XMLHttpRequestBodyInit);
  });
}
