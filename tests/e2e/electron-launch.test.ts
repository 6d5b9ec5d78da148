// Launches the real desktop app when an Electron binary is available. This machine cannot
// download one, so without ELECTRON_OVERRIDE_DIST_PATH the test is skipped, and says so.
import fs from 'node:fs';
import path from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../helpers/temp-dir.ts';

function electronBinary(): string | null {
  const dist = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (!dist) return null;
  const names = process.platform === 'win32' ? ['electron.exe'] : process.platform === 'darwin' ? ['Electron.app/Contents/MacOS/Electron'] : ['electron'];
  return names.map((n) => path.join(dist, n)).find((p) => fs.existsSync(p)) ?? null;
}

const binary = electronBinary();
if (!binary) {
  console.warn('SKIPPED electron-launch: no Electron binary (set ELECTRON_OVERRIDE_DIST_PATH to an Electron build); the shell was type-checked against electron.d.ts instead.');
}

describe('the desktop app (real Electron)', () => {
  it.skipIf(!binary)('opens one secure window showing the empty state', async () => {
    const home = tempDir('quire-electron-');
    const app = await electron.launch({
      executablePath: binary!,
      args: [path.join(REPO_ROOT, 'dist', 'main.mjs')],
      env: { ...process.env, XDG_CONFIG_HOME: home, HOME: home },
    });
    try {
      const win = await app.firstWindow();
      await win.getByText('Drop text dumps here').waitFor();
      expect(await win.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      expect(await win.evaluate(() => typeof (window as unknown as { quire?: { invoke?: unknown } }).quire?.invoke)).toBe('function');
      expect(win.url()).toMatch(/^app:\/\/quire\//);
    } finally {
      await app.close();
    }
  });
});
