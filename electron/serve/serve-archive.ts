// Browser mode: the renderer and the same contract over localhost HTTP, guarded by a random token.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { ArchiveEvent } from '../../shared/contract.ts';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy.ts';
import { QuireError, toErrorData } from '../../shared/errors.ts';
import { backupsDir } from '../core/db/backups.ts';
import type { ArchiveHost, CallTiming } from '../core/worker/archive-host.ts';
import { sendExportDownload } from './export-download.ts';
import { DEFAULT_UPLOAD_LIMITS, receiveUploads, UploadRefused, type UploadLimits } from './receive-uploads.ts';

export interface ServeOptions {
  host: ArchiveHost;
  rendererDir: string;
  port?: number;
  token?: string;
  /** The largest file and request an upload may carry (receive-uploads.ts); tests lower them. */
  uploadLimits?: Partial<UploadLimits>;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const MAX_JSON_BODY = 32 * 1024 * 1024;
const MAX_EVENT_CLIENTS = 32;

export async function serveArchive(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? crypto.randomBytes(24).toString('hex');
  const tokenBuf = Buffer.from(token);
  const clients = new Set<http.ServerResponse>();
  const rendererDir = path.resolve(options.rendererDir);
  let port = options.port ?? 0;
  const uploadLimits: UploadLimits = { ...DEFAULT_UPLOAD_LIMITS, ...options.uploadLimits };

  // The token travels only in the Authorization header, never in a URL (URLs end up in logs,
  // history and Referer headers); the page keeps it from the address's #fragment.
  const authorised = (req: http.IncomingMessage): boolean => {
    const header = req.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7) : '';
    const buf = Buffer.from(given);
    return buf.length === tokenBuf.length && crypto.timingSafeEqual(buf, tokenBuf);
  };

  const unsubscribe = options.host.onEvent((event: ArchiveEvent) => {
    const data = `data: ${JSON.stringify(event)}\n\n`;
    for (const res of clients) res.write(data);
  });

  const server = http.createServer(async (req, res) => {
    try {
      // Refuse other hosts: a page on another site cannot reach us through DNS rebinding.
      const hostHeader = req.headers.host ?? '';
      if (hostHeader !== `127.0.0.1:${port}` && hostHeader !== `localhost:${port}`) {
        return send(res, 421, 'text/plain', 'Misdirected request');
      }
      let url: URL;
      try {
        url = new URL(req.url ?? '/', `http://${hostHeader}`);
      } catch {
        return send(res, 400, 'text/plain', 'Malformed address');
      }
      if (url.pathname.startsWith('/api/')) {
        const origin = req.headers.origin;
        if (origin !== undefined && origin !== `http://${hostHeader}`) return sendJson(res, 403, failure('unauthorized', 'Cross-origin requests are refused.'));
        if (!authorised(req)) return sendJson(res, 401, failure('unauthorized', 'Missing or wrong access token. Open the address that `quire serve` printed.'));
        return await handleApi(req, res, url);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method not allowed');
      return serveStatic(res, url.pathname);
    } catch (error) {
      if (res.headersSent) return void res.destroy();
      const data = toErrorData(error);
      sendJson(res, data.code === 'invalid-input' ? 400 : 500, { ok: false, error: data });
    }
  });

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const received = performance.timeOrigin + performance.now();
    if (url.pathname === '/api/events' && req.method === 'GET') {
      if (clients.size >= MAX_EVENT_CLIENTS) return sendJson(res, 429, failure('archive-busy', `At most ${MAX_EVENT_CLIENTS} windows can follow the archive at once; close a tab.`));
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    const download = /^\/api\/export\/([A-Za-z0-9._-]{1,100})$/.exec(url.pathname);
    if (download && req.method === 'GET') return sendExportDownload(res, download[1]!, url.searchParams.get('name'));
    if (req.method !== 'POST') return sendJson(res, 405, failure('invalid-input', 'Use POST for archive calls.'));
    if (url.pathname === '/api/upload') return handleUpload(req, res, url);
    const match = /^\/api\/invoke\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match) return sendJson(res, 404, failure('not-found', 'No such API endpoint.'));
    // Over HTTP the archive takes files only as uploads: a path would let any token holder read
    // any file this user can (and show it back through "Show original").
    if (match[1] === 'importFiles') {
      return sendJson(res, 403, failure('unauthorized', 'In browser mode Quire imports files you drop or pick in the page; it does not read paths on this computer.'));
    }
    const raw = await readBody(req, MAX_JSON_BODY);
    let arg: unknown;
    try {
      arg = raw.byteLength === 0 ? undefined : JSON.parse(Buffer.from(raw).toString('utf8'));
    } catch {
      return sendJson(res, 400, failure('invalid-input', 'The request body is not valid JSON.'));
    }
    // Backups over HTTP stay inside the archive's backups folder: no writing or reading other paths.
    if (match[1] === 'backupArchive' && typeof arg === 'object' && arg !== null && 'path' in arg) {
      return sendJson(res, 403, failure('unauthorized', 'In browser mode backups are written to the archive\'s backups folder only.'));
    }
    if (match[1] === 'restoreBackup') {
      const wanted = typeof arg === 'object' && arg !== null && 'path' in arg ? path.resolve(String((arg as { path: unknown }).path)) : '';
      if (path.dirname(wanted) !== backupsDir(options.host.archivePath)) {
        return sendJson(res, 403, failure('unauthorized', 'In browser mode only backups from the archive\'s backups folder can be restored.'));
      }
    }
    // Nor does it write to or read from a path the page names: an export becomes a download, a project comes as an upload.
    if ((match[1] === 'exportArchive' || match[1] === 'importProject') && typeof arg === 'object' && arg !== null && 'path' in arg) {
      return sendJson(res, 403, failure('unauthorized', 'In browser mode an export downloads through the page; Quire does not write to paths on this computer for it.'));
    }
    if (!CALL_TIMING) return sendJson(res, 200, await options.host.invoke(match[1]!, arg ?? undefined));
    const timing: CallTiming = {};
    const result = await options.host.invoke(match[1]!, arg ?? undefined, timing);
    res.setHeader('server-timing', serverTiming(received, timing));
    sendJson(res, 200, result);
  }

