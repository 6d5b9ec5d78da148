// `quire import good.txt bomb.zip`: the good file is imported, the bomb refused in plain words,
// through the command and through the worker host (which the app and browser mode use).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../shared/contract.ts';
import { ArchiveHost } from '../../../electron/core/worker/archive-host.ts';
import { REPO_ROOT, tempDir } from '../../helpers/temp-dir.ts';
import { deflated, makeZip } from './fixtures/make-zip.ts';

// The command from source (Node runs the TypeScript), so the test does not wait for a build.
const CLI = path.join(REPO_ROOT, 'electron', 'cli', 'cli-entry.ts');

describe('one bad file among good ones', () => {
  const dir = tempDir();
  let good: string;
  let bomb: string;
  beforeAll(() => {
    good = path.join(dir, 'good.txt');
    fs.writeFileSync(good, 'Council notes\n\nThe bridge repairs were approved on Tuesday.\n');
    bomb = path.join(dir, 'bomb.zip');
    fs.writeFileSync(
      bomb,
      makeZip([
        // 300 MB of zeros in about 300 KB, declared honestly; and a member whose table of contents claims 2 GB.
        { name: 'zeros.txt', deflated: deflated(new Uint8Array(300 * 1024 * 1024)) },
        { name: 'claims-2gb.txt', data: new Uint8Array(1024), declaredSize: 2_000_000_000 },
      ]),
    );
  });

  it('quire import good.txt bomb.zip imports good.txt and refuses the bomb, exit 1', () => {
    const archive = path.join(dir, 'cli.quire');
    const res = spawnSync(process.execPath, [CLI, 'import', good, bomb, '--archive', archive, '--json'], { encoding: 'utf8', timeout: 60_000 });
    expect(res.status, res.stderr).toBe(1);
    const report = JSON.parse(res.stdout) as ImportReport;
    expect(report.files.map((f) => [path.basename(f.path), f.status])).toEqual([
      ['good.txt', 'imported'],
      ['claims-2gb.txt', 'rejected'],
      ['zeros.txt', 'rejected'],
    ]);
    for (const f of report.files.slice(1)) expect(f.error).toMatch(/would unpack to more than .*Quire (refuses|did not unpack)/u);
    expect(res.stderr).toMatch(/2 of 3 files were rejected/u);
    const stats = spawnSync(process.execPath, [CLI, 'stats', '--json', '--archive', archive], { encoding: 'utf8' });
    expect(JSON.parse(stats.stdout)).toMatchObject({ sources: 1, entries: 1 });
  });

  describe('through the worker host', () => {
    let host: ArchiveHost;
    beforeAll(async () => {
      host = await ArchiveHost.open(path.join(dir, 'host.quire'));
    });
    afterAll(async () => host.close());

    it('imports the good file and reports each bad member, with the archive usable after', async () => {
      const result = await host.invoke('importFiles', { paths: [bomb, good] });
      expect(result.ok).toBe(true);
      const report = (result as { value: ImportReport }).value;
      expect(report.files.map((f) => [path.basename(f.path), f.status])).toEqual([
        ['claims-2gb.txt', 'rejected'],
        ['zeros.txt', 'rejected'],
        ['good.txt', 'imported'],
      ]);
      expect(report.entriesAdded).toBe(1);
      const search = await host.invoke('search', { query: 'bridge' });
      expect(search).toMatchObject({ ok: true, value: { total: 1 } });
    });
  });
});
