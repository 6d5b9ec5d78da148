// App latency in Chromium (issue 18 §3): keystroke to results on screen, target 100 ms. The archive
// is served in browser mode (the `quire serve` server and worker host, in this process, opened
// READ-ONLY: the bench never writes to or migrates the archive) and Debian's Chromium types each
// query into the real renderer with playwright-core.
//
//   QUIRE_BENCH_ARCHIVE=.bench/bench-1000000.quire QUIRE_RENDERER_DIR=/tmp/r node scripts/bench/app-latency.mjs
//
// QUIRE_RENDERER_DIR: a built renderer (default dist/renderer). QUIRE_BENCH_APP_RUNS (default 7) runs
// per query after one warm-up; QUIRE_BENCH_KEY_DELAY (default 60) ms between keystrokes (a fast
// typist: most keystrokes send a search of their own); QUIRE_BENCH_APP_EXACT_WAIT (default 10000) ms
// to wait for an exact count after a lower bound. The queries come from QUIRE_BENCH_QUERIES
// (JSON: the generator's { commonWord, otherWord, phrase, prefix }) or the import-N.json beside the
// archive. Prints a Markdown section on stdout.
//
// What is measured, in the page (performance.now(), one clock):
// - from the `input` event of the last character typed (keydown and input come together; a
//   character not on the keyboard, as Arabic, has only input),
// - to the first animation frame whose DOM holds the typed query's answer: its explanation line (it
//   names the query in its first clause, so a shorter query typed on the way never counts) with the first result row,
//   and the count beside the search box. That frame is painted right after the callback that sees it.
// - "exact count": the frame where the count stops being a lower bound ("over N, counting…"); the
//   same as the count when the search's count was exact.
// - first list paint after opening: from navigation start to the first frame with a result row.
// Before each run the box is cleared, the list of all entries comes back and the app idles 600 ms.
// Where the typed query's request went (the second table): the server's Server-Timing header
// (QUIRE_CALL_TIMING=1, set here): reading the body, waiting in the worker's queue behind earlier
// calls, the worker's work (of which the search itself, its tookMs), and the rest of the request
// (HTTP both ways, JSON); then drawing, from the answer read to the frame with the first row.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PLANTED } from './generate-corpus.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const TARGET_MS = 100;
const RUNS = Number(process.env.QUIRE_BENCH_APP_RUNS ?? 7);
const KEY_DELAY = Number(process.env.QUIRE_BENCH_KEY_DELAY ?? 60);
const EXACT_WAIT = Number(process.env.QUIRE_BENCH_APP_EXACT_WAIT ?? 10_000);
const archiveFile = path.resolve(process.env.QUIRE_BENCH_ARCHIVE ?? process.argv[2] ?? '');
const rendererDir = path.resolve(process.env.QUIRE_RENDERER_DIR ?? path.join(ROOT, 'dist', 'renderer'));

const say = (s) => console.log(s);
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const ms = (x) => (x === undefined || x === null ? '–' : x.toFixed(0));

say('## App in Chromium: keystroke to results on screen (browser mode, archive opened read-only)\n');
const missing = !fs.existsSync(archiveFile)
  ? `no archive at ${archiveFile}`
  : !fs.existsSync(path.join(rendererDir, 'index.html'))
    ? `no built renderer in ${rendererDir} (set QUIRE_RENDERER_DIR to a \`vite build\` output)`
    : !fs.existsSync(CHROMIUM)
      ? `Chromium not found at ${CHROMIUM}`
      : null;
if (missing) {
  say(`Skipped: ${missing}.`);
  process.exit(0);
}

function generatorWords() {
  if (process.env.QUIRE_BENCH_QUERIES) return JSON.parse(process.env.QUIRE_BENCH_QUERIES);
  const n = /bench-(\d+)\.quire$/.exec(archiveFile)?.[1];
  const importFile = path.join(path.dirname(archiveFile), `import-${n}.json`);
  if (n && fs.existsSync(importFile)) return JSON.parse(fs.readFileSync(importFile, 'utf8')).gen;
  return { commonWord: 'government', otherWord: 'policy', phrase: 'the government', prefix: 'gov' };
}
const gen = generatorWords();

// A daily backup would copy the whole archive beside it: not while measuring.
process.env.QUIRE_DAILY_BACKUPS = '0';
process.env.QUIRE_CALL_TIMING = '1';
const { ArchiveHost } = await import('../../electron/core/worker/archive-host.ts');
const { serveArchive } = await import('../../electron/serve/serve-archive.ts');
const { chromium } = await import('playwright-core');

let host;
try {
  host = await ArchiveHost.open(archiveFile, { readOnly: true });
} catch (error) {
  // A read-only open refuses an archive that needs upgrading: it is never migrated here.
  say(`Skipped: the archive could not be opened read-only: ${error.message}`);
  process.exit(0);
}
const server = await serveArchive({ host, rendererDir });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
page.setDefaultTimeout(60_000);

