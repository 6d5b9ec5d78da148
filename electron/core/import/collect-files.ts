// Turns what the user named (files, folders, globs) into the list of files to import.
import fs from 'node:fs';
import path from 'node:path';

export interface FileToImport {
  path: string;
  size: number;
}

export interface CollectedFiles {
  files: FileToImport[];
  /** Paths that could not be read at all, with the reason. */
  missing: { path: string; error: string }[];
}

// A Quire archive (and its WAL files) inside a folder being imported is not material to import.
const ARCHIVE_FILE = /\.quire(-wal|-shm|-journal)?$/u;
const SKIPPED_NAMES = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini', '.git', 'node_modules']);

export function collectFiles(inputs: string[]): CollectedFiles {
  const files: FileToImport[] = [];
  const missing: { path: string; error: string }[] = [];
  const seen = new Set<string>();
  const add = (file: string, size: number) => {
    const abs = path.resolve(file);
    if (seen.has(abs)) return;
    seen.add(abs);
    files.push({ path: abs, size });
  };
  const walk = (dir: string) => {
    const names = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const d of names) {
      if (SKIPPED_NAMES.has(d.name) || d.name.startsWith('.') || ARCHIVE_FILE.test(d.name)) continue;
      const full = path.join(dir, d.name);
      if (d.isDirectory()) walk(full);
      else if (d.isFile()) add(full, fs.statSync(full).size);
    }
  };
  for (const input of inputs) {
    let stat: fs.Stats | null = null;
    try {
      stat = fs.statSync(input);
    } catch {
      stat = null;
    }
    if (stat?.isDirectory()) {
      walk(input);
    } else if (stat?.isFile()) {
      add(input, stat.size);
    } else if (/[*?[{]/.test(input)) {
      const matches = fs.globSync(input).sort();
      if (matches.length === 0) missing.push({ path: input, error: 'No files match this pattern.' });
      for (const m of matches) {
        const s = fs.statSync(m);
        if (s.isDirectory()) walk(m);
        else if (s.isFile()) add(m, s.size);
      }
    } else {
      missing.push({ path: input, error: stat ? 'Not a regular file or folder.' : 'No such file or folder.' });
    }
  }
  return { files, missing };
}
