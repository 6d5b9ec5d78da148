// The annotation phase of `npm run bench` (issue 13 §5): a codebook tree and highlights over random
// entries (10% of the entries, at most 100,000, over up to 1,000 codes), then the figures the app
// depends on: saving a highlight through the worker host (alone and while an import runs), the
// annotations view filtered by a code with its sub-codes, and `code:` searches.
// Codes are made with the core's saveCode and highlights with its createHighlight (in-process, one
// undoable change each, as the app makes them); past a time budget, the rest of the highlights go in
// through the repository calls createHighlight itself makes, and the output says so.
import fs from 'node:fs';
import path from 'node:path';
import { generateCorpus } from './generate-corpus.mjs';

const { ArchiveHost } = await import('../../electron/core/worker/archive-host.ts');
const { codePointLength, entryText } = await import('../../shared/entry-text.ts');

/** Seeded, so that a run picks the same passages as the last one. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 10% of the entries, at most 100,000 highlights, over up to 1,000 codes; QUIRE_BENCH_HIGHLIGHTS and QUIRE_BENCH_CODES override. */
export function annotationSizes(entries, env = process.env) {
  const highlights = Number(env.QUIRE_BENCH_HIGHLIGHTS ?? Math.min(100_000, Math.round(entries * 0.1)));
  const codes = Number(env.QUIRE_BENCH_CODES ?? Math.min(1_000, Math.max(30, Math.round(highlights / 100))));
  return { highlights, codes };
}

/**
 * `Theme01`…: a tree three levels deep, ten sub-codes per code (1,000 codes: 10 themes,
 * 90 topics, 900 leaves). Names are unique archive-wide so that `code:NAME` finds one code.
 */
function codebookPlan(count) {
  const roots = Math.max(3, Math.round(count / 100));
  const plan = [];
  for (let i = 0; i < count; i++) {
    if (i < roots) plan.push({ name: `Theme${String(i + 1).padStart(2, '0')}`, parent: null });
    else {
      const parent = Math.floor((i - roots) / 10);
      plan.push({ name: `${plan[parent].name}-${String(((i - roots) % 10) + 1).padStart(2, '0')}`, parent });
    }
  }
  return plan;
}

const ms = (x) => x.toFixed(1);

/**
 * Makes the codebook and the highlights (kept by QUIRE_BENCH_REUSE runs: what is there is not
 * made again) and returns what the measurements pick from.
 */
export async function annotateArchive({ archive, say }) {
  const entries = archive.db.prepare('SELECT count(*) AS n FROM entries').get().n;
  const { highlights: H, codes: C } = annotationSizes(entries);
  const random = rng(13);
  const { lo, hi } = archive.db.prepare('SELECT min(id) AS lo, max(id) AS hi FROM entries').get();
  const entryAt = archive.db.prepare('SELECT id, title, body FROM entries WHERE id >= ? ORDER BY id LIMIT 1');
  /** A passage of 3–40 words' worth (15–240 code points) somewhere in a random entry. */
  const randomPassage = () => {
    const e = entryAt.get(lo + Math.floor(random() * (hi - lo + 1)));
    const length = codePointLength(entryText(e.title, e.body));
    const size = Math.min(length, 15 + Math.floor(random() * 226));
    const start = Math.floor(random() * (length - size + 1));
    return { entryId: e.id, start, end: start + size };
  };

  say(`## Annotation: the codebook and the highlights (${C.toLocaleString('en')} codes, ${H.toLocaleString('en')} highlights over ${entries.toLocaleString('en')} entries)\n`);

  // ---- The codebook and the highlights, through the core's own methods ------------------------
  let codes = archive.call('listCodes', undefined).filter((c) => /^Theme\d/.test(c.name));
  const plan = codebookPlan(C);
  if (codes.length < C) {
    const t = performance.now();
    const byName = new Map(codes.map((c) => [c.name, c]));
    for (const p of plan) {
      if (byName.has(p.name)) continue;
      const parentId = p.parent === null ? null : byName.get(plan[p.parent].name).id;
      byName.set(p.name, archive.call('saveCode', { name: p.name, parentId }));
    }
    codes = [...byName.values()];
    say(`${C.toLocaleString('en')} codes made with saveCode in ${ms((performance.now() - t) / 1000)} s.`);
  }
  const leaves = codes.filter((c) => !codes.some((d) => d.parentId === c.id));
  const pickCodes = () => {
    const n = 1 + Math.floor(random() * 3);
    return [...new Set(Array.from({ length: n }, () => leaves[Math.floor(random() * leaves.length)].id))];
  };
  const existing = archive.db.prepare('SELECT count(*) AS n FROM highlights WHERE deleted_at IS NULL').get().n;
  if (existing < H) {
    // The core's createHighlight, one undoable change each, as the app saves them. When that pace
    // would take more than REAL_BUDGET_S for the lot (100,000 at 1M entries), the rest go in through
    // the same repository calls createHighlight makes (entry text, placement, insert, link: the
    // same rows) in transactions of 1,000, without an undo entry each.
    const REAL_BUDGET_S = 300;
    const t = performance.now();
    let last = t;
    let real = 0;
    for (let i = existing; i < H; i++, real++) {
      archive.call('createHighlight', { ...randomPassage(), codeIds: pickCodes() });
      if (performance.now() - last > 10_000) {
        last = performance.now();
        console.error(`  highlights: ${i + 1}/${H}`);
      }
      if (real === 1_000 && ((performance.now() - t) / 1000 / real) * (H - existing) > REAL_BUDGET_S) break;
    }
    const realS = (performance.now() - t) / 1000;
    say(`${real.toLocaleString('en')} highlights (1–3 leaf codes each, passages of 15–240 code points in random entries) made with createHighlight in-process in ${ms(realS)} s (${Math.round(real / realS).toLocaleString('en')}/s, each its own undoable change).`);
    const rest = H - existing - real;
    if (rest > 0) {
      const { HighlightsRepo, placement } = await import('../../electron/core/annotation/highlights-repo.ts');
      const repo = new HighlightsRepo(archive.db);
      const batch = archive.db.transaction((n) => {
        for (let k = 0; k < n; k++) {
          const p = randomPassage();
          const id = repo.insert({ ...placement(repo.entryText(p.entryId), p.start, p.end), anchor: 'exact', note: null });
          repo.link(id, pickCodes());
        }
      });
      const t2 = performance.now();
      for (let done = 0; done < rest; done += 1_000) {
        batch(Math.min(1_000, rest - done));
        if (performance.now() - last > 10_000) {
          last = performance.now();
          console.error(`  highlights (bulk): ${done}/${rest}`);
        }
      }
      const s2 = (performance.now() - t2) / 1000;
      say(`At that pace all ${(H - existing).toLocaleString('en')} would take over ${REAL_BUDGET_S} s, so the other ${rest.toLocaleString('en')} went in through the repository calls createHighlight makes (the same rows, no undo entry each), 1,000 per transaction, in ${ms(s2)} s.`);
    }
  } else say(`${existing.toLocaleString('en')} highlights were already there (a previous run).`);
  say('');
  const roots = codes.filter((c) => c.parentId === null);
  const mids = codes.filter((c) => c.parentId !== null && roots.some((r) => r.id === c.parentId));
  return { codes, roots, mids: mids.length > 0 ? mids : roots, leaves, randomPassage, pickCodes };
}

