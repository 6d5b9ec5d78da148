// A `quire` run compiles only what its command needs: a script that calls `quire codes` or
// `quire search` thousands of times must not pay for the importers, exporters, PDF reader and
// HTTP server each time (the whole bundle: ~8 MB of JavaScript, ~0.5 s a run). A load hook lists
// every file the run loads. Runs the bundle `npm test` builds; QUIRE_CLI points at another build.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../helpers/temp-dir.ts';
import { makePdf } from '../core/import/fixtures/make-pdf.ts';

const BIN = process.env['QUIRE_CLI'] ?? path.join(REPO_ROOT, 'bin', 'quire.mjs');

/** The modules that only importing, exporting, PDF reading or serving need (esbuild names each bundled file in a comment). */
const HEAVY = ['node_modules/jschardet/', 'node_modules/linkedom/', 'node_modules/@mozilla/readability/', 'node_modules/pdfjs-dist/', 'node_modules/docx/', 'node_modules/postal-mime/', 'electron/core/import/import-files.ts', 'electron/serve/serve-archive.ts'];

describe('quire start-up', () => {
  const dir = tempDir('quire-cli-start-up-');
  const log = path.join(dir, 'loaded.jsonl');
  const hook = path.join(dir, 'list-loads.mjs');
  fs.writeFileSync(
    hook,
    `import fs from 'node:fs';
import { registerHooks } from 'node:module';
const heavy = ${JSON.stringify(HEAVY)};
registerHooks({
  load(url, context, nextLoad) {
    const result = nextLoad(url, context);
    if (url.startsWith('file:') && result.source != null) {
      const source = String(result.source);
      fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ url, bytes: source.length, heavy: heavy.filter((m) => source.includes('// ' + m)) }) + '\\n');
    }
    return result;
  },
});
`,
  );

  /** Runs quire with the hook and returns the files it loaded: their size and the heavy modules in them. */
  function loads(args: string[]): { url: string; bytes: number; heavy: string[] }[] {
    fs.rmSync(log, { force: true });
    const r = spawnSync(process.execPath, ['--import', pathToFileURL(hook).href, BIN, ...args], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    return fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { url: string; bytes: number; heavy: string[] });
  }

  it('codes, search and stats load neither the importers, the exporters, the PDF reader nor the server', () => {
    const archive = path.join(dir, 'study.quire');
    for (const args of [['stats'], ['codes', '--json'], ['search', 'harbour', '--json']]) {
      const loaded = loads([...args, '--archive', archive]);
      expect(loaded.some((l) => l.url.endsWith('/cli.mjs')), `quire ${args[0]}`).toBe(true);
      expect([...new Set(loaded.flatMap((l) => l.heavy))], `quire ${args[0]}`).toEqual([]);
      // The whole bundle is ~8 MB; what these commands need (mostly zod and the search core) ~1 MB.
      expect(loaded.reduce((n, l) => n + l.bytes, 0), `quire ${args[0]}`).toBeLessThan(2_000_000);
    }
  });

  it('an import loads the PDF reader in no thread until a PDF comes (each thread that loaded it took ~80 MB more)', () => {
    const archive = path.join(dir, 'imports.quire');
    const note = path.join(dir, 'note.txt');
    fs.writeFileSync(note, 'Harbour note\n\nThe pier lights were fixed on Monday.\n');
    const text = loads(['import', note, '--archive', archive]);
    // The hook runs in every thread (workers inherit --import): the archive workers' and the preparing thread's loads are listed.
    expect(text.filter((l) => /\/(archive|prepare)-worker\.mjs$/u.test(l.url)).map((l) => path.basename(l.url)).sort()).toEqual(expect.arrayContaining(['archive-worker.mjs', 'prepare-worker.mjs']));
    expect(new Set(text.flatMap((l) => l.heavy))).not.toContain('node_modules/pdfjs-dist/');
    // Three archive threads (the writer, its checkpointing thread, the reader): the second reader starts on its first call, and an import makes none.
    expect(text.filter((l) => l.url.endsWith('/archive-worker.mjs'))).toHaveLength(3);
    // No thread compiles more than a few MB: the PDF reader alone was 3.7 MB of every worker's 7.5.
    for (const l of text) expect(l.bytes, l.url).toBeLessThan(3_000_000);
    const pdf = path.join(dir, 'report.pdf');
    fs.writeFileSync(pdf, makePdf({ pages: [['Harbour report', 'The ferry timetable changes in May.']] }));
    expect(new Set(loads(['import', pdf, '--archive', archive]).flatMap((l) => l.heavy))).toContain('node_modules/pdfjs-dist/');
  });
});