  /**
   * Uploads stream to a temporary folder and are imported from there under the names they were
   * dropped with; the folder goes when the import ends. The server names these paths, never the
   * page, so importFiles stays refused over HTTP.
   */
  async function handleUpload(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'quire-upload-'));
    let answer: [number, unknown];
    try {
      const files = await receiveUploads(req, dir, uploadLimits);
      const jobId = url.searchParams.get('jobId') ?? undefined;
      answer = [200, await options.host.invoke('importFiles', { paths: files.map((f) => f.path), displayNames: files.map((f) => f.name), ...(jobId ? { jobId } : {}) })];
    } catch (error) {
      if (!(error instanceof UploadRefused)) throw error;
      answer = [error.status, failure('invalid-input', error.message)];
    } finally {
      // Gone before the answer: the uploaded bytes are in the archive now, or refused.
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
    sendJson(res, answer[0], answer[1]);
  }

  function serveStatic(res: http.ServerResponse, pathname: string): void {
    let rel: string;
    try {
      rel = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
    } catch {
      return send(res, 400, 'text/plain', 'Malformed address');
    }
    const file = path.resolve(rendererDir, `.${rel}`);
    if (!file.startsWith(rendererDir + path.sep)) return send(res, 404, 'text/plain', 'Not found');
    let data: Buffer;
    try {
      data = fs.readFileSync(file);
    } catch {
      return send(res, 404, 'text/plain', 'Not found');
    }
    res.writeHead(200, {
      'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    });
    res.end(data);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    close: async () => {
      unsubscribe();
      for (const res of clients) res.end();
      clients.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function failure(code: string, message: string) {
  return { ok: false, error: { code, message } };
}

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}

/** QUIRE_CALL_TIMING=1: each call's answer says where its time went in a Server-Timing header (benches read it). */
const CALL_TIMING = process.env['QUIRE_CALL_TIMING'] === '1';

/** read: the request's body; host: validation; queue: waiting for the worker's earlier calls; work: the call; back: to the host. */
function serverTiming(received: number, t: CallTiming): string {
  const now = performance.timeOrigin + performance.now();
  const dur = (name: string, from: number | undefined, to: number | undefined) => (from !== undefined && to !== undefined ? [`${name};dur=${(to - from).toFixed(1)}`] : []);
  return [
    ...dur('read', received, t.invoked),
    ...dur('host', t.invoked, t.posted),
    ...dur('queue', t.posted, t.workerStart),
    ...dur('work', t.workerStart, t.workerEnd),
    ...dur('back', t.workerEnd, t.answered),
    ...dur('server', received, now),
  ].join(', ');
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new QuireError('invalid-input', `The request is larger than ${Math.round(limit / 1024 / 1024)} MB, the most Quire accepts in one request.`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}
