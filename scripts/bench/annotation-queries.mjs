// A focused bench of the annotation queries (issue 13 §5) on a copy of a bench archive, in-process
// (no worker host), with wall and CPU time per call (CPU time is the steadier figure on a shared,
// busy machine). The copy gets 1,000 codes (10 themes, 90 topics, 900 leaves) and H highlights
// (default 80,000; 1–3 leaf codes each, 1% on entries that are gone, 2% trashed, 10% with a note)
// in bulk SQL, and the annotation indexes of migration 004 if it was built before they were added.
// Prints a table and a digest of every result (compare two runs for sameness).
//   node scripts/bench/annotation-queries.mjs [archive] [out-prefix]   (default .bench/bench-20000.quire)
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const { Archive } = await import('../../electron/core/archive.ts');
const source = process.argv[2] ?? '.bench/bench-20000.quire';
const outPrefix = process.argv[3] ?? path.join(os.tmpdir(), 'annotation-queries');
const H = Number(process.env.H ?? 80_000);
const runs = Number(process.env.RUNS ?? 11);
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'quire-annq-')), 'a.quire');
fs.copyFileSync(source, file);

let seed = 13;
const random = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const a = new Archive(file);
const db = a.db;
db.exec(`CREATE INDEX IF NOT EXISTS highlights_live_created ON highlights(created_at) WHERE deleted_at IS NULL;
  CREATE INDEX IF NOT EXISTS highlights_live_entry ON highlights(entry_id, start, end) WHERE deleted_at IS NULL;
  CREATE INDEX IF NOT EXISTS highlights_noted ON highlights(entry_id) WHERE deleted_at IS NULL AND note IS NOT NULL AND trim(note) <> '';
  CREATE INDEX IF NOT EXISTS history_undone ON history(undone, id);`);
