// Browser-mode uploads stream to disk: a big drop keeps the server's memory flat, a body of
// garbage is refused at once with 400, files and requests past the limits with 413, and the
// temporary folder is gone afterwards.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeUploads } from '../../shared/upload-frames.ts';
import { ArchiveHost } from '../../electron/core/worker/archive-host.ts';
import { serveArchive, type RunningServer } from '../../electron/serve/serve-archive.ts';
import { rendererDir } from '../helpers/renderer-dir.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const MB = 1024 * 1024;

/** One frame's head (name and length); the data follows it. */
function frameHead(name: string, size: number): Buffer {
  const n = Buffer.from(name, 'utf8');
  const head = Buffer.alloc(4 + n.byteLength + 8);
  head.writeUInt32BE(n.byteLength, 0);
  n.copy(head, 4);
  head.writeDoubleBE(size, 4 + n.byteLength);
  return head;
}

/** POSTs a body given as a list of chunks, written with backpressure (the test never holds the whole body). */
function post(server: RunningServer, pathname: string, chunks: Iterable<Uint8Array>) {
  return new Promise<{ status: number; body: string; ms: number }>((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      { host: '127.0.0.1', port: server.port, path: pathname, method: 'POST', headers: { host: `127.0.0.1:${server.port}`, authorization: `Bearer ${server.token}`, 'content-type': 'application/octet-stream' } },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8'), ms: performance.now() - started }));
      },
    );
    req.on('error', reject);
    const it = chunks[Symbol.iterator]();
    const pump = () => {
      for (;;) {
        const next = it.next();
        if (next.done) return void req.end();
        if (!req.write(next.value)) return void req.once('drain', pump);
      }
    };
    pump();
  });
}

function uploadDirs(): string[] {
  return fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('quire-upload-'));
}

describe('uploads in browser mode', () => {
  const dir = tempDir();
  let host: ArchiveHost;
  let server: RunningServer;
  let limited: RunningServer;
  beforeAll(async () => {
    host = await ArchiveHost.open(path.join(dir, 'uploads.quire'));
    server = await serveArchive({ host, rendererDir: rendererDir() });
    limited = await serveArchive({ host, rendererDir: rendererDir(), uploadLimits: { maxFileBytes: 1 * MB, maxRequestBytes: 3 * MB } });
  });
  afterAll(async () => {
    await limited.close();
    await server.close();
    await host.close();
  });

  it('receives a 200 MB upload with the server\'s memory growing less than 100 MB, and leaves no temporary folder', async () => {
    const before = uploadDirs();
    const zeros = new Uint8Array(MB);
    const note = new TextEncoder().encode('Upload note\n\nThe tram line reopens in spring, the council said.\n');
    function* body() {
      for (let i = 0; i < 200; i++) {
        yield frameHead(`drop/zeros-${i}.txt`, MB);
        yield zeros;
      }
      yield frameHead('drop/note.txt', note.byteLength);
      yield note;
    }
    const start = process.memoryUsage().rss;
    let peak = start;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    // The moment the whole body is on disk: the server hands the files to the archive.
    let received = 0;
    const invoke = host.invoke.bind(host);
    host.invoke = ((method: never, arg: never) => {
      if (method === 'importFiles') received = Math.max(peak, process.memoryUsage().rss);
      return invoke(method, arg);
    }) as typeof host.invoke;
    const res = await post(server, '/api/upload?jobId=big-drop', body());
    host.invoke = invoke;
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    // Receiving (this process is the client too): well under the 200 MB sent. Importing then reads
    // one file or two at a time, in a helper thread of its own.
    expect(received - start).toBeLessThan(100 * MB);
    expect(peak - start).toBeLessThan(300 * MB);
    expect(res.status).toBe(200);
    const report = JSON.parse(res.body).value as { files: { path: string; status: string; error?: string }[] };
    expect(report.files).toHaveLength(201);
    // Zeros are not text: each is refused on its own; the note, dropped with them, is imported under its dropped name.
    expect(report.files.filter((f) => f.status === 'rejected')).toHaveLength(200);
    expect(report.files.at(-1)).toMatchObject({ path: 'drop/note.txt', status: 'imported' });
    expect(uploadDirs()).toEqual(before);
  }, 120_000);

  it('answers a 120 MB body of zero bytes with 400 at once, and keeps serving', async () => {
    const zeros = new Uint8Array(MB);
    const res = await post(server, '/api/upload', Array.from({ length: 120 }, () => zeros));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.message).toMatch(/cut short or malformed/u);
    expect(res.ms).toBeLessThan(5000);
    const ok = await post(server, '/api/upload', [encodeUploads([{ name: 'after.txt', data: new TextEncoder().encode('After the flood\n\nThe river bank was repaired.\n') }])]);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { files: [{ path: 'after.txt', status: 'imported' }] } });
  });

  it('refuses a file past the per-file limit and a request past the per-request limit with 413, naming the limit, importing nothing', async () => {
    const before = (await host.invoke('stats', undefined)) as { value: { sources: number } };
    const small = new TextEncoder().encode('Small note\n\nA note that would fit.\n');
    const big = await post(limited, '/api/upload', [frameHead('small.txt', small.byteLength), small, frameHead('big.txt', 2 * MB), new Uint8Array(2 * MB)]);
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body).error.message).toMatch(/“big\.txt” is 2 MB; Quire reads files of up to 1 MB whole, and larger ones only when they are JSON Lines .*\. Split it/u);
    const part = new Uint8Array(MB - 100);
    const many = await post(limited, '/api/upload', [0, 1, 2, 3].flatMap((i) => [frameHead(`part-${i}.txt`, part.byteLength), part]));
    expect(many.status).toBe(413);
    expect(JSON.parse(many.body).error.message).toMatch(/larger than 3 MB, the most Quire takes in one request/u);
    expect(await host.invoke('stats', undefined)).toMatchObject({ value: { sources: before.value.sources } });
  });

  it('takes a file past the per-file limit when it is named as a format read in parts (JSON Lines here)', async () => {
    const line = `${JSON.stringify({ title: 'Ferry notice', text: 'The morning ferry leaves at seven from May onwards. '.repeat(40) })}\n`;
    const data = new TextEncoder().encode(line.repeat(Math.ceil((1.5 * MB) / line.length)));
    const res = await post(limited, '/api/upload', [frameHead('posts.jsonl', data.byteLength), data]);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { files: [{ path: 'posts.jsonl', status: 'imported' }] } });
  });
});
