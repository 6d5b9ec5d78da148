// The real archive worker with its searches for queries containing "slowly" made slow: every
// statement of such a search first holds the thread for `statementMs`, as a search over a million
// entries does. For tests of a search replaced by a newer one (SearchCall.supersede).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const src = (p: string) => pathToFileURL(path.resolve(import.meta.dirname, '../../electron/core', p)).href;

/** Writes the worker script into `dir` and returns its path (HostOptions.workerFile). */
export function writeSlowSearchWorker(dir: string, statementMs: number): string {
  const file = path.join(dir, 'slow-search-worker.mjs');
  fs.writeFileSync(
    file,
    `
import { StatementCache } from '${src('search/search-plan.ts')}';
import { SearchService } from '${src('search/search-service.ts')}';
let slow = false;
const search = SearchService.prototype.search;
SearchService.prototype.search = function (req) {
  slow = req.query.includes('slowly');
  try { return search.call(this, req); } finally { slow = false; }
};
const get = StatementCache.prototype.get;
StatementCache.prototype.get = function (sql) {
  if (slow) { const until = Date.now() + ${statementMs}; while (Date.now() < until); }
  return get.call(this, sql);
};
await import('${src('worker/archive-worker.ts')}');
`,
  );
  return file;
}
