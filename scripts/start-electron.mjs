// `npm start`: launches the desktop app. The Electron binary comes from the `electron` package
// (downloaded on first use) or from ELECTRON_OVERRIDE_DIST_PATH; without one we say so plainly.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
function electronBinary() {
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (dist) {
    const names = process.platform === 'win32' ? ['electron.exe'] : process.platform === 'darwin' ? ['Electron.app/Contents/MacOS/Electron'] : ['electron'];
    for (const n of names) if (fs.existsSync(path.join(dist, n))) return path.join(dist, n);
    return null;
  }
  try {
    const bin = require('electron');
    return typeof bin === 'string' && fs.existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

const bin = electronBinary();
if (!bin) {
  console.error('Quire: no Electron binary is available (it could not be downloaded on this machine).');
  console.error('Set ELECTRON_OVERRIDE_DIST_PATH to a folder holding an Electron build, or use the browser mode: npm run serve');
  process.exit(1);
}
const child = spawn(bin, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
