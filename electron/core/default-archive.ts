// Where the desktop app keeps its archive, computed without Electron so that the CLI agrees with
// app.getPath('userData') for productName "Quire".
import os from 'node:os';
import path from 'node:path';

export function appDataDir(): string {
  if (process.platform === 'win32') return process.env['APPDATA'] ?? path.join(os.homedir(), 'AppData', 'Roaming');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support');
  return process.env['XDG_CONFIG_HOME'] ?? path.join(os.homedir(), '.config');
}

export function defaultArchivePath(): string {
  return path.join(appDataDir(), 'Quire', 'Library.quire');
}

/** --archive beats QUIRE_ARCHIVE beats the desktop app's archive. */
export function resolveArchivePath(flag: string | undefined): string {
  const chosen = flag ?? process.env['QUIRE_ARCHIVE'] ?? defaultArchivePath();
  return path.resolve(chosen);
}
