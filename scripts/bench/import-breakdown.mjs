// Import bench (issue 15 §2): Quire's import of the generated corpus beside the bare-FTS5 ceiling
// of PERFORMANCE.md (the same entries bulk-inserted into a plain table with an FTS5 index, the
// tokenizer of our entry_index), with where the import's time goes per thread and stage, its peak
// RSS and the archive's size over the text. The import and the ceiling each run in a process of
// their own, so that peak RSS is the import's alone and neither warms the other's heap.
//
//   node scripts/bench/import-breakdown.mjs           # QUIRE_BENCH_ENTRIES (default 20,000) under QUIRE_BENCH_DIR (default .bench/)
//   npm run bench                                      # the same section, from scripts/bench.mjs
//
// The stage times come from the import itself (JobContext.stageTimes, electron/core/import/stage-times.ts):
// CPU time of the thread each stage runs on, and its wall time. Node 24 runs the TypeScript core directly.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { IMPORT_CACHE_KIB } from '../../electron/core/import/import-memory.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const self = fileURLToPath(import.meta.url);
const DIGEST_BATCH = 2000;

/** Every file under `dir`, in a stable order. */
function listFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

const fileBytes = (files) => files.reduce((n, f) => n + fs.statSync(f).size, 0);
const removeDb = (file) => {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
};

