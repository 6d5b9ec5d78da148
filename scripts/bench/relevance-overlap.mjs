// How close a search's first page is to the truth, for the bench table: plain FTS5 on the same
// compiled query and filters ranks EVERY match (`ORDER BY rank`) and counts them all, and the page
// Quire returned is compared with that: how many of the exact bm25 top 50 it holds (by score, so
// that ties falling either way still count), and whether its count is right.
import { AliasGroups } from '../../electron/core/search/alias-groups.ts';
import { makePlan, matchingFrom } from '../../electron/core/search/search-plan.ts';
import { SearchStats } from '../../electron/core/search/search-stats.ts';
import { Vocabulary } from '../../electron/core/search/vocabulary.ts';

/** `check(req, result)` → { overlap: '50/50' | '—', count: 'exact ✓' | 'lower bound ✓' | '… ✗ (true N)' }. */
export function relevanceChecker(db) {
  const stats = new SearchStats(db);
  const vocab = new Vocabulary(db, stats);
  const aliases = new AliasGroups(db);
  const bounds = db.prepare('SELECT (SELECT min(date) FROM entries) AS min, (SELECT max(date) FROM entries) AS max');
  const planOf = (req) => makePlan(req, { aliases: aliases.lookup(), vocab, stats, dateBounds: () => bounds.get() });
  return (req, result) => {
    const plan = planOf(req);
    if (plan.compiled.never) return { overlap: '—', count: result.total === 0 ? 'exact ✓' : `✗ (true 0)` };
    const from = matchingFrom(plan);
    const truth = db.prepare(`SELECT count(*) AS n ${from.sql}`).get(...from.params).n;
    const kind = result.totalExact ? 'exact' : 'lower bound';
    const right = result.totalExact ? result.total === truth : result.total <= truth;
    const count = right ? `${kind} ✓` : `${kind} ✗ (true ${truth.toLocaleString('en')})`;
    if (!plan.compiled.match || (req.sort ?? 'relevance') !== 'relevance') return { overlap: '—', count };
    const k = Math.min(50, result.hits.length);
    const best = db.prepare(`SELECT -entry_index.rank AS s ${from.sql} ORDER BY entry_index.rank LIMIT ?`).pluck().all(...from.params, k);
    const ids = JSON.stringify(result.hits.slice(0, k).map((h) => h.id));
    const ours = db.prepare(`SELECT -entry_index.rank AS s ${from.sql} AND e.id IN (SELECT value FROM json_each(?))`).pluck().all(...from.params, ids);
    // Scores shared with the exact top, as multisets (a tie at the edge counts whichever entry won it).
    const left = new Map();
    for (const s of best) left.set(s, (left.get(s) ?? 0) + 1);
    let shared = 0;
    for (const s of ours) {
      const n = left.get(s) ?? 0;
      if (n > 0) {
        shared++;
        left.set(s, n - 1);
      }
    }
    return { overlap: `${shared}/${best.length}`, count };
  };
}
