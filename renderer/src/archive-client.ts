// The renderer's only way to the archive: the contract's client over window.quire (Electron)
// or over HTTP (browser mode, `quire serve`).
import { createClient, type QuireConnection, type Transport } from '../../shared/client.ts';
import type { ArchiveEvent, ArchiveMethod, UploadedFile, WireResult } from '../../shared/contract.ts';
import { encodeUploads } from '../../shared/upload-frames.ts';

/** What the Electron preload exposes as window.quire. */
export interface QuireBridge {
  invoke(method: ArchiveMethod, arg: unknown): Promise<WireResult<unknown>>;
  onEvent(listener: (event: ArchiveEvent) => void): () => void;
  pathForFile(file: File): string;
  pickFiles(kind: 'files' | 'folder'): Promise<string[]>;
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
}

export interface UploadOptions {
  /** Browser mode: bytes sent so far while the files travel to the local server. */
  onUploadProgress?: (sent: number, total: number) => void;
  /** Browser mode: aborts the upload if it has not reached the server yet. */
  signal?: AbortSignal;
}

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
  let source: EventSource | null = null;
  return {
    async invoke(method, arg) {
      const res = await fetch(`/api/invoke/${method}`, { method: 'POST', headers, body: arg === undefined ? '' : JSON.stringify(arg) });
      return (await res.json()) as WireResult<unknown>;
    },
    // One EventSource shared by every listener, opened with the first and closed with the last.
    subscribe(listener) {
      listeners.add(listener);
      if (!source) {
        source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
        source.onmessage = (msg) => {
          const event = JSON.parse(msg.data as string) as ArchiveEvent;
          for (const l of [...listeners]) l(event);
        };
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
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