// ---- Child: Quire's import, timed per stage ---------------------------------------------------
async function childImport(corpus, archiveFile) {
  const { Archive } = await import('../../electron/core/archive.ts');
  const { importPaths } = await import('../../electron/core/import/import-files.ts');
  const { threadCpuMs } = await import('../../electron/core/import/stage-times.ts');
  removeDb(archiveFile);
  const archive = new Archive(archiveFile);
  const stageTimes = { prepare: {}, writer: {}, prepareThreadCpuMs: 0 };
  // The writer's heap at its largest, sampled between its turns (the import yields every 20 ms).
  let writerHeapMb = 0;
  const heapSampler = setInterval(() => (writerHeapMb = Math.max(writerHeapMb, v8.getHeapStatistics().total_heap_size / 1048576)), 50);
  let statsStarted = 0;
  const cpu0 = threadCpuMs();
  const t = performance.now();
  const report = await importPaths(archive.db, [corpus], {
    jobId: 'bench-breakdown',
    isCancelled: () => false,
    onProgress: (p) => {
      if (p.searchStats && !statsStarted) statsStarted = performance.now();
    },
    stageTimes,
  });
  const wallMs = performance.now() - t;
  const writerThreadCpuMs = threadCpuMs() - cpu0;
  clearInterval(heapSampler);
  // What the resident memory is made of when the import ends (Linux): anonymous (the JS heaps of
  // both threads, SQLite's page cache) and file-backed (the archive's memory map, the binaries).
  const status = fs.existsSync('/proc/self/status') ? fs.readFileSync('/proc/self/status', 'utf8') : '';
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'mu').exec(status)?.[1] ?? NaN);
  const rssEnd = { anonMb: kb('RssAnon') / 1024, fileMb: kb('RssFile') / 1024, heapMb: process.memoryUsage().heapUsed / 1048576 };
  archive.db.pragma('wal_checkpoint(TRUNCATE)');
  const entries = archive.db.prepare('SELECT count(*) AS n FROM entries').get().n;
  const indexSql = archive.db.prepare("SELECT sql FROM sqlite_master WHERE name = 'entry_index'").get().sql;
  archive.close();
  const size = fs.statSync(archiveFile).size;
  const rejected = report.files.filter((f) => f.status === 'rejected');
  return { wallMs, writerThreadCpuMs, writerHeapMb, rssEnd, stageTimes, entries, size, indexSql, rejected: rejected.length, firstError: rejected[0]?.error ?? null, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

// ---- Child: the ceiling (PERFORMANCE.md): parsing untimed, only the inserts timed ----------------
async function childCeiling(corpus, dbFile, tokenize) {
  const Database = (await import('better-sqlite3')).default;
  const { parseDocument } = await import('../../electron/core/import/parse-document.ts');
  const { threadCpuMs } = await import('../../electron/core/import/stage-times.ts');
  removeDb(dbFile);
  const db = new Database(dbFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE bare (id INTEGER PRIMARY KEY, title TEXT, body TEXT, author TEXT, outlet TEXT, dates TEXT);
    CREATE VIRTUAL TABLE bare_index USING fts5(title, body, author, outlet, dates, content = 'bare', content_rowid = 'id', tokenize = ${tokenize});`);
  const row = db.prepare('INSERT INTO bare (title, body, author, outlet, dates) VALUES (?, ?, ?, ?, ?)');
  const idx = db.prepare('INSERT INTO bare_index (rowid, title, body, author, outlet, dates) VALUES (?, ?, ?, ?, ?, ?)');
  const insert = db.transaction((batch) => {
    for (const e of batch) {
      const id = row.run(e.title, e.body, e.author ?? null, e.outlet ?? null, e.date ?? null).lastInsertRowid;
      idx.run(id, e.title, e.body, e.author ?? null, e.outlet ?? null, e.date ?? null);
    }
  });
  let insertMs = 0;
  let cpuMs = 0;
  let entries = 0;
  let batch = [];
  const flush = () => {
    const t = performance.now();
    const cpu = threadCpuMs();
    insert(batch);
    insertMs += performance.now() - t;
    cpuMs += threadCpuMs() - cpu;
    entries += batch.length;
    batch = [];
  };
  for (const file of listFiles(corpus)) {
    const doc = await parseDocument(path.basename(file), fs.readFileSync(file));
    for (const e of doc.entries) {
      batch.push(e);
      if (batch.length === DIGEST_BATCH) flush();
    }
  }
  if (batch.length > 0) flush();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { insertMs, cpuMs, entries, size: fs.statSync(dbFile).size };
}

// The app's writer thread has a young generation of 16 MB (archive-host.ts, WRITER_YOUNG_GENERATION_MB);
// the import child writes on its main thread, so it gets the same: V8 makes it 3 semi-spaces.
const WRITER_SEMI_SPACE_MB = 5;

function runChild(args) {
  const flags = args[0] === 'import' ? [`--max-semi-space-size=${WRITER_SEMI_SPACE_MB}`] : [];
  const r = spawnSync(process.execPath, [...flags, self, '--child', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`import bench child ${args[0]} failed: ${(r.stderr || '').trim().split('\n').slice(-5).join(' / ')}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const s = (ms) => (ms / 1000).toFixed(1);
const share = (part, whole) => (whole > 0 ? `${Math.round((100 * part) / whole)}%` : '—');

/**
 * Imports `corpus` (N generated entries) in a process of its own with stage times, then the
 * ceiling, and prints (through `say`) the comparison and the breakdown. Its archives are scratch
 * files under `benchDir`, named for this process, and removed after.
 */
export function importBreakdown({ corpus, N, benchDir, say }) {
  const files = listFiles(corpus);
  const textBytes = fileBytes(files);
  const scratch = path.join(benchDir, `breakdown-${N}-${process.pid}`);
  let q;
  let c;
  try {
    q = runChild(['import', corpus, `${scratch}.quire`]);
    const tokenize = /tokenize\s*=\s*("[^"]*"|'[^']*')/u.exec(q.indexSql)?.[1];
    if (!tokenize) throw new Error(`entry_index has no tokenize option: ${q.indexSql}`);
    c = runChild(['ceiling', corpus, `${scratch}-ceiling.db`, tokenize]);
  } finally {
    removeDb(`${scratch}.quire`);
    removeDb(`${scratch}-ceiling.db`);
  }
  const quireRate = q.entries / (q.wallMs / 1000);
  const ceilingRate = c.entries / (c.insertMs / 1000);
  const ratio = quireRate / ceilingRate;
  // On a shared machine wall time also counts other people's processes: the CPU time of the
  // busier thread bounds the import's rate when each thread has a core, and the ceiling's CPU its own.
  const criticalCpuMs = Math.max(q.writerThreadCpuMs, q.stageTimes.prepareThreadCpuMs);
  const cpuRatio = q.entries / criticalCpuMs / (c.entries / c.cpuMs);
  const mark = (ok) => (ok ? '✓' : '✗');

  say(`## Import beside the bare-FTS5 ceiling (${N.toLocaleString('en')} generated entries, ${files.length} files, ${(textBytes / 1048576).toFixed(0)} MB of text)\n`);
  say('| | entries | time | entries/s | CPU s (busier thread) | archive / text | peak RSS |');
  say('|---|---|---|---|---|---|---|');
  say(`| Quire's import (all of it: files, near-duplicate bands, search statistics) | ${q.entries.toLocaleString('en')} | ${s(q.wallMs)} s | ${Math.round(quireRate).toLocaleString('en')} | ${s(criticalCpuMs)} | ${(q.size / textBytes).toFixed(2)}× (${(q.size / 1048576).toFixed(0)} MB) | ${q.peakRssMb.toFixed(0)} MB |`);
  say(`| bare FTS5 ceiling (plain table + FTS5, same entries and tokenizer, ${DIGEST_BATCH} per transaction, parsing not timed) | ${c.entries.toLocaleString('en')} | ${s(c.insertMs)} s | ${Math.round(ceilingRate).toLocaleString('en')} | ${s(c.cpuMs)} | ${(c.size / textBytes).toFixed(2)}× (${(c.size / 1048576).toFixed(0)} MB) | |`);
  say('');
  say(`Ratio to the ceiling: **${ratio.toFixed(2)}** in wall time (target ≥ 0.5 ${mark(ratio >= 0.5)}, goal 0.75 ${mark(ratio >= 0.75)}); ${cpuRatio.toFixed(2)} in CPU time of the busier thread (what the code costs, whatever else runs on the machine: load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores when the bench ended). Peak RSS of the import process: ${q.peakRssMb.toFixed(0)} MB (target < 500 MB ${mark(q.peakRssMb < 500)}). Archive ${(q.size / textBytes).toFixed(2)}× the text (target < 2.5× ${mark(q.size / textBytes < 2.5)}; the ceiling's ${(c.size / textBytes).toFixed(2)}×).`);
  if (Number.isFinite(q.rssEnd.anonMb)) {
    say(`\nThe import process's resident memory when it ended: ${q.rssEnd.anonMb.toFixed(0)} MB anonymous (both threads' JS heaps, the writer's heap ${q.rssEnd.heapMb.toFixed(0)} MB of it, and SQLite's page cache, up to ${IMPORT_CACHE_KIB / 1024} MB for the writer during an import: import-memory.ts) and ${q.rssEnd.fileMb.toFixed(0)} MB file-backed (the binaries; the writer maps none of the archive during an import).`);
  }
  if (q.stageTimes.prepareHeapMb) {
    say(
      `\nWhat the peak holds, at most: the writer's JS heap ${q.writerHeapMb.toFixed(0)} MB, the prepare thread's ${q.stageTimes.prepareHeapMb.toFixed(0)} MB, SQLite's page cache ${IMPORT_CACHE_KIB / 1024} MB; the rest is the binaries, Node's own memory and buffers. ` +
        'A heap holds a few times its live objects (30–40 MB in each thread at 100,000 entries): V8 lets it grow so far before it collects.',
    );
  }
  if (q.rejected > 0) say(`\n${q.rejected} files rejected: ${q.firstError}`);
  if (q.entries !== c.entries) say(`\nNote: the import stored ${q.entries} entries, the ceiling ${c.entries} (duplicates are stored once).`);

  // ---- Where the time goes, per thread ----
  const w = q.stageTimes.writer;
  const p = q.stageTimes.prepare;
  const t0 = { cpuMs: 0, wallMs: 0 };
  const at = (times, k) => times[k] ?? t0;
  const minus = (a, ...bs) => ({ cpuMs: bs.reduce((x, b) => x - b.cpuMs, a.cpuMs), wallMs: bs.reduce((x, b) => x - b.wallMs, a.wallMs) });
  const prepareRows = [
    ['decode', at(p, 'decode')],
    ['split (parse into entries)', minus(at(p, 'parse'), at(p, 'decode'))],
    ['fold', at(p, 'fold')],
    ['MinHash (signature and bands)', at(p, 'minhash')],
    ['entry hash, script, body spans', at(p, 'entry hash, script, spans')],
    ['content packing (packContent: brotli of the kept bytes)', at(p, 'content packing')],
  ];
  const prepareStagesCpu = prepareRows.reduce((n, [, t]) => n + t.cpuMs, 0);
  prepareRows.push(['other (loading its modules, messages to and from the writer, GC)', { cpuMs: q.stageTimes.prepareThreadCpuMs - prepareStagesCpu, wallMs: NaN }]);
  const writes = at(w, 'file writes');
  const writerRows = [
    ['read files + SHA-256', at(w, 'read + hash')],
    ['index insert (FTS5, entry_index)', at(w, 'index insert (FTS5)')],
    ['source rows (storing the packed content)', at(w, 'source rows (packed content)')],
    ['other writer work (entries rows, links, near-duplicate lookups)', minus(writes, at(w, 'index insert (FTS5)'), at(w, 'source rows (packed content)'))],
    ['commits (group commit of finished files)', at(w, 'commit')],
    ['search index merges between files (index-merge.ts, FTS5 automerge off meanwhile)', at(w, 'index merges')],
    ['near-duplicate band indexing (band-index.ts)', at(w, 'near-duplicate bands')],
    ['search statistics (search-stats.ts refresh)', at(w, 'search statistics')],
  ];
  const writerStagesCpu = writerRows.reduce((n, [, t]) => n + t.cpuMs, 0);
  writerRows.push(['other (event loop, receiving prepared files, progress)', { cpuMs: q.writerThreadCpuMs - writerStagesCpu, wallMs: NaN }]);
  const waiting = at(w, 'waiting for the prepare thread');

  say(`\n### Where the import's ${s(q.wallMs)} s go (CPU time of each thread per stage; wall time of the stage in its thread)\n`);
  say('| thread | stage | CPU s | wall s | share of the thread\'s CPU |');
  say('|---|---|---|---|---|');
  for (const [label, t] of prepareRows) say(`| prepare (worker) | ${label} | ${s(t.cpuMs)} | ${Number.isNaN(t.wallMs) ? '' : s(t.wallMs)} | ${share(t.cpuMs, q.stageTimes.prepareThreadCpuMs)} |`);
  say(`| prepare (worker) | **all** | **${s(q.stageTimes.prepareThreadCpuMs)}** | | |`);
  for (const [label, t] of writerRows) say(`| writer | ${label} | ${s(t.cpuMs)} | ${Number.isNaN(t.wallMs) ? '' : s(t.wallMs)} | ${share(t.cpuMs, q.writerThreadCpuMs)} |`);
  say(`| writer | **all** | **${s(q.writerThreadCpuMs)}** | | |`);
  say(`| writer | idle, waiting for a prepared file | | ${s(waiting.wallMs)} | |`);

  // The files phase is where the two threads overlap; bands and statistics after it run on the writer alone.
  // Judged by CPU time: on a shared machine the wall time (and so the writer's waits) also holds other processes.
  const afterWall = at(w, 'search statistics').wallMs + at(w, 'near-duplicate bands').wallMs;
  const afterCpu = at(w, 'search statistics').cpuMs + at(w, 'near-duplicate bands').cpuMs;
  const writerFilesCpu = q.writerThreadCpuMs - afterCpu;
  const prepareCpu = q.stageTimes.prepareThreadCpuMs;
  const busier = prepareCpu > writerFilesCpu ? 'the prepare thread' : 'the writer thread';
  say(
    `\nBottleneck: ${busier}. For the files, the prepare thread used ${s(prepareCpu)} s of CPU and the writer ${s(writerFilesCpu)} s; then the writer alone ${s(afterCpu)} s (${s(afterWall)} s wall) for band indexing and statistics. ` +
      `The writer waited ${s(waiting.wallMs)} s (wall) for prepared files. Wall time ${s(q.wallMs)} s for ${s(q.writerThreadCpuMs + prepareCpu)} s of CPU on the two threads: the rest is waiting for a core (the machine's load) or for the disk. ` +
      '(The bench ranks the top lists on the writer thread; the app ranks them in a thread of their own.)\n',
  );
  return { quireRate, ceilingRate, ratio, cpuRatio, peakRssMb: q.peakRssMb, sizeRatio: q.size / textBytes, ceilingSizeRatio: c.size / textBytes };
}

if (process.argv[2] === '--child') {
  const [, , , kind, ...args] = process.argv;
  const result = kind === 'import' ? await childImport(args[0], args[1]) : await childCeiling(args[0], args[1], args[2]);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
} else if (process.argv[1] === self) {
  // On its own: the corpus of this size under QUIRE_BENCH_DIR, generated when missing (deterministic,
  // so the same as the main bench's).
  const { generateCorpus } = await import('./generate-corpus.mjs');
  const N = Number(process.env.QUIRE_BENCH_ENTRIES ?? 20_000);
  const benchDir = process.env.QUIRE_BENCH_DIR ? path.resolve(process.env.QUIRE_BENCH_DIR) : path.join(ROOT, '.bench');
  const corpus = path.join(benchDir, `corpus-${N}`);
  if (!fs.existsSync(corpus)) generateCorpus(corpus, N, { perFile: 200 });
  const lines = [];
  importBreakdown({ corpus, N, benchDir, say: (l) => (console.log(l), lines.push(l)) });
  fs.writeFileSync(path.join(benchDir, `import-breakdown-${N}.md`), `${lines.join('\n')}\n`);
}
