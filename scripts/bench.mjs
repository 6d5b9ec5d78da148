// npm run bench: generate a digest-shaped corpus, import it through the real pipeline, time search,
// then annotate it (codes and highlights) and time saving and listing highlights and code: searches.
// QUIRE_BENCH_ENTRIES (default 1,000,000), QUIRE_BENCH_RUNS (default 30). Data under .bench/ (or QUIRE_BENCH_DIR).
// The import section alone (beside the ceiling, with its breakdown and peak RSS, no queries):
// node scripts/bench/import-breakdown.mjs, with the same variables.
// The app's keystroke-to-results in Chromium (scripts/bench/app-latency.mjs) needs a built renderer:
// dist/renderer, or QUIRE_RENDERER_DIR.
// Annotation: 10% of the entries as highlights (at most 100,000) over up to 1,000 codes
// (QUIRE_BENCH_HIGHLIGHTS, QUIRE_BENCH_CODES override).
// Node 24 runs the TypeScript core directly (type stripping).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateCorpus, PLANTED } from './bench/generate-corpus.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const N = Number(process.env.QUIRE_BENCH_ENTRIES ?? 1_000_000);
const RUNS = Number(process.env.QUIRE_BENCH_RUNS ?? 30);
// QUIRE_BENCH_DIR: another folder for the corpus, archive and report (e.g. to measure a copy).
const BENCH = process.env.QUIRE_BENCH_DIR ? path.resolve(process.env.QUIRE_BENCH_DIR) : path.join(ROOT, '.bench');
const corpus = path.join(BENCH, `corpus-${N}`);
const archiveFile = path.join(BENCH, `bench-${N}.quire`);

const { Archive } = await import('../electron/core/archive.ts');
const { importPaths } = await import('../electron/core/import/import-files.ts');
const { forgetMatchSets } = await import('../electron/core/search/match-sample.ts');
// QUIRE_BENCH_SCALE=0.1 measures a smaller archive as if it were ten times larger: the search
// thresholds and the top lists' word threshold scaled down with it (so a 100,000-entry run takes the
// paths a 1,000,000-entry one would).
const SCALE = Number(process.env.QUIRE_BENCH_SCALE ?? 1);
const { DEFAULT_THRESHOLDS } = await import('../electron/core/search/search-thresholds.ts');
const scaled = (n) => Math.max(1, Math.round(n * SCALE));
const archiveOptions =
  SCALE === 1
    ? {}
    : { searchThresholds: Object.fromEntries(['candidates', 'rankPostings', 'exactRankPostings', 'idSetCountCap'].map((k) => [k, scaled(DEFAULT_THRESHOLDS[k])])) };

const lines = [];
const say = (s) => {
  console.log(s);
  lines.push(s);
};
const mb = (b) => b / 1024 / 1024;
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

