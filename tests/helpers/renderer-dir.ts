import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './temp-dir.ts';

/** The built renderer that `quire serve` serves (npm test builds it first). */
export function rendererDir(): string {
  const dir = path.join(REPO_ROOT, 'dist', 'renderer');
  if (!fs.existsSync(path.join(dir, 'index.html'))) throw new Error('dist/renderer is missing: run `npm run build` first (npm test does).');
  return dir;
}
