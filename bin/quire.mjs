#!/usr/bin/env node
// The quire command. Runs the bundle that `npm install` (prepare) builds.
import '../scripts/check-node.mjs';
import { existsSync } from 'node:fs';
import nodeModule from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('quire: the command is not built yet. Run `npm run build` in the Quire folder.\n');
  process.exit(1);
}
// V8 keeps the compiled bundles on disk (Node's compile cache, in the temp folder): a script that
// runs quire many times compiles them once, not on every run. The import workers are bundles of
// their own, compiled before any of their code runs, so they are told the folder through the
// environment they inherit. NODE_DISABLE_COMPILE_CACHE=1 turns it off.
// (Named imports of it would fail to link on a Node too old for check-node.mjs to name.)
const cache = nodeModule.enableCompileCache();
const { ENABLED, ALREADY_ENABLED } = nodeModule.constants.compileCacheStatus;
if ((cache.status === ENABLED || cache.status === ALREADY_ENABLED) && cache.directory && !process.env.NODE_COMPILE_CACHE) process.env.NODE_COMPILE_CACHE = cache.directory;
await import(pathToFileURL(bundle).href);