/** `code:` searches for the search table, beside the other kinds (each run a different code). */
export function codeSearchKinds({ roots, mids, leaves }) {
  const nth = (list) => (i) => list[i % list.length];
  return [
    ['code: a theme (with its sub-codes)', (i) => ({ query: `code:${nth(roots)(i).name}` })],
    ['code: a topic (with its sub-codes)', (i) => ({ query: `code:${nth(mids)(i).name}` })],
    ['code: a leaf code', (i) => ({ query: `code:${nth(leaves)(i).name}` })],
    ['code: by path', (i) => ({ query: `code:${nth(mids)(i).path}` })],
    ['code: a theme + common word', (i) => ({ query: `code:${nth(roots)(i).name} government` })],
    ['code: a theme + common word, date order', (i) => ({ query: `code:${nth(roots)(i).name} government`, sort: 'date-desc' })],
    ['code: a topic + common word', (i) => ({ query: `code:${nth(mids)(i).name} government` })],
    ['code: a leaf + common word', (i) => ({ query: `code:${nth(leaves)(i).name} government` })],
    ['code: a theme, date order', (i) => ({ query: `code:${nth(roots)(i).name}`, sort: 'date-desc' })],
    ['code: a theme + phrase of common words', (i) => ({ query: `code:${nth(roots)(i).name} "the government"` })],
    ['code: a theme + two common words', (i) => ({ query: `code:${nth(roots)(i).name} government policy` })],
    ['code: a topic + phrase of common words', (i) => ({ query: `code:${nth(mids)(i).name} "the government"` })],
    ['has:highlight', { query: 'has:highlight' }],
    ['has:highlight + common word', { query: 'has:highlight government' }],
    ['has:highlight + phrase of common words', { query: 'has:highlight "the government"' }],
  ];
}

