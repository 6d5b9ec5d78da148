// Export bench (issue 14 §5): every format of a highlights-only export of the whole archive, each
// in a child process of its own so that its peak RSS is the export's alone. Target: flat memory,
// under 500 MB, for 50,000 entries with 100,000 highlights.
//
//   node scripts/bench/export-bench.mjs                    # builds .bench/export-50000.quire once
//   QUIRE_BENCH_ARCHIVE=.bench/bench-1000000.quire node scripts/bench/export-bench.mjs   # the search bench's archive
//   QUIRE_EXPORT_BENCH_ENTRIES=5000 node scripts/bench/export-bench.mjs                 # smaller
//   QUIRE_EXPORT_BENCH_FORMATS=csv,json node scripts/bench/export-bench.mjs
//
// A built archive without highlights gets 2 per entry (up to 100,000) over a small codebook.
// Node 24 runs the TypeScript core directly (type stripping).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '../..');
const self = fileURLToPath(import.meta.url);

if (process.argv[2] === '--child') {
  // One export, then its figures as JSON on stdout.
  const [, , , archiveFile, format, out] = process.argv;
  const { Archive } = await import('../../electron/core/archive.ts');
  const archive = new Archive(archiveFile, { readonly: true });
  // The JS heap, sampled: what the export itself holds (RSS also counts SQLite's page cache and
  // the archive's memory map, up to 64 + 256 MB, file-backed and shared).
  let heapPeak = 0;
  const sample = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 20);
  const t = performance.now();
  const report = await archive.call('exportArchive', { scope: { kind: 'all' }, format, highlightsOnly: true, context: 100, path: out });
  const seconds = (performance.now() - t) / 1000;
  clearInterval(sample);
  archive.close();
  process.stdout.write(JSON.stringify({ seconds, entries: report.entries, highlights: report.highlights, bytes: report.bytes, peakRssMb: process.resourceUsage().maxRSS / 1024, heapPeakMb: heapPeak / 1048576 }));
  process.exit(0);
}

const N = Number(process.env.QUIRE_EXPORT_BENCH_ENTRIES ?? 50_000);
const archiveFile = path.resolve(process.env.QUIRE_BENCH_ARCHIVE ?? path.join(ROOT, '.bench', `export-${N}.quire`));
const formats = (process.env.QUIRE_EXPORT_BENCH_FORMATS ?? 'csv,json,w3c,md,html,qdpx,docx').split(',');
const outDir = path.join(ROOT, '.bench', 'export-out');
fs.mkdirSync(outDir, { recursive: true });

if (!fs.existsSync(archiveFile)) await buildArchive(archiveFile, N);
await addHighlights(archiveFile);

console.log(`## Export: highlights only (100 code points of context), whole archive ${path.basename(archiveFile)}\n`);
console.log('| format | entries | highlights | MB written | seconds | peak RSS MB | peak JS heap MB |');
console.log('|---|---|---|---|---|---|---|');
for (const format of formats) {
  const out = path.join(outDir, `export.${format}`);
  const r = spawnSync(process.execPath, [self, '--child', archiveFile, format, out], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) {
    console.log(`| ${format} | failed: ${(r.stderr || '').trim().split('\n').pop()} | | | | | |`);
    continue;
  }
  const x = JSON.parse(r.stdout);
  console.log(`| ${format} | ${x.entries.toLocaleString('en')} | ${x.highlights.toLocaleString('en')} | ${(x.bytes / 1048576).toFixed(1)} | ${x.seconds.toFixed(1)} | ${Math.round(x.peakRssMb)} | ${Math.round(x.heapPeakMb)} |`);
  fs.rmSync(out, { force: true });
}

async function buildArchive(file, n) {
  console.error(`Building ${file}: ${n.toLocaleString('en')} entries…`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const dir = path.join(path.dirname(file), `export-corpus-${n}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const words = ['harbour', 'ferry', 'tide', 'council', 'budget', 'storm', 'bridge', 'market', 'river', 'school', 'لیست', 'بندر', '港口', '渡轮', 'quay', 'dock'];
  const perFile = 5000;
  for (let f = 0; f * perFile < n; f++) {
    const records = [];
    for (let i = f * perFile; i < Math.min(n, (f + 1) * perFile); i++) {
      const body = Array.from({ length: 60 }, (_, k) => words[(i * 7 + k * 13) % words.length]).join(' ');
      records.push({ title: `Dispatch ${i}`, text: `${body}. Number ${i}.`, date: `20${10 + (i % 12)}-0${1 + (i % 9)}-1${i % 9}`, author: `Writer ${i % 40}`, outlet: `Outlet ${i % 12}` });
    }
    fs.writeFileSync(path.join(dir, `part-${f}.json`), JSON.stringify(records));
  }
  const { Archive } = await import('../../electron/core/archive.ts');
  const archive = new Archive(file);
  await archive.call('importFiles', { paths: [dir] });
  archive.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Two highlights per entry (up to 100,000) over a three-level codebook, when the archive has none. */
async function addHighlights(file) {
  const { Archive } = await import('../../electron/core/archive.ts');
  const { placement } = await import('../../electron/core/annotation/highlights-repo.ts');
  const { newGuid } = await import('../../electron/core/db/guids.ts');
  const { codePointLength, entryText } = await import('../../shared/entry-text.ts');
  const archive = new Archive(file);
  const db = archive.db;
  if (db.prepare('SELECT count(*) FROM highlights').pluck().get() > 0) return archive.close();
  const root = archive.call('saveCode', { name: 'Bench', color: '#3366cc' });
  const codes = [];
  for (let i = 0; i < 10; i++) {
    const mid = archive.call('saveCode', { name: `Theme ${i}`, parentId: root.id, color: '#e8a33d' });
    for (let k = 0; k < 3; k++) codes.push(archive.call('saveCode', { name: `Topic ${i}.${k}`, parentId: mid.id, color: '#2f9e6e' }).id);
  }
  const insert = db.prepare(
    `INSERT INTO highlights (guid, entry_id, entry_guid, start, end, exact, prefix, suffix, text_hash, anchor, note, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'exact', ?, ?, ?)`,
  );
  const link = db.prepare('INSERT INTO highlight_codes (highlight_id, code_id) VALUES (?, ?)');
  const t = new Date().toISOString();
  let made = 0;
  const ids = db.prepare('SELECT id FROM entries ORDER BY id LIMIT 50000').pluck().all();
  db.transaction(() => {
    for (const id of ids) {
      const row = db.prepare('SELECT id, guid, title, body FROM entries WHERE id = ?').get(id);
      const text = entryText(row.title, row.body);
      const len = codePointLength(text);
      for (const [a, b] of [[0, Math.min(len, 20)], [Math.floor(len / 2), Math.min(len, Math.floor(len / 2) + 40)]]) {
        if (b <= a) continue;
        const p = placement({ id: row.id, guid: row.guid, text }, a, b);
        const h = insert.run(newGuid(), row.id, row.guid, a, b, p.exact, p.prefix, p.suffix, p.textHash, made % 7 === 0 ? 'A bench note' : null, t, t).lastInsertRowid;
        link.run(h, codes[made % codes.length]);
        made++;
      }
    }
  })();
  archive.close();
  console.error(`Added ${made.toLocaleString('en')} highlights.`);
}
