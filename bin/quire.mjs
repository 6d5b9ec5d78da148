#!/usr/bin/env node
// The quire command. Runs the bundle that `npm install` (prepare) builds.
import '../scripts/check-node.mjs';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('quire: the command is not built yet. Run `npm run build` in the Quire folder.\n');
  process.exit(1);
}
await import(pathToFileURL(bundle).href);