db.transaction(() => {
  db.exec('DELETE FROM highlight_codes; DELETE FROM collection_highlights; DELETE FROM highlights; DELETE FROM codes; DELETE FROM history;');
  const code = db.prepare('INSERT INTO codes (id, guid, parent_id, name, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const names = [];
  const t0 = '2026-01-01T00:00:00.000Z';
  for (let i = 0; i < 1000; i++) {
    const parent = i < 10 ? null : Math.floor((i - 10) / 10);
    names.push(parent === null ? `Theme${String(i + 1).padStart(2, '0')}` : `${names[parent]}-${String(((i - 10) % 10) + 1).padStart(2, '0')}`);
    code.run(i + 1, `bench-code-${i}`, parent === null ? null : parent + 1, names[i], i, t0, t0);
  }
  const { lo, hi } = db.prepare('SELECT min(id) AS lo, max(id) AS hi FROM entries').get();
  const entryAt = db.prepare('SELECT id, guid, body FROM entries WHERE id >= ? ORDER BY id LIMIT 1');
  const insert = db.prepare(
    "INSERT INTO highlights (id, guid, entry_id, entry_guid, start, end, exact, text_hash, note, created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?)",
  );
  const link = db.prepare('INSERT OR IGNORE INTO highlight_codes (highlight_id, code_id) VALUES (?, ?)');
  const start0 = Date.parse(t0);
  for (let i = 1; i <= H; i++) {
    const e = random() < 0.01 ? { id: hi + 1000 + i, guid: '', body: 'an entry that is gone' } : entryAt.get(lo + Math.floor(random() * (hi - lo + 1)));
    const size = Math.min(e.body.length, 15 + Math.floor(random() * 226));
    const start = Math.floor(random() * (e.body.length - size + 1));
    const at = new Date(start0 + i * 1000).toISOString();
    insert.run(i, `bench-h-${i}`, e.id, e.guid ?? '', start + 1, start + 1 + size, e.body.slice(start, start + size), random() < 0.1 ? 'a note' : null, at, at, random() < 0.02 ? at : null);
    for (let k = 1 + Math.floor(random() * 3); k > 0; k--) link.run(i, 101 + Math.floor(random() * 900));
  }
  db.exec("INSERT OR IGNORE INTO tags (guid, name, created_at) VALUES ('bench-tag', 'benchtag', '2026')");
  db.exec("INSERT OR IGNORE INTO entry_tags (entry_id, tag_id, created_at) SELECT id, (SELECT id FROM tags WHERE name = 'benchtag'), '2026' FROM entries WHERE id % 40 = 0");
})();

const pct = (xs, p) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const digests = {};
const rows = [];
const time = (label, fn) => {
  const r = fn(-1);
  digests[label] = `${crypto.createHash('sha1').update(JSON.stringify(r)).digest('hex').slice(0, 12)} total=${r.total}`;
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    fn(i);
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  rows.push(`| ${label} | ${pct(wall, 50).toFixed(1)} | ${pct(wall, 95).toFixed(1)} | ${pct(cpu, 50).toFixed(1)} | ${pct(cpu, 95).toFixed(1)} | ${r.total ?? ''} |`);
  console.error(rows.at(-1));
};
const list = (q) => () => a.call('listHighlights', q);
const nth = (i, n) => Math.max(0, i) % n;
time('list all, created-desc', list({ limit: 100 }));
time('list all, date-desc', list({ limit: 100, sort: 'date-desc' }));
time('list all, entry', list({ limit: 100, sort: 'entry' }));
time('list all, page 51 (offset 5000)', list({ limit: 100, offset: 5000 }));
time('list theme, created-desc', (i) => a.call('listHighlights', { codeId: 1 + nth(i, 10), limit: 100 }));
time('list theme, date-desc', (i) => a.call('listHighlights', { codeId: 1 + nth(i, 10), limit: 100, sort: 'date-desc' }));
time('list topic', (i) => a.call('listHighlights', { codeId: 11 + nth(i, 90), limit: 100 }));
time('list leaf', (i) => a.call('listHighlights', { codeId: 101 + nth(i, 900), limit: 100 }));
time('list tag', list({ tag: 'benchtag', limit: 100 }));
time('list text', list({ text: 'government', limit: 100 }));
time('list orphaned', list({ orphaned: true, limit: 100 }));
time('list theme + date range', list({ codeId: 1, dateFrom: '2015', dateTo: '2018', limit: 100 }));
const search = (query, extra = {}) => () => {
  const r = a.call('search', { query, limit: 50, ...extra });
  return { total: r.totalExact ? r.total : `~${r.total}`, items: r.hits.map((h) => h.id) };
};
time('search has:highlight', search('has:highlight'));
time('search has:highlight government', search('has:highlight government'));
time('search code:Theme01', search('code:Theme01'));
time('search code:theme + government', (i) => search(`code:Theme0${nth(i, 9) + 1} government`)());
time('search code:theme, date-desc', (i) => search(`code:Theme0${nth(i, 9) + 1}`, { sort: 'date-desc' })());
time('search code:topic', search('code:Theme03-04'));
time('search code:leaf', search('code:Theme03-04-05'));
time('search -has:highlight government', search('-has:highlight government'));
time('search has:note', search('has:note'));
time('search facet code', search('', { filters: { code: ['Theme02'] } }));
const entries = db.prepare('SELECT id FROM entries ORDER BY id LIMIT 200').all().map((r) => r.id);
time('createHighlight (2 codes)', (i) => (i < 0 ? {} : a.call('createHighlight', { entryId: entries[i % 200], start: 1, end: 20, codeIds: [101 + i, 500 + i] })));
a.close();
fs.rmSync(path.dirname(file), { recursive: true, force: true });
const table = `| what | wall p50 ms | wall p95 ms | CPU p50 ms | CPU p95 ms | total |\n|---|---|---|---|---|---|\n${rows.join('\n')}\n`;
fs.writeFileSync(`${outPrefix}.md`, table);
fs.writeFileSync(`${outPrefix}.json`, JSON.stringify(digests, null, 1));
console.log(table);