/** Saving and listing highlights through the worker host, as the app calls them. */
export async function measureAnnotation({ archive, archiveFile, benchDir, runs, say, pct, annotated }) {
  const { codes, roots, mids, leaves, randomPassage, pickCodes } = annotated;
  const entries = archive.db.prepare('SELECT count(*) AS n FROM entries').get().n;
  say(`\n## Annotation: saving and listing highlights (${entries.toLocaleString('en')} entries, ${codes.length.toLocaleString('en')} codes, ${archive.db.prepare('SELECT count(*) AS n FROM highlights WHERE deleted_at IS NULL').get().n.toLocaleString('en')} highlights)\n`);
  const host = await ArchiveHost.open(archiveFile);
  const invoke = async (method, arg) => {
    const r = await host.invoke(method, arg);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value;
  };
  const saves = Math.max(runs, 200);
  const timed = async (fn, n) => {
    await fn(-1);
    const xs = [];
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      await fn(i);
      xs.push(performance.now() - s);
    }
    return xs;
  };
  const rows = [];
  const row = (label, xs, target) => {
    const p95 = pct(xs, 95);
    rows.push(`| ${label} | ${xs.length} | ${ms(pct(xs, 50))} | ${ms(p95)} | ${ms(Math.max(...xs))} | ${target ? `< ${target} ms: ${p95 < target ? 'yes' : '**no**'}` : ''} |`);
  };

  row('createHighlight (1–3 codes), archive idle', await timed(() => invoke('createHighlight', { ...randomPassage(), codeIds: pickCodes() }), saves), 50);

  // While an import runs: new generated files (a new seed each run, so they are never duplicates).
  const extraEntries = Math.min(10_000, Math.max(1_000, Math.round(entries / 100)));
  const extra = path.join(benchDir, 'extra-during');
  fs.rmSync(extra, { recursive: true, force: true });
  generateCorpus(extra, extraEntries, { perFile: 200, seed: Date.now() % 1_000_000 });
  let started = false;
  const off = host.onEvent((e) => {
    if (e.type === 'import-progress') started = true;
  });
  const importStart = performance.now();
  let importDone = false;
  const importing = invoke('importFiles', { paths: [extra], jobId: 'bench-during' }).finally(() => {
    importDone = true;
  });
  while (!started && !importDone) await new Promise((r) => setTimeout(r, 5));
  const during = [];
  let statsPhase = 0;
  const offStats = host.onEvent((e) => {
    if (e.type === 'import-progress' && e.progress.searchStats) statsPhase++;
  });
  let duringStats = 0;
  // Saves sent while the files are written come at a brisk reading pace (one every 50-450 ms,
  // faster than anyone selects a passage and picks a code): each finds a file being written, which
  // steps aside for it (edit-turns.ts) unless it already has twice. Those sent during the
  // statistics step come back to back (20 ms apart) and wait for a slice: reported apart.
  const duringFiles = [];
  const pace = rng(Date.now() % 1_000_000);
  while (!importDone) {
    const inStats = statsPhase > 0;
    const s = performance.now();
    await invoke('createHighlight', { ...randomPassage(), codeIds: pickCodes() });
    during.push(performance.now() - s);
    if (inStats) duringStats++;
    else duringFiles.push(during.at(-1));
    await new Promise((r) => setTimeout(r, statsPhase > 0 ? 20 : 50 + Math.floor(pace() * 400)));
  }
  const report = await importing;
  off();
  offStats();
  const importS = (performance.now() - importStart) / 1000;
  fs.rmSync(extra, { recursive: true, force: true });
  if (during.length > 0) row(`createHighlight while an import of ${report.entriesAdded.toLocaleString('en')} entries runs (${ms(importS)} s; ${duringStats} saves during its search statistics step)`, during, 50);
  if (duringFiles.length > 0) row(`… of those, the saves sent while its files were written (files of 200 entries; one save every 50–450 ms)`, duringFiles, 50);
  else rows.push(`| createHighlight while an import runs | 0 | | | | the import finished before a save could start |`);

  // The annotations view: the first page (100) of a code with all its sub-codes, newest first.
  const children = (ids) => codes.filter((c) => ids.includes(c.parentId)).map((c) => c.id);
  const descendants = (c) => {
    let n = 0;
    for (let level = children([c.id]); level.length > 0; level = children(level)) n += level.length;
    return n;
  };
  const subCodes = (list) => {
    const ns = list.map(descendants);
    return Math.min(...ns) === Math.max(...ns) ? `${ns[0]}` : `${Math.min(...ns)}–${Math.max(...ns)}`;
  };
  const sizes = [];
  row(
    `listHighlights by a theme (with its ${subCodes(roots)} sub-codes), first 100`,
    await timed(async (i) => sizes.push((await invoke('listHighlights', { codeId: roots[Math.max(0, i) % roots.length].id, limit: 100 })).total), runs),
    50,
  );
  row(`listHighlights by a topic (with its ${subCodes(mids)} sub-codes), first 100`, await timed((i) => invoke('listHighlights', { codeId: mids[Math.max(0, i) % mids.length].id, limit: 100 }), runs), 50);
  row('listHighlights by a leaf code, first 100', await timed((i) => invoke('listHighlights', { codeId: leaves[Math.max(0, i) % leaves.length].id, limit: 100 }), runs), 50);
  row('listHighlights, all, first 100', await timed(() => invoke('listHighlights', { limit: 100 }), runs), 50);
  await host.close();

  say('Through the worker host (ArchiveHost.invoke: validation, the writer or reader thread, structured clone), as the app sees them:\n');
  say('| operation | runs | p50 ms | p95 ms | max ms | target p95 |');
  say('|---|---|---|---|---|---|');
  for (const r of rows) say(r);
  const themeSizes = sizes.slice(1);
  if (themeSizes.length > 0) say(`\nA theme holds ${Math.min(...themeSizes).toLocaleString('en')}–${Math.max(...themeSizes).toLocaleString('en')} highlights.`);
}
