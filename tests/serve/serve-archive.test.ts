// Browser mode guards: token on every API call, localhost only, no path traversal, uploads framed.
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeUploads } from '../../shared/upload-frames.ts';
import { ArchiveHost } from '../../electron/core/worker/archive-host.ts';
import { serveArchive, type RunningServer } from '../../electron/serve/serve-archive.ts';
import { rendererDir } from '../helpers/renderer-dir.ts';
import { raw } from '../helpers/http-request.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('quire serve', () => {
  const dir = tempDir();
  let host: ArchiveHost;
  let server: RunningServer;
  beforeAll(async () => {
    host = await ArchiveHost.open(path.join(dir, 'serve.quire'));
    server = await serveArchive({ host, rendererDir: rendererDir() });
  });
  afterAll(async () => {
    await server.close();
    await host.close();
  });

  it('listens on 127.0.0.1 only and prints an address carrying the token', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/#token=[0-9a-f]{48}$`));
  });

  it('serves the renderer with a strict Content-Security-Policy', async () => {
    const res = await raw(server.port, '/', { host: `127.0.0.1:${server.port}` });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<div id="root">');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('answers API calls only with the right token', async () => {
    const h = { host: `127.0.0.1:${server.port}`, 'content-type': 'application/json' };
    expect((await raw(server.port, '/api/invoke/stats', h, 'POST')).status).toBe(401);
    expect((await raw(server.port, '/api/invoke/stats', { ...h, authorization: 'Bearer nope' }, 'POST')).status).toBe(401);
    const ok = await raw(server.port, '/api/invoke/stats', { ...h, authorization: `Bearer ${server.token}` }, 'POST');
    expect(JSON.parse(ok.body)).toEqual({ ok: true, value: { sources: 0, entries: 0, highlights: 0, codes: 0, collections: 0 } });
  });

  it('refuses requests for another host name (DNS rebinding) and other origins', async () => {
    const auth = { authorization: `Bearer ${server.token}` };
    expect((await raw(server.port, '/', { host: `evil.example:${server.port}` })).status).toBe(421);
    const cross = await raw(server.port, '/api/invoke/stats', { ...auth, host: `127.0.0.1:${server.port}`, origin: 'http://evil.example' }, 'POST');
    expect(cross.status).toBe(403);
  });

  it('never serves files outside the renderer folder', async () => {
    for (const p of ['/../package.json', '/%2e%2e/%2e%2e/package.json', '/..%2fpackage.json']) {
      const res = await raw(server.port, p, { host: `127.0.0.1:${server.port}` });
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('"name": "quire"');
    }
  });

  it('explains a malformed body as data', async () => {
    const res = await raw(server.port, '/api/invoke/getEntry', { host: `127.0.0.1:${server.port}`, authorization: `Bearer ${server.token}` }, 'POST', Buffer.from('{oops'));
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid-input', message: 'The request body is not valid JSON.' } });
  });

  it('imports uploaded bytes', async () => {
    const body = encodeUploads([{ name: 'folder/upload.txt', data: new TextEncoder().encode('Uploaded note\n\nbody text of the upload') }]);
    const res = await raw(
      server.port,
      '/api/upload?jobId=up-1',
      { host: `127.0.0.1:${server.port}`, authorization: `Bearer ${server.token}`, 'content-type': 'application/octet-stream' },
      'POST',
      body,
    );
    const parsed = JSON.parse(res.body);
    expect(parsed.ok).toBe(true);
    expect(parsed.value.files[0]).toMatchObject({ path: 'folder/upload.txt', status: 'imported' });
  });

  it('takes the token only from the Authorization header, never from the address', async () => {
    const h = { host: `127.0.0.1:${server.port}` };
    expect((await raw(server.port, `/api/invoke/stats?token=${server.token}`, h, 'POST')).status).toBe(401);
    expect((await raw(server.port, `/api/events?token=${server.token}`, h)).status).toBe(401);
  });

  it('refuses to read paths on this computer over HTTP (uploads only)', async () => {
    const body = Buffer.from(JSON.stringify({ paths: ['/etc/*release*'] }));
    const res = await raw(server.port, '/api/invoke/importFiles', { host: `127.0.0.1:${server.port}`, authorization: `Bearer ${server.token}` }, 'POST', body);
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error.message).toContain('does not read paths');
    const sources = await raw(server.port, '/api/invoke/listSources', { host: `127.0.0.1:${server.port}`, authorization: `Bearer ${server.token}` }, 'POST');
    expect(JSON.parse(sources.body).value.map((s: { name: string }) => s.name)).not.toContain('os-release');
  });

  it('answers malformed addresses with 400, not an internal error', async () => {
    for (const p of ['/%E0%A4%A', '/%C0%AF', '/assets/%ZZ']) {
      const res = await raw(server.port, p, { host: `127.0.0.1:${server.port}` });
      expect(res.status, p).toBe(400);
    }
  });

  it('rejects malformed upload frames with 400 and a plain message', async () => {
    const auth = { host: `127.0.0.1:${server.port}`, authorization: `Bearer ${server.token}`, 'content-type': 'application/octet-stream' };
    // 12-byte frames with empty names: once 10 million objects before validation.
    const empty = new Uint8Array(12 * 1000);
    const cut = encodeUploads([{ name: 'a.txt', data: new TextEncoder().encode('some text') }]).subarray(0, 15);
    for (const body of [empty, cut]) {
      const res = await raw(server.port, '/api/upload', auth, 'POST', body);
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body).error.message).toMatch(/cut short or malformed/);
    }
  });

  it('streams archive events to a page holding the token in a header', async () => {
    const events: string[] = [];
    const req = http.request({ host: '127.0.0.1', port: server.port, path: '/api/events', headers: { host: `127.0.0.1:${server.port}`, authorization: `Bearer ${server.token}` } });
    const opened = new Promise<http.IncomingMessage>((resolve) => req.on('response', resolve));
    req.end();
    const res = await opened;
    expect(res.statusCode).toBe(200);
    res.on('data', (c: Buffer) => events.push(c.toString('utf8')));
    const body = encodeUploads([{ name: 'event-probe.txt', data: new TextEncoder().encode('Event probe\n\nbody text for the event probe') }]);
    await raw(server.port, '/api/upload', { host: `127.0.0.1:${server.port}`, authorization: `Bearer ${server.token}` }, 'POST', body);
    await new Promise((resolve) => setTimeout(resolve, 100));
    req.destroy();
    expect(events.join('')).toContain('"type":"import-finished"');
  });

  it('keeps backups inside the archive\'s backups folder over HTTP', async () => {
    const auth = { host: `127.0.0.1:${server.port}`, authorization: `Bearer ${server.token}` };
    const outside = await raw(server.port, '/api/invoke/backupArchive', auth, 'POST', Buffer.from(JSON.stringify({ path: '/tmp/stolen.quire' })));
    expect(outside.status).toBe(403);
    const restore = await raw(server.port, '/api/invoke/restoreBackup', auth, 'POST', Buffer.from(JSON.stringify({ path: '/etc/hostname' })));
    expect(restore.status).toBe(403);
    const inside = await raw(server.port, '/api/invoke/backupArchive', auth, 'POST', Buffer.from('{}'));
    expect(JSON.parse(inside.body)).toMatchObject({ ok: true, value: { reason: 'manual' } });
  });
});
