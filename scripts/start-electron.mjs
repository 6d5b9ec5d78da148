// `npm start`: launches the desktop app. The Electron binary comes from the `electron` package
// (downloaded on first use) or from ELECTRON_OVERRIDE_DIST_PATH; without one we say so plainly.
import './check-node.mjs';
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
  // No desktop shell on this machine: the same app in the browser, on the same default archive.
  console.error('Quire: no Electron binary is available here (the `electron` package could not download one,');
  console.error('and ELECTRON_OVERRIDE_DIST_PATH is not set), so Quire starts in browser mode on the desktop app\'s archive.');
  console.error('Stop it with Ctrl+C. For the desktop app, point ELECTRON_OVERRIDE_DIST_PATH at an Electron build.\n');
  const child = spawn(process.execPath, [path.join(import.meta.dirname, '..', 'bin', 'quire.mjs'), 'serve', ...process.argv.slice(2)], { stdio: ['inherit', 'pipe', 'inherit'] });
  let opened = false;
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    const url = /http:\/\/127\.0\.0\.1:\d+\/#token=\w+/.exec(String(chunk))?.[0];
    if (url && !opened) {
      opened = true;
      openBrowser(url);
    }
  });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
} else {
  const child = spawn(bin, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

/** Opens the address in the default browser where there is a desktop to open it on. */
function openBrowser(url) {
  const [cmd, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  try {
    spawn(cmd, args, { stdio: 'ignore', detached: true }).on('error', () => {}).unref();
  } catch {
    // No browser opener: the address printed above is enough.
  }
}