fs.mkdirSync(BENCH, { recursive: true });
// QUIRE_BENCH_REUSE=1 times the queries against the archive and corpus a previous run built
// (its import figures are read back from import-N.json), so search changes can be re-measured
// without a 20-minute import.
const importFile = path.join(BENCH, `import-${N}.json`);
const reuse = process.env.QUIRE_BENCH_REUSE === '1' && fs.existsSync(archiveFile) && fs.existsSync(importFile);
let archive;
let gen;
let lines0;
if (reuse) {
  ({ gen, lines: lines0 } = JSON.parse(fs.readFileSync(importFile, 'utf8')));
  for (const l of lines0) say(l);
  say(`(Queries re-run on ${new Date().toISOString().slice(0, 10)} against the archive built above; QUIRE_BENCH_REUSE=1.)\n`);
  archive = new Archive(archiveFile, archiveOptions);
} else {
  for (const f of [archiveFile, `${archiveFile}-wal`, `${archiveFile}-shm`, importFile]) fs.rmSync(f, { force: true });
  let t = performance.now();
  fs.rmSync(corpus, { recursive: true, force: true });
  // Digest files of 200 posts when the pipeline splits them; one post per file while it does not yet.
  const { parseDocument } = await import('../electron/core/import/parse-document.ts');
  const probeDir = path.join(BENCH, 'probe');
  fs.rmSync(probeDir, { recursive: true, force: true });
  generateCorpus(probeDir, 20, { perFile: 20 });
  const probeFile = path.join(probeDir, '0000', 'digest-000000.txt');
  const splits = (await parseDocument('digest.txt', fs.readFileSync(probeFile))).entries.length >= 18;
  fs.rmSync(probeDir, { recursive: true, force: true });
  gen = generateCorpus(corpus, N, { perFile: splits ? 200 : 1 });
  const from = lines.length;
  say(`# Quire bench: ${N.toLocaleString('en')} generated entries\n`);
  if (!splits) say('The import pipeline does not split digest files into posts yet, so each generated post is its own file.\n');
  say(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}. Generated ${gen.files} files, ${mb(gen.bytes).toFixed(0)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s.\n`);

  // ---- Import through the real pipeline -----------------------------------------------------
  archive = new Archive(archiveFile, archiveOptions);
  t = performance.now();
  let lastLog = 0;
  let statsStarted = 0;
  const report = await importPaths(archive.db, [corpus], {
    jobId: 'bench',
    isCancelled: () => false,
    onProgress: (p) => {
      if (p.searchStats && !statsStarted) statsStarted = performance.now();
      if (performance.now() - lastLog > 10_000) {
        lastLog = performance.now();
        console.error(`  import: ${p.filesDone}/${p.filesTotal} files, ${p.entriesDone} entries`);
      }
    },
  });
  const importS = (performance.now() - t) / 1000;
  const statsS = statsStarted ? (performance.now() - statsStarted) / 1000 : 0;
  archive.db.pragma('wal_checkpoint(TRUNCATE)');
  const entries = archive.db.prepare('SELECT count(*) AS n FROM entries').get().n;
  const rejected = report.files.filter((f) => f.status === 'rejected');
  const size = fs.statSync(archiveFile).size;
  const sqlite = archive.db.prepare('SELECT sqlite_version() AS v').get().v;
  say(`SQLite ${sqlite}.\n`);
  say('## Import (Archive + importFiles pipeline: decode, split, near-duplicates, folded FTS5 index)\n');
  say('| entries | files | text | time | MB/s | entries/s | archive size |');
  say('|---|---|---|---|---|---|---|');
  say(`| ${entries.toLocaleString('en')} | ${gen.files} | ${mb(gen.bytes).toFixed(0)} MB | ${importS.toFixed(1)} s | ${(mb(gen.bytes) / importS).toFixed(1)} | ${Math.round(entries / importS).toLocaleString('en')} | ${(size / gen.bytes).toFixed(2)}× text (${mb(size).toFixed(0)} MB; sources keep original bytes compressed, text only where the bytes do not give it) |`);
  say(`\nThe time includes ${statsS.toFixed(1)} s making the search statistics (word counts and the top lists of very common words) at the end.`);
  if (rejected.length > 0) say(`\n${rejected.length} files rejected: ${rejected[0]?.error}`);
  if (entries < N * 0.9) say(`\nNote: the splitter produced ${entries} entries from ${N} generated posts.`);
  say('');
  // Beside the bare-FTS5 ceiling, with where its time goes per thread and its peak RSS: the same
  // corpus imported again in a process of its own (scripts/bench/import-breakdown.mjs).
  const { importBreakdown } = await import('./bench/import-breakdown.mjs');
  importBreakdown({ corpus, N, benchDir: BENCH, say });
  fs.writeFileSync(importFile, JSON.stringify({ gen, lines: lines.slice(from) }));
}

// ---- Search statistics (an import makes them as its last step; an archive from an older Quire
// gets them here) -------------------------------------------------------------------------------
{
  const { refreshSearchStats, COMMON_DOCS: defaultCommon } = await import('../electron/core/search/search-stats.ts');
  const COMMON_DOCS = scaled(defaultCommon);
  const t = performance.now();
  // Lists made for another threshold (another scale, or an older default with QUIRE_BENCH_RESTAT=1:
  // hours at 1M) are made again for this one.
  const listed = archive.db.prepare('SELECT count(DISTINCT term) AS n FROM search_top').get().n;
  const common = archive.db.prepare('SELECT count(*) AS n FROM search_terms WHERE docs >= ?').get(COMMON_DOCS).n;
  if (listed !== common && (SCALE !== 1 || process.env.QUIRE_BENCH_RESTAT === '1')) archive.db.prepare("UPDATE meta SET value = '0' WHERE key = 'search_stats_valid'").run();
  const r = refreshSearchStats(archive.db, { commonDocs: COMMON_DOCS });
  const s = (performance.now() - t) / 1000;
  const lists = archive.db.prepare('SELECT count(DISTINCT term) AS n FROM search_top').get().n;
  say(
    r.refreshed
      ? `Search statistics made in ${s.toFixed(1)} s: ${r.terms.toLocaleString('en')} words counted, top lists for the ${r.topLists} words in at least ${COMMON_DOCS.toLocaleString('en')} entries.\n`
      : `Search statistics were current (made by the import, included in its time): top lists for ${lists} words.\n`,
  );
}

// ---- Annotation: a codebook and highlights, so that code: searches join the table below ---------
const annotation = await import('./bench/annotation-bench.mjs');
const annotated = await annotation.annotateArchive({ archive, say });

// ---- Queries --------------------------------------------------------------------------------
archive.call('saveAliasGroup', { name: 'Example institute', variants: PLANTED.alias });
// Twenty different common words (not the ten commonest, which are function words), one per run,
// so no figure rests on one query.
const commonWords = archive.db
  .prepare("SELECT term FROM search_terms WHERE term GLOB '[a-z]*' AND length(term) > 3 ORDER BY docs DESC LIMIT 20 OFFSET 10")
  .pluck()
  .all();
// Words in about 5% and about 0.3% of the entries: too many matches to rank live, yet (at the old
// threshold of 100,000 entries at 1M) no precomputed top list.
const entryTotal = archive.db.prepare('SELECT count(*) AS n FROM entries').get().n;
const wordsNear = (share) =>
  archive.db
    .prepare("SELECT term FROM search_terms WHERE term GLOB '[a-z]*' AND length(term) > 3 AND docs BETWEEN ? AND ? ORDER BY docs DESC LIMIT 20")
    .pluck()
    .all(Math.round(entryTotal * share * 0.7), Math.round(entryTotal * share * 1.3));
const fivePercent = wordsNear(0.05);
const rarer = wordsNear(0.003);
const kinds = [
  ['rare word', { query: PLANTED.rare }],
  ['common word', { query: gen.commonWord }],
  ['phrase', { query: `"${gen.phrase}"` }],
  ['prefix of a common word', { query: `${gen.prefix}*` }],
  ['common AND NOT other', { query: `${gen.commonWord} -${gen.otherWord}` }],
  ['common AND other', { query: `${gen.commonWord} ${gen.otherWord}` }],
  ['common OR other', { query: `${gen.commonWord} OR ${gen.otherWord}` }],
  ['20 words in ~5% of entries', (i) => ({ query: fivePercent[i % fivePercent.length] ?? gen.otherWord })],
  ['20 words in ~0.3% of entries', (i) => ({ query: rarer[i % rarer.length] ?? PLANTED.rare })],
  ['20 pairs of common words, AND', (i) => ({ query: `${commonWords[i % commonWords.length]} ${commonWords[(i + 7) % commonWords.length]}` })],
  ['20 pairs of common words, OR', (i) => ({ query: `${commonWords[i % commonWords.length]} OR ${commonWords[(i + 7) % commonWords.length]}` })],
  ['20 common words NOT another', (i) => ({ query: `${commonWords[i % commonWords.length]} -${commonWords[(i + 3) % commonWords.length]}` })],
  ['20 words in ~5%, pairs AND', (i) => ({ query: `${fivePercent[i % fivePercent.length] ?? gen.otherWord} ${fivePercent[(i + 5) % fivePercent.length] ?? gen.commonWord}` })],
  ['common word, date order', { query: gen.commonWord, sort: 'date-desc' }],
  ['20 common words, one per run', (i) => ({ query: commonWords[i % commonWords.length] })],
  ['20 common words, date order', (i) => ({ query: commonWords[i % commonWords.length], sort: 'date-desc' })],
  ['20 common words, oldest first', (i) => ({ query: commonWords[i % commonWords.length], sort: 'date-asc' })],
  ['20 prefixes of common words', (i) => ({ query: `${commonWords[i % commonWords.length].slice(0, 4)}*` })],
  ['field filter (outlet: + word)', { query: `outlet:"Harbor Ledger" ${gen.commonWord}` }],
  ['date filter + word', { query: `date:2019-03 ${gen.otherWord}` }],
  ['alias expansion', { query: 'NWI' }],
  ['Arabic folded (Persian letters)', { query: 'کتابخانه' }],
  ['CJK substring', { query: '経済' }],
  ['substring *ment*', { query: '*ernmen*' }],
  ['transliteration on', { query: 'lindqvist', transliteration: true }],
  ['browse all (date desc)', { query: '' }],
  ...annotation.codeSearchKinds(annotated),
];
say(`## Search (in-process, top 50 with snippets and total, ${RUNS} runs each after one warm-up)\n`);
// Next to each latency: how many of the exact bm25 top 50 (plain FTS5 ranking every match) the
// first page holds, for relevance order, and whether the count is exact or a lower bound, and right.
const { relevanceChecker } = await import('./bench/relevance-overlap.mjs');
const checkRelevance = relevanceChecker(archive.db);
// Beside the wall time, the search thread's CPU time: on a loaded machine (several engineers on
// two cores) the wall time measures the load as much as the search.
say('| query kind | query | matches | count (checked against plain FTS5) | exact top-50 overlap | p50 ms | p95 ms | CPU p50 ms | CPU p95 ms |');
say('|---|---|---|---|---|---|---|---|---|');
const threadCpuMs = () => {
  const u = process.threadCpuUsage();
  return (u.user + u.system) / 1000;
};
const time = (fn, runs, cpu = []) => {
  fn(-1);
  const xs = [];
  for (let i = 0; i < runs; i++) {
    const c = threadCpuMs();
    const s = performance.now();
    fn(i);
    xs.push(performance.now() - s);
    cpu.push(threadCpuMs() - c);
  }
  return xs;
};
for (const [label, reqOf] of kinds) {
  let last;
  const varied = typeof reqOf === 'function';
  const req = (i) => (varied ? reqOf(Math.max(0, i)) : reqOf);
  const cpu = [];
  const xs = time((i) => (last = archive.call('search', { limit: 50, ...req(i) })), RUNS, cpu);
  const shown = varied ? `${req(0).query}, ${req(1).query}, …` : req(0).query || '(empty)';
  // Checked for every request of a varied kind (the worst shown), else for the one request.
  const checks = (varied ? Array.from({ length: Math.min(RUNS, 20) }, (_, i) => req(i)) : [req(0)]).map((r) => checkRelevance(r, archive.call('search', { limit: 50, ...r })));
  const share = (o) => (o === '—' ? 2 : (([a, b]) => (b === 0 ? 1 : a / b))(o.split('/').map(Number)));
  const worst = checks.reduce((w, c) => (share(c.overlap) < share(w.overlap) ? c : w), checks[0]);
  const counts = checks.some((c) => c.count.includes('✗')) ? checks.find((c) => c.count.includes('✗')).count : checks[checks.length - 1].count;
  say(`| ${label} | \`${shown}\` | ${last.total.toLocaleString('en')}${varied ? ' (last)' : ''} | ${counts} | ${worst.overlap}${varied && worst.overlap !== '—' ? ' (worst)' : ''} | ${pct(xs, 50).toFixed(1)} | ${pct(xs, 95).toFixed(1)} | ${pct(cpu, 50).toFixed(1)} | ${pct(cpu, 95).toFixed(1)} |`);
}
// A search whose count is a lower bound is followed by countMatches calls (the app shows
// "over N, counting…" meanwhile): the time until the exact count, all slices together.
say(`\n## Exact counts of huge compound matches (countMatches, slice after slice until done; ${Math.min(RUNS, 5)} runs)\n`);
say('| query | exact count | slices | p50 ms | p95 ms |');
say('|---|---|---|---|---|');
for (const query of [`"${gen.phrase}"`, `${gen.commonWord} -${gen.otherWord}`, `outlet:"Harbor Ledger" ${gen.commonWord}`, '*ernmen*']) {
  let total = 0;
  let slices = 0;
  const xs = time(() => {
    total = 0;
    slices = 0;
    for (let after = 0; after !== null; slices++) {
      const c = archive.call('countMatches', { query, after });
      total += c.counted;
      after = c.next;
    }
  }, Math.min(RUNS, 5));
  say(`| \`${query}\` | ${total.toLocaleString('en')} | ${slices} | ${pct(xs, 50).toFixed(1)} | ${pct(xs, 95).toFixed(1)} |`);
}
say('');
say('| facets and timeline (match set dropped before each run) | query | | | p50 ms | p95 ms |');
say('|---|---|---|---|---|---|');
for (const [label, method, req] of [
  ['facets, common word', 'facets', { query: gen.commonWord }],
  ['facets, rare word', 'facets', { query: PLANTED.rare }],
  ['facets, browse all', 'facets', { query: '' }],
  ['timeline, common word', 'timeline', { query: gen.commonWord }],
  ['timeline, browse all', 'timeline', { query: '' }],
]) {
  // Cold: the per-query match set cache is dropped before every run (the UI's timeline call right
  // after facets for the same query reuses the set and costs only the counting).
  const xs = time(() => {
    forgetMatchSets();
    archive.call(method, req);
  }, Math.min(RUNS, 5));
  say(`| ${label} | \`${req.query || '(empty)'}\` | | | ${pct(xs, 50).toFixed(1)} | ${pct(xs, 95).toFixed(1)} |`);
}

// ---- The ceiling: plain FTS5 on the same index (rank every match + count(*)) -------------------
say('\n## Plain FTS5 on the same index, for comparison (ORDER BY rank LIMIT 50 + count(*), no snippets, 3 runs)\n');
say('| query | p50 ms |');
say('|---|---|');
const plainTop = archive.db.prepare('SELECT rowid FROM entry_index WHERE entry_index MATCH ? ORDER BY rank LIMIT 50');
const plainCount = archive.db.prepare('SELECT count(*) FROM entry_index WHERE entry_index MATCH ?');
for (const q of [PLANTED.rare, gen.commonWord, `"${gen.phrase}"`, `${gen.prefix} *`, `${gen.commonWord} NOT ${gen.otherWord}`]) {
  const xs = time(() => {
    plainTop.all(q);
    plainCount.get(q);
  }, 3);
  say(`| \`${q}\` | ${pct(xs, 50).toFixed(1)} |`);
}
// ---- A small import into the big archive: the statistics catch up with the new entries only ----
if (!reuse) {
  const extra = path.join(BENCH, 'extra');
  fs.rmSync(extra, { recursive: true, force: true });
  generateCorpus(extra, 200, { perFile: 200, seed: 99 });
  let statsStarted = 0;
  const t = performance.now();
  const report = await importPaths(archive.db, [extra], {
    jobId: 'bench-extra',
    isCancelled: () => false,
    onProgress: (p) => {
      if (p.searchStats && !statsStarted) statsStarted = performance.now();
    },
  });
  const total = (performance.now() - t) / 1000;
  const stats = statsStarted ? (performance.now() - statsStarted) / 1000 : 0;
  say(`\n## One more file (${report.entriesAdded} entries) imported into the ${N.toLocaleString('en')}-entry archive\n`);
  say(`${total.toFixed(1)} s in all, of which ${stats.toFixed(1)} s bringing the search statistics up to date with the new entries only.`);
  fs.rmSync(extra, { recursive: true, force: true });
}

// ---- Annotation: saving a highlight (alone and during an import) and the annotations view -------
await annotation.measureAnnotation({ archive, archiveFile, benchDir: BENCH, runs: RUNS, say, pct, annotated });
archive.close();

// ---- The app in Chromium: keystroke to results on screen (a process of its own; read-only) -------
{
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'bench', 'app-latency.mjs')], {
    env: { ...process.env, QUIRE_BENCH_ARCHIVE: archiveFile, QUIRE_BENCH_QUERIES: JSON.stringify(gen) },
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  say('');
  for (const line of (r.stdout || '').trimEnd().split('\n')) say(line);
  if (r.status !== 0) say(`App latency bench failed: ${(r.stderr || '').trim().split('\n').slice(-3).join(' / ')}`);
}
// ---- ripgrep over the raw files -------------------------------------------------------------
say('\n## ripgrep over the raw files (whole process, warm cache, 5 runs)\n');
const rg = '/usr/bin/rg';
if (!fs.existsSync(rg)) say('ripgrep not found at /usr/bin/rg: skipped.');
else {
  say('| query | p50 ms | matching lines |');
  say('|---|---|---|');
  for (const q of [PLANTED.rare, gen.commonWord, gen.phrase, 'کتابخانه']) {
    let out = '';
    const xs = time(() => {
      out = spawnSync(rg, ['-c', '-i', '-F', '--', q, corpus], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout;
    }, 5);
    const count = out.split('\n').filter(Boolean).reduce((n, l) => n + Number(l.split(':').pop()), 0);
    say(`| \`${q}\` | ${pct(xs, 50).toFixed(1)} | ${count.toLocaleString('en')} |`);
  }
}
// ---- Export: the archive's highlights in every format, each in a process of its own (peak RSS) ----
{
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'bench', 'export-bench.mjs')], {
    env: { ...process.env, QUIRE_BENCH_ARCHIVE: archiveFile },
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  say('');
  for (const line of (r.stdout || '').trimEnd().split('\n')) say(line);
  if (r.status !== 0) say(`Export bench failed: ${(r.stderr || '').trim().split('\n').pop()}`);
}
// ---- Killed imports: the SIGKILL loop of the test suite, 50 kills here (20 in CI) -------------------
// QUIRE_BENCH_KILLS sets the number (0 skips it). Each kill lands at a random moment of a large
// import; after each the archive must open, pass integrity_check, hold every source wholly or not
// at all, and keep the annotations made before.
{
  const kills = Number(process.env.QUIRE_BENCH_KILLS ?? 50);
  if (kills > 0) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--project', 'core', 'tests/core/import/kill-loop.test.ts'], {
      cwd: ROOT,
      env: { ...process.env, QUIRE_KILL_LOOPS: String(kills), CI: '1' },
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    const s = ((performance.now() - t) / 1000).toFixed(0);
    say(`\n## Killed imports (SIGKILL at random moments, ${kills} kills)\n`);
    say(
      r.status === 0
        ? `All ${kills} kills survived in ${s} s: after each the archive opened, integrity_check was ok, every source was wholly present or absent, and the annotations made before were intact.`
        : `**Failed** after ${s} s: ${((r.stdout || '') + (r.stderr || '')).replace(/\x1b\[[0-9;]*m/g, '').split('\n').filter((l) => /Error|expected|FAIL/.test(l)).slice(0, 5).join(' / ')}`,
    );
  }
}
// ---- A file too large to read whole: a generated JSON Lines dump read in parts -------------------
// QUIRE_BENCH_BIG_FILE_MB sets its size (issue 17's target: 2048 MB under 500 MB of peak memory);
// unset, the phase is skipped (it takes minutes and about three times the file's size on disk).
{
  const mb = Number(process.env.QUIRE_BENCH_BIG_FILE_MB ?? 0);
  say(`\n## A ${mb > 0 ? `${mb} MB` : 'large'} JSON Lines file, read in parts (scripts/bench/big-file.mjs)\n`);
  if (mb > 0) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'bench', 'big-file.mjs'), path.join(BENCH, 'big-file')], {
      cwd: ROOT,
      env: { ...process.env, QUIRE_BIG_FILE_MB: String(mb) },
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    for (const line of (r.stdout || '').trimEnd().split('\n')) say(line);
    if (r.status !== 0) say(`Big-file bench failed: ${(r.stderr || '').trim().split('\n').pop()}`);
  } else {
    say('Skipped: set QUIRE_BENCH_BIG_FILE_MB=2048 to import a 2 GB file and report its peak memory.');
  }
}
fs.writeFileSync(path.join(BENCH, 'report.md'), `${lines.join('\n')}\n`);
console.log(`\nwrote ${path.relative(ROOT, path.join(BENCH, 'report.md'))}`);
