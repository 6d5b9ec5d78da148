// How long an edit waits while an import rebuilds the search statistics: on a copy of an archive
// (e.g. .bench/bench-100000.quire from `QUIRE_BENCH_ENTRIES=100000 npm run bench`), the statistics
// are marked stale, a one-note import through the archive host rebuilds them, and a highlight and
// a saved search are sent to the writer every 50 ms meanwhile.
//   node scripts/bench/edit-latency.mjs ARCHIVE [COMMON_DOCS]   (COMMON_DOCS default: entries / 10)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

const [source, common] = process.argv.slice(2);
if (!source) throw new Error('usage: node scripts/bench/edit-latency.mjs ARCHIVE [COMMON_DOCS]');
const { ArchiveHost } = await import('../../electron/core/worker/archive-host.ts');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-edit-latency-'));
const file = path.join(dir, 'copy.quire');
const raw = new Database(source, { readonly: true });
await raw.backup(file);
raw.close();
const copy = new Database(file);
copy.prepare(`UPDATE meta SET value = '0' WHERE key = 'search_stats_valid'`).run();
const entries = copy.prepare('SELECT count(*) AS n FROM entries').get().n;
const entryId = copy.prepare('SELECT min(id) AS id FROM entries').get().id;
copy.close();
const note = path.join(dir, 'note.txt');
fs.writeFileSync(note, 'One more note\n\nA short note to start an import.');

const commonDocs = Number(common ?? Math.round(entries / 10));
const host = await ArchiveHost.open(file, { searchStats: { commonDocs } });
let refreshing = false;
host.onEvent((e) => {
  if (e.type === 'import-progress' && e.progress.searchStats) refreshing = true;
});
const started = performance.now();
let finished = false;
const importing = host.invoke('importFiles', { paths: [note] }).then((r) => ((finished = true), r));
const waits = [];
for (let i = 0; !finished; i++) {
  await new Promise((r) => setTimeout(r, 50));
  if (!refreshing || finished) continue;
  const t = performance.now();
  const r = i % 2 ? await host.invoke('saveSearch', { name: `during ${i}`, query: 'report' }) : await host.invoke('createHighlight', { entryId, start: 0, end: 1 });
  if (!r.ok) throw new Error(r.error.message);
  if (!finished) waits.push(performance.now() - t);
}
const result = await importing;
await host.close();
fs.rmSync(dir, { recursive: true, force: true });
if (!result.ok) throw new Error(result.error.message);
waits.sort((a, b) => a - b);
const at = (p) => (waits[Math.min(waits.length - 1, Math.floor(p * waits.length))] ?? 0).toFixed(1);
console.log(
  `${entries.toLocaleString('en')} entries, top lists for words in ${commonDocs.toLocaleString('en')}+ entries: import and statistics ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
    `${waits.length} edits during the refresh answered in ${at(0.5)} ms (median), ${at(0.95)} ms (95th percentile), ${waits.at(-1)?.toFixed(1) ?? '-'} ms (longest).`,
);