// From the document's start: the frame of the first result row and of the first count (opening),
// and the time of every input event (typing).
await page.addInitScript(() => {
  const b = (window.__bench = { inputs: [], searches: [], firstRow: null, firstCount: null, watch: null });
  document.addEventListener('input', () => b.inputs.push(performance.now()), true);
  // Each search request: its query, when it was sent and when its answer was read.
  const fetch0 = window.fetch.bind(window);
  window.fetch = async (url, init) => {
    if (!String(url).endsWith('/api/invoke/search')) return fetch0(url, init);
    const s = { query: JSON.parse(init?.body || '{}').query, offset: JSON.parse(init?.body || '{}').offset, sent: performance.now(), answered: null, server: {}, tookMs: null, cancelled: false };
    b.searches.push(s);
    const res = await fetch0(url, init);
    const body = await res.text();
    s.answered = performance.now();
    for (const part of (res.headers.get('server-timing') ?? '').split(',')) {
      const m = /^\s*(\w+);dur=([\d.]+)/.exec(part);
      if (m) s.server[m[1]] = Number(m[2]);
    }
    try {
      const parsed = JSON.parse(body);
      s.tookMs = parsed.value?.tookMs ?? null;
      s.cancelled = parsed.error?.code === 'cancelled';
    } catch {}
    return new Response(body, { status: res.status, headers: res.headers });
  };
  const frame = () => {
    const now = performance.now();
    if (b.firstRow === null && document.querySelector('.entry-row')) b.firstRow = now;
    if (b.firstCount === null && /\d/.test(document.querySelector('[data-testid="result-count"]')?.textContent ?? '')) b.firstCount = now;
    const w = b.watch;
    // Only the whole query's answer names it in the explanation: shorter queries typed on the way never match.
    if (w) {
      const explanation = (document.querySelector('.explanation')?.textContent ?? '').split(';')[0];
      const count = document.querySelector('[data-testid="result-count"]')?.textContent ?? '';
      if (explanation === w.explanation) {
        if (w.row === null && document.querySelector('.entry-row')) w.row = now;
        if (w.count === null && /\d/.test(count)) w.count = now;
        if (w.exact === null && /^[\d,]+ entr/.test(count) && !count.includes('counting')) w.exact = now;
      }
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
});

const load0 = os.loadavg()[0].toFixed(1);
const total = async () => (await host.invoke('search', { query: '', limit: 1 })).value.total;
const entries = await total();
const box = page.getByRole('searchbox', { name: 'Search entries' });

// ---- First list paint after opening ----------------------------------------------------------
const opening = [];
for (let i = 0; i <= Math.min(RUNS, 5); i++) {
  // A page of its own each time (the same URL again would only move to its #hash).
  await page.goto('about:blank');
  await page.goto(server.url);
  await page.waitForFunction(() => window.__bench.firstRow !== null && window.__bench.firstCount !== null);
  const t = await page.evaluate(() => ({ row: window.__bench.firstRow, count: window.__bench.firstCount }));
  if (i > 0) opening.push(t);
}

/** The empty box, the list of every entry back on screen, then a pause for facets and the timeline. */
async function reset() {
  await box.fill('');
  await page.waitForFunction(() => document.querySelector('.explanation') === null && document.querySelector('.entry-row') !== null && !document.querySelector('.search-options .spinner'));
  await page.waitForTimeout(600);
}

const kinds = [
  ['single common word', gen.commonWord],
  ['rare word', PLANTED.rare],
  ['phrase', `"${gen.phrase}"`],
  ['NOT of two common words', `${gen.commonWord} -${gen.otherWord}`],
  ['prefix of a common word', `${gen.prefix}*`],
  ['prefix of the commonest words', 'th*'],
  ['Arabic word (Persian letters)', 'کتابخانه'],
];
const rows = [];
for (const [label, query] of kinds) {
  // What the app will show for the whole query: its explanation line and count.
  const answer = await host.invoke('search', { query, sort: 'relevance', offset: 0, limit: 50 });
  if (!answer.ok || !answer.value.explanation || answer.value.hits.length === 0) {
    rows.push({ label, query, skipped: answer.ok ? 'no results' : answer.error.message });
    continue;
  }
  const { total: matches, totalExact } = answer.value;
  // Its first clause names the query ("searching for …"); the rest may differ with what is cached.
  const explanation = answer.value.explanation.split(';')[0];
  const times = [];
  for (let i = 0; i <= RUNS; i++) {
    await reset();
    await page.evaluate((e) => {
      window.__bench.inputs = [];
      window.__bench.searches = [];
      window.__bench.watch = { explanation: e, row: null, count: null, exact: null };
    }, explanation);
    await box.pressSequentially(query, { delay: KEY_DELAY });
    await page.waitForFunction(() => window.__bench.watch.row !== null && window.__bench.watch.count !== null).catch(async (error) => {
      const shown = await page.evaluate(() => document.querySelector('.explanation')?.textContent ?? '(no explanation line)');
      throw new Error(`${label}: the answer to ${query} never came on screen (expected the line "${explanation}", saw "${shown}"): ${error.message}`);
    });
    // The exact count, when the first answer's was a lower bound: up to EXACT_WAIT more.
    await page.waitForFunction(() => window.__bench.watch.exact !== null, null, { timeout: EXACT_WAIT }).catch(() => undefined);
    const t = await page.evaluate((q) => {
      const b = window.__bench;
      const last = b.inputs[b.inputs.length - 1];
      const after = (x) => (x === null ? null : Math.max(0, x - last));
      const own = b.searches.find((s) => s.query === q && !s.offset);
      const sent = b.searches.filter((s) => s.sent <= last).length;
      return {
        row: after(b.watch.row),
        count: after(b.watch.count),
        exact: after(b.watch.exact),
        // Where the time went: waiting for an earlier keystroke's search, the request, then drawing.
        waited: own ? after(own.sent) : null,
        request: own && own.answered !== null ? own.answered - own.sent : null,
        drawn: own && own.answered !== null && b.watch.row !== null ? b.watch.row - own.answered : null,
        searches: b.searches.length,
        sentWhileTyping: sent,
        cancelled: b.searches.filter((s) => s.cancelled).length,
        // The typed query's request, hop by hop (Server-Timing).
        read: own?.server.read ?? null,
        queue: own?.server.queue ?? null,
        work: own?.server.work ?? null,
        search: own?.tookMs ?? null,
        http: own && own.answered !== null && own.server.server !== undefined ? own.answered - own.sent - own.server.server + (own.server.read ?? 0) : null,
      };
    }, query);
    if (i > 0) times.push(t);
  }
  rows.push({ label, query, matches, totalExact, times });
}
await browser.close();
await server.close();
await host.close();

say(`Load average (1 min) ${load0} before, ${os.loadavg()[0].toFixed(1)} after, on ${os.cpus().length} cores: other work on the machine shows in these figures.\n`);
say(`${entries.toLocaleString('en')} entries in \`${path.basename(archiveFile)}\`; ${RUNS} runs per query after one warm-up, ${KEY_DELAY} ms between keystrokes. From the last keystroke's input event to the first animation frame whose page holds the typed query's first result row and its count (then painted); "exact" is when a lower-bound count became exact. Target: ${TARGET_MS} ms.\n`);
say('| query kind | query | matches | first row p50 ms | p95 ms | count p50 ms | p95 ms | exact count p95 ms | target | of the first row (p50 ms): waiting for an earlier search / request / drawing | searches sent per query typed |');
say('|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  if (r.skipped) {
    say(`| ${r.label} | \`${r.query}\` | ${r.skipped} | | | | | | | | |`);
    continue;
  }
  const row = r.times.map((t) => t.row);
  const count = r.times.map((t) => t.count);
  const exact = r.times.map((t) => t.exact ?? Infinity);
  const met = pct(row, 95) <= TARGET_MS && pct(count, 95) <= TARGET_MS;
  const part = (k) => {
    const xs = r.times.map((t) => t[k]).filter((x) => x !== null);
    return xs.length ? ms(pct(xs, 50)) : '–';
  };
  say(
    `| ${r.label} | \`${r.query}\` | ${r.matches.toLocaleString('en')}${r.totalExact ? '' : ' (lower bound)'} | ${ms(pct(row, 50))} | ${ms(pct(row, 95))} | ${ms(pct(count, 50))} | ${ms(pct(count, 95))} | ${r.totalExact ? 'same' : Number.isFinite(pct(exact, 95)) ? ms(pct(exact, 95)) : `over ${EXACT_WAIT / 1000} s`} | ≤ ${TARGET_MS} ms: ${met ? 'yes' : '**no**'} | ${part('waited')} / ${part('request')} / ${part('drawn')} | ${pct(r.times.map((t) => t.searches), 50)} for ${[...r.query].length} keys |`,
  );
}
say('\nWhere the typed query\'s time went (p50 ms over the runs; Server-Timing): waiting in the page for an earlier search (the app before superseding sent one first page at a time), then its request: reading its body in the server, queued in the reader behind earlier calls, the worker\'s work (of which the search itself), HTTP and JSON both ways; then drawing the answer. Earlier searches answered "cancelled" (replaced) per run.\n');
say('| query kind | waiting | request | of which: read body | queue | work | search | HTTP + JSON | drawing | searches replaced |');
say('|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  if (r.skipped) continue;
  const p50 = (k) => {
    const xs = r.times.map((t) => t[k]).filter((x) => x !== null && x !== undefined);
    return xs.length ? ms(pct(xs, 50)) : '–';
  };
  say(`| ${r.label} | ${p50('waited')} | ${p50('request')} | ${p50('read')} | ${p50('queue')} | ${p50('work')} | ${p50('search')} | ${p50('http')} | ${p50('drawn')} | ${p50('cancelled')} |`);
}
const openRow = opening.map((t) => t.row);
const openCount = opening.map((t) => t.count);
say(`\nFirst list paint after opening (navigation start to the first frame with a result row; ${opening.length} reloads after one): p50 ${ms(pct(openRow, 50))} ms, p95 ${ms(pct(openRow, 95))} ms; the count beside it p50 ${ms(pct(openCount, 50))} ms, p95 ${ms(pct(openCount, 95))} ms.`);
