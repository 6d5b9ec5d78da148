// Process entry for the quire command (bundled to dist/cli.mjs).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './quire.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = process.env['QUIRE_RENDERER_DIR'] ?? path.resolve(here, here.endsWith('dist') ? 'renderer' : '../../dist/renderer');

const code = await runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
  rendererDir,
  isTTY: Boolean(process.stderr.isTTY),
});
process.exitCode = code;
