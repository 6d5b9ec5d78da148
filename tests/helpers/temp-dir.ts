import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/** A fresh temporary folder, removed after the test file. */
export function tempDir(prefix = 'quire-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export const SEEDS_DIR = path.resolve(import.meta.dirname, '../../../shared/seeds');
export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
