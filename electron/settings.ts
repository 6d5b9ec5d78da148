// Small JSON settings in the app-data folder: window bounds and the last archive.
import fs from 'node:fs';
import path from 'node:path';

export interface Settings {
  bounds?: { x?: number; y?: number; width: number; height: number; maximized?: boolean };
  lastArchive?: string;
}

export function loadSettings(dir: string): Settings {
  try {
    const raw = JSON.parse(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8')) as unknown;
    return typeof raw === 'object' && raw !== null ? (raw as Settings) : {};
  } catch {
    return {};
  }
}

export function saveSettings(dir: string, settings: Settings): void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'settings.json');
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(settings, null, 2));
  fs.renameSync(`${file}.tmp`, file);
}
