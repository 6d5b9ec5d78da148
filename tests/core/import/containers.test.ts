// .zip and .gz containers through the pipeline: members imported one by one, folders kept in the
// names, junk skipped; a .warc.gz is one web archive, not a container.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../shared/contract.ts';
import { Archive } from '../../../electron/core/archive.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { encodeSingleByte, utf8 } from './fixtures/encode-legacy.ts';

describe('containers', () => {
  const dir = tempDir();
  const archive = new Archive(path.join(dir, 'containers.quire'));
  afterAll(() => archive.close());
  const importFile = async (name: string, bytes: Uint8Array) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    return (await archive.call('importFiles', { paths: [file] })) as ImportReport;
  };

  it('imports every member of a zip, keeping nested folder names and skipping directories and macOS junk', async () => {
    const zip = zipSync({
      'dump/': new Uint8Array(0),
      'dump/2021/bridge.txt': utf8('Bridge repairs approved.\n\nThe council voted on Tuesday.\n'),
      'dump/posts.json': utf8(JSON.stringify([{ title: 'Library', text: 'Open on Sundays.' }, { title: 'Pool', text: 'Open late in summer.' }])),
      'dump/fa.txt': encodeSingleByte('شوراي شهر درباره‌ي بودجه‌ي کتابخانه گفتگو کرد.', 'windows-1256'),
      '__MACOSX/dump/._bridge.txt': Uint8Array.of(0, 5, 22, 7, 0, 2, 0, 0),
      'dump/.DS_Store': Uint8Array.of(0, 0, 0, 1, 66, 117, 100, 49),
    });
    const report = await importFile('scrape.zip', zip);
    expect(report.files.map((f) => [path.basename(f.path), f.status, f.entries])).toEqual([
      ['bridge.txt', 'imported', 1],
      ['fa.txt', 'imported', 1],
      ['posts.json', 'imported', 2],
    ]);
    expect(report.files[0]!.path).toMatch(/scrape\.zip\/dump\/2021\/bridge\.txt$/u);
    const sources = archive.db.prepare('SELECT name, container, format, encoding FROM sources ORDER BY name').all();
    expect(sources).toEqual([
      { name: 'bridge.txt', container: path.join(dir, 'scrape.zip'), format: 'text', encoding: 'utf-8' },
      { name: 'fa.txt', container: path.join(dir, 'scrape.zip'), format: 'text', encoding: 'windows-1256' },
      { name: 'posts.json', container: path.join(dir, 'scrape.zip'), format: 'json', encoding: 'utf-8' },
    ]);
  });

  it('imports the file inside a .gz under its own name', async () => {
    const report = await importFile('minutes.md.gz', gzipSync(utf8('# Minutes\n\nThe harbour committee met.\n\n# Notes\n\nThe pier lights are fixed.\n')));
    expect(report.files).toHaveLength(1);
    expect(report.files[0]).toMatchObject({ status: 'imported', format: 'markdown' });
    expect(report.files[0]!.path).toMatch(/minutes\.md\.gz\/minutes\.md$/u);
  });

  it('refuses a truncated .gz and leaves the archive as it was', async () => {
    const before = archive.call('stats', undefined);
    const gz = gzipSync(utf8('The tram line reopens in spring.\n'.repeat(50)));
    const report = await importFile('tram.txt.gz', gz.subarray(0, gz.length - 12));
    expect(report.files).toEqual([expect.objectContaining({ status: 'rejected', error: expect.stringMatching(/truncated/u) })]);
    expect(archive.call('stats', undefined)).toEqual(before);
  });

  it('reports a zip holding only folders and junk as empty', async () => {
    const report = await importFile('empty.zip', zipSync({ 'a/': new Uint8Array(0), '__MACOSX/x': Uint8Array.of(1) }));
    expect(report.files[0]).toMatchObject({ status: 'rejected', error: 'The container holds no files.' });
  });

  it('imports a .warc.gz as one web archive source', async () => {
    const html = utf8('<html><head><title>Ferry times</title></head><body><p>Boats leave every hour.</p></body></html>');
    const http = new Uint8Array([...utf8('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n'), ...html]);
    const rec = new Uint8Array([...utf8(`WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://harbour.example/ferry\r\nWARC-Date: 2022-06-01T08:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${http.length}\r\n\r\n`), ...http, ...utf8('\r\n\r\n')]);
    const report = await importFile('harbour.warc.gz', gzipSync(rec));
    expect(report.files).toEqual([expect.objectContaining({ status: 'imported', format: 'warc', entries: 1 })]);
    const entry = archive.db.prepare("SELECT title, url, date FROM entries WHERE url LIKE 'https://harbour%'").get();
    expect(entry).toEqual({ title: 'Ferry times', url: 'https://harbour.example/ferry', date: '2022-06-01' });
  });
});
