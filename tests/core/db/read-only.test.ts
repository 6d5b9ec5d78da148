// Archives that cannot be written still open for reading: asked for read-only, or found damaged.
// Every change is refused with the reason, searches work, and nothing is left beside the file.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArchiveInfo, WireResult } from '../../../shared/contract.ts';
import { ArchiveHost } from '../../../electron/core/worker/archive-host.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

function value<T>(r: WireResult<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

async function archiveWithEntries(dir: string, name: string): Promise<string> {
  const file = path.join(dir, name);
  const input = path.join(dir, `${name}.txt`);
  fs.writeFileSync(input, Array.from({ length: 400 }, (_, i) => `Lighthouse log ${i}\n\nThe keeper noted fog and ${i} ships.\n\nRead more\n`).join('\n'));
  const host = await ArchiveHost.open(file);
  value(await host.invoke('importFiles', { paths: [input] }));
  await host.close();
  return file;
}

describe('read-only archives', () => {
  const dir = tempDir('quire-readonly-');

  it('open read-only on request: reads work, changes are refused with the reason, no -wal/-shm left behind', async () => {
    const file = await archiveWithEntries(dir, 'asked.quire');
    // The last writer to close leaves the archive in rollback-journal mode with no side files.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    expect(fs.existsSync(`${file}-shm`)).toBe(false);
    const host = await ArchiveHost.open(file, { readOnly: true });
    try {
      expect(value<ArchiveInfo>(await host.invoke('info', undefined)).readOnly).toMatch(/opened read-only/);
      expect(value<{ total: number }>(await host.invoke('search', { query: 'fog' })).total).toBe(400);
      for (const [method, arg] of [
        ['importFiles', { paths: [path.join(dir, 'asked.quire.txt')] }],
        ['saveCode', { name: 'Weather' }],
        ['undo', undefined],
      ] as const) {
        const r = await host.invoke(method, arg);
        expect(r.ok, method).toBe(false);
        expect(!r.ok && r.error.code).toBe('archive-readonly');
        expect(!r.ok && r.error.message).toMatch(/open read-only, so it cannot be changed/);
      }
    } finally {
      await host.close();
    }
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('asked.quire-'))).toEqual([]);
  });

  it('a damaged archive opens read-only with a message that says what to do', async () => {
    const file = await archiveWithEntries(dir, 'damaged.quire');
    // Overwrite two whole pages in the middle of the file (past the schema on page 1), whatever the
    // page size (the header's bytes 16-17).
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, 'r+');
    const header = Buffer.alloc(18);
    fs.readSync(fd, header, 0, 18, 0);
    const page = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16);
    fs.writeSync(fd, Buffer.alloc(2 * page, 0xa5), 0, 2 * page, Math.floor(size / 2 / page) * page);
    fs.closeSync(fd);
    const host = await ArchiveHost.open(file);
    try {
      const info = value<ArchiveInfo>(await host.invoke('info', undefined));
      expect(info.readOnly).toMatch(/is damaged/);
      expect(info.readOnly).toMatch(/Restore a backup/);
      const r = await host.invoke('saveCode', { name: 'Weather' });
      expect(!r.ok && r.error.message).toMatch(/or restore a backup/);
      // Whatever can still be read is readable, or refused in words, never a crash.
      const s = await host.invoke('stats', undefined);
      if (!s.ok) expect(s.error.code).not.toBe('internal');
    } finally {
      await host.close();
    }
  });
});
