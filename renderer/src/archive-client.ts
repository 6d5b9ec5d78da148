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
  importDropped(files: { file: File; relativePath: string }[], jobId: string): Promise<WireResult<unknown>>;
  pickFiles: ((kind: 'files' | 'folder') => Promise<string[]>) | null;
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
  return {
    async invoke(method, arg) {
      const res = await fetch(`/api/invoke/${method}`, { method: 'POST', headers, body: arg === undefined ? '' : JSON.stringify(arg) });
      return (await res.json()) as WireResult<unknown>;
    },
    subscribe(listener) {
      const source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
      source.onmessage = (msg) => listener(JSON.parse(msg.data as string) as ArchiveEvent);
      return () => source.close();
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
    async importDropped(files, jobId) {
      const uploads: UploadedFile[] = await Promise.all(
        files.map(async (f) => ({ name: f.relativePath || f.file.name, data: new Uint8Array(await f.file.arrayBuffer()) })),
      );
      const res = await fetch(`/api/upload?jobId=${encodeURIComponent(jobId)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
        body: encodeUploads(uploads) as BodyInit,
      });
      return (await res.json()) as WireResult<unknown>;
    },
  };
}
