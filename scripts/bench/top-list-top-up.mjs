// How long topping up the top lists takes (search/top-list-top-up.ts) against the full refresh it
// saves: on a COPY of an archive whose statistics were made with a higher threshold (it is changed),
// the lists today's threshold calls for are made as the writer makes them (ranked on the helper
// thread), and a word between the thresholds is searched before and after.
//   node scripts/bench/top-list-top-up.mjs ARCHIVE-COPY [COMMON_DOCS] [--made-with=N] [--full]
// --made-with=N first makes the statistics with threshold N (a full refresh), as an older version would;
// --full also times a full refresh with COMMON_DOCS afterwards, for comparison.
const args = process.argv.slice(2);
const [file, common] = args.filter((a) => !a.startsWith('--'));
if (!file) throw new Error('usage: node scripts/bench/top-list-top-up.mjs ARCHIVE-COPY [COMMON_DOCS] [--full]');
const { Archive } = await import('../../electron/core/archive.ts');
const { COMMON_DOCS, readListCoverage, refreshSearchStats, TOP_K } = await import('../../electron/core/search/search-stats.ts');
const { topUpTopLists } = await import('../../electron/core/search/top-list-top-up.ts');
const { TopListRanker } = await import('../../electron/core/worker/top-list-ranker.ts');

const commonDocs = Number(common ?? COMMON_DOCS);
const archive = new Archive(file);
const db = archive.db;
const madeWith = args.find((a) => a.startsWith('--made-with='));
if (madeWith) {
  db.prepare(`UPDATE meta SET value = '0' WHERE key = 'search_stats_valid'`).run();
  const t = performance.now();
  const made = refreshSearchStats(db, { commonDocs: Number(madeWith.split('=')[1]) });
  console.log(`statistics made with ${madeWith}: ${made.topLists} lists in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
const entries = db.prepare('SELECT count(*) AS n FROM entries').get().n;
const coverage = readListCoverage(db);
const listed = db.prepare('SELECT count(DISTINCT term) AS n FROM search_top').get().n;
console.log(`${entries.toLocaleString('en')} entries; lists for ${listed} words; coverage recorded: ${coverage ? JSON.stringify(coverage) : 'none'}; threshold now ${commonDocs.toLocaleString('en')}, depth ${TOP_K}`);

// The commonest word between the thresholds without a list, searched before and after.
const lacking = db
  .prepare('SELECT term, docs FROM search_terms t WHERE docs >= ? AND NOT EXISTS (SELECT 1 FROM search_top WHERE term = t.term) ORDER BY docs DESC LIMIT 1')
  .get(commonDocs);
const timeSearch = (query) => {
  const times = [];
  let result;
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    result = archive.call('search', { query, limit: 50 });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return `${times[3].toFixed(1)} ms median of 7 (${result.explanation})`;
};
const withoutList = db.prepare('SELECT count(*) AS n FROM search_terms t WHERE docs >= ? AND NOT EXISTS (SELECT 1 FROM search_top WHERE term = t.term)').get(commonDocs).n;
if (lacking) console.log(`before: '${lacking.term}' (${lacking.docs.toLocaleString('en')} entries, no list): ${timeSearch(lacking.term)}`);

const ranker = new TopListRanker(new URL('../../electron/core/worker/archive-worker.ts', import.meta.url), file);
let firstList = 0;
const started = performance.now();
const result = await topUpTopLists(db, {
  commonDocs,
  rankElsewhere: (request) => ranker.rank(request),
  onProgress: (done, total) => {
    if (done === 0) firstList = performance.now();
    else if (done === withoutList) console.log(`  the ${withoutList} words without a list have one: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    else if (done % 50 === 0 || done === total) console.log(`  ${done}/${total} lists, ${((performance.now() - started) / 1000).toFixed(1)} s`);
  },
});
const took = (performance.now() - started) / 1000;
await ranker.close();
console.log(`top-up: ${JSON.stringify(result)} in ${took.toFixed(1)} s (finding the words: ${(((firstList || performance.now()) - started) / 1000).toFixed(1)} s); coverage now ${JSON.stringify(readListCoverage(db))}`);
if (lacking) console.log(`after: '${lacking.term}': ${timeSearch(lacking.term)}`);

if (args.includes('--full')) {
  db.prepare(`UPDATE meta SET value = '0' WHERE key = 'search_stats_valid'`).run();
  const t = performance.now();
  const full = refreshSearchStats(db, { commonDocs });
  console.log(`full refresh: ${full.topLists} lists, ${full.terms.toLocaleString('en')} words in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
archive.close();
