// The exact best matches of an AND of common words within a set of entries (`code:THEME
// government policy`), from the words' top lists (search-stats.ts) instead of FTS5's bm25, which
// first reads every match of every word in the archive. FTS5 scores an AND as the sum of one
// score per word, so an entry on no word's list scores at most the sum of the lists' last scores
// (the bound, as in top-k.ts). The listed entries in the set are scored here (bm25-score.ts); those
// that match and score at least the bound are the best of the whole intersection, in order.
import type { Scorable } from './bm25-score.ts';
import { idf, loadModel, scoreEntries } from './bm25-score.ts';
import type { WordTree } from './compile-query.ts';
import type { StatementCache } from './search-plan.ts';
import type { SearchStats } from './search-stats.ts';

export interface ListedBest {
  /** The proven best matches in the set, best first (maybe none). */
  ids: number[];
  /** The length of the words' lists together (for the explanation). */
  listed: number;
}

/**
 * For text that is an AND of at least two single words, each with a top list: its matches in
 * the set (`inSet` says which of some entries are) that are proven the best, best first. Null
 * for any other text, stale statistics, or entries whose text does not give the index's counts.
 */
export function bestOfListedAnd(words: WordTree | null, inSet: (ids: number[]) => Set<number>, stats: SearchStats, stmts: StatementCache): ListedBest | null {
  if (words?.kind !== 'and' || words.children.length < 2) return null;
  const terms: string[] = [];
  for (const child of words.children) {
    if (child.kind !== 'word') return null;
    terms.push(child.term);
  }
  const model = loadModel(stmts);
  if (!model) return null;
  const top = stmts.get('SELECT entry_id, -score FROM search_top WHERE term = ? ORDER BY score, entry_id').raw(true);
  const candidates = new Set<number>();
  let bound = 0;
  let listed = 0;
  for (const term of new Set(terms)) {
    const docs = stats.docs(term);
    if (docs === null || (stats.topLength(term) ?? 0) === 0) return null;
    const rows = top.all(term) as [number, number][];
    for (const [id] of rows) candidates.add(id);
    listed += rows.length;
    // A list that holds every entry with the word bounds nothing off it; else its last score, once for each time the query has the word.
    if (docs > rows.length) bound += Math.max(0, rows[rows.length - 1]?.[1] ?? 0) * terms.filter((t) => t === term).length;
  }
  const query: Scorable = { words: terms.map((term) => ({ term, idf: idf(model, stats.docs(term) ?? 0) })), matches: (has) => terms.every(has) };
  const inside = [...inSet([...candidates])];
  const scores = inside.length > 0 ? scoreEntries(inside, query, model, stmts) : new Map<number, number>();
  if (!scores) return null;
  const best = [...scores].filter(([, s]) => s >= 0 && s >= bound).sort((a, b) => b[1] - a[1] || b[0] - a[0]);
  return { ids: best.map(([id]) => id), listed };
}
