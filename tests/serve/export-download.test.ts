// Browser mode and exports: the page gets an export as a one-time download of its job's file (with
// the token, never a path), and neither an export nor a project import takes a path over HTTP.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportReport, WireResult } from '../../shared/contract.ts';
import { ArchiveHost } from '../../electron/core/worker/archive-host.ts';
import { serveArchive, type RunningServer } from '../../electron/serve/serve-archive.ts';
import { rendererDir } from '../helpers/renderer-dir.ts';
import { raw } from '../helpers/http-request.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('browser-mode exports', () => {
  const dir = tempDir();
  let host: ArchiveHost;
  let server: RunningServer;
  let auth: Record<string, string>;
  beforeAll(async () => {
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'Harbour notes\n\nThe ferry runs at noon.\n');
    host = await ArchiveHost.open(path.join(dir, 'serve.quire'));
    expect((await host.invoke('importFiles', { paths: [path.join(dir, 'notes.txt')] })).ok).toBe(true);
    server = await serveArchive({ host, rendererDir: rendererDir() });
    auth = { host: `127.0.0.1:${server.port}`, authorization: `Bearer ${server.token}`, 'content-type': 'application/json' };
  });
  afterAll(async () => {
    await server.close();
    await host.close();
  });

  it('refuses a path for an export or a project import', async () => {
    const target = path.join(dir, 'written-by-page.md');
    const exp = await raw(server.port, '/api/invoke/exportArchive', auth, 'POST', JSON.stringify({ scope: { kind: 'all' }, format: 'md', path: target }));
    expect(exp.status).toBe(403);
    expect(fs.existsSync(target)).toBe(false);
    const imp = await raw(server.port, '/api/invoke/importProject', auth, 'POST', JSON.stringify({ path: '/etc/passwd' }));
    expect(imp.status).toBe(403);
  });

  it('hands an export out once, with the token, under the name asked for', async () => {
    const res = await raw(server.port, '/api/invoke/exportArchive', auth, 'POST', JSON.stringify({ scope: { kind: 'all' }, format: 'md', jobId: 'page-export-1' }));
    const result = JSON.parse(res.body) as WireResult<ExportReport>;
    expect(result.ok).toBe(true);
    const url = '/api/export/page-export-1?name=harbour.md';
    expect((await raw(server.port, url, { host: auth.host! })).status).toBe(401);
    const first = await raw(server.port, url, auth);
    expect(first.status).toBe(200);
    expect(first.headers['content-disposition']).toContain('filename="harbour.md"');
    expect(first.body).toContain('The ferry runs at noon.');
    expect((await raw(server.port, url, auth)).status).toBe(404);
    const traversal = await raw(server.port, '/api/export/..%2F..%2Fetc%2Fpasswd', auth);
    expect(traversal.status).not.toBe(200);
    expect(traversal.body).not.toContain('root:');
  });
});
