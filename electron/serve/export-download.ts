// Browser mode: an export written with no destination (a temporary file named by its job) is sent
// once as a download and then deleted. Only the job's own file can be asked for: the id is checked
// by downloadFile, and nothing else in the folder is reachable.
import fs from 'node:fs';
import type http from 'node:http';
import { downloadFile } from '../core/export/run-export.ts';

export function sendExportDownload(res: http.ServerResponse, jobId: string, name: string | null): void {
  let file: string;
  try {
    file = downloadFile(jobId);
  } catch {
    res.writeHead(400, { 'content-type': 'text/plain' });
    res.end('Not an export job');
    return;
  }
  // Taken out of reach at once (a rename is atomic), so a second request finds nothing; removed once sent.
  const sending = `${file}.sending-${process.pid}-${Date.now()}`;
  let size: number;
  try {
    fs.renameSync(file, sending);
    size = fs.statSync(sending).size;
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('This export is not here any more: export again.');
    return;
  }
  const safe = (name ?? 'quire-export').replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 200) || 'quire-export';
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-length': String(size),
    'content-disposition': `attachment; filename="${safe.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(safe)}`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  const stream = fs.createReadStream(sending);
  stream.pipe(res);
  const remove = () => void fs.promises.rm(sending, { force: true });
  stream.once('close', remove);
  stream.once('error', () => res.destroy());
}
