// Builds everything into dist/: the renderer (Vite) and the Node/Electron bundles (esbuild).
import './check-node.mjs';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import fs from 'node:fs';

const external = ['better-sqlite3', 'electron'];
const common = { bundle: true, platform: 'node', target: 'node22', external, logLevel: 'warning', legalComments: 'none' };
const esmBanner = { js: "import { createRequire as __qcr } from 'node:module'; const require = __qcr(import.meta.url);" };

fs.rmSync('dist', { recursive: true, force: true });
await Promise.all([
  esbuild({ ...common, entryPoints: { main: 'electron/main.ts' }, format: 'esm', outExtension: { '.js': '.mjs' }, outdir: 'dist', banner: esmBanner }),
  // The worker threads, split at their dynamic imports too: the PDF reader (3.7 MB of the 7.5 MB each
  // bundle was) loads in the thread that reads a PDF, when it does. Every thread that loaded the
  // whole bundle took about 80 MB, and an import runs six of them.
  esbuild({
    ...common,
    entryPoints: { 'archive-worker': 'electron/core/worker/archive-worker.ts', 'prepare-worker': 'electron/core/import/prepare-worker.ts' },
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    outdir: 'dist',
    banner: esmBanner,
    splitting: true,
    chunkNames: 'worker-[name]-[hash]',
  }),
  // Split at the CLI's dynamic imports: each run compiles only what its command uses (`quire codes`
  // starts in ~0.2 s instead of ~0.5 s: not the importers, exporters, PDF reader or HTTP server).
  // The chunks sit beside cli.mjs, so `new URL('./archive-worker.mjs', import.meta.url)` still finds the workers.
  esbuild({ ...common, entryPoints: { cli: 'electron/cli/cli-entry.ts' }, format: 'esm', outExtension: { '.js': '.mjs' }, outdir: 'dist', banner: esmBanner, splitting: true, chunkNames: 'cli-[name]-[hash]' }),
  esbuild({ ...common, entryPoints: { preload: 'electron/preload.ts' }, format: 'cjs', outExtension: { '.js': '.cjs' }, outdir: 'dist', external: ['electron'] }),
]);
await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
console.log('built dist/');
