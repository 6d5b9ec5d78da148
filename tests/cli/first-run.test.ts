// A fresh machine: an old system Node gets a clear refusal, and `npm start` without an Electron
// binary falls back to browser mode on the same archive instead of stopping.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../helpers/temp-dir.ts';

const SYSTEM_NODE = ['/usr/bin/node', '/usr/local/bin/node'].find((p) => fs.existsSync(p));
const systemVersion = SYSTEM_NODE ? spawnSync(SYSTEM_NODE, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim() : '';
const [maj, min] = systemVersion.split('.').map(Number);
const oldNode = SYSTEM_NODE && (maj! < 22 || (maj === 22 && min! < 12)) ? SYSTEM_NODE : null;

describe('first run', () => {
  const dir = tempDir();

  it.skipIf(!oldNode)(`refuses an old Node by name instead of crashing (system Node ${systemVersion || 'absent'})`, () => {
    const r = spawnSync(oldNode!, [path.join(REPO_ROOT, 'bin', 'quire.mjs'), 'stats', '--archive', path.join(dir, 'old-node.quire')], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Quire needs Node.js 22.12 or newer');
    expect(r.stderr).toContain(`this is Node ${systemVersion}`);
    expect(fs.existsSync(path.join(dir, 'old-node.quire'))).toBe(false);
  });

  it('npm start without an Electron binary serves the app in the browser and says why', async () => {
    const archive = path.join(dir, 'start.quire');
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts', 'start-electron.mjs')], {
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: path.join(dir, 'no-electron-here'), QUIRE_ARCHIVE: archive, DISPLAY: '' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const deadline = Date.now() + 30_000;
    while (!/#token=/.test(out) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGTERM');
    expect(err).toContain('no Electron binary is available');
    expect(err).toContain('browser mode');
    expect(out).toContain(`Quire is serving ${archive}`);
    const url = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
    expect(url).not.toBeNull();
  });
});
