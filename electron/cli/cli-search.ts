// `quire search` and `quire stats`.
import type { SearchRequest, SearchResult } from '../../shared/contract.ts';
import { countAllMatches } from '../../shared/count-matches.ts';
import { UsageError, withArchive, type CliContext } from './cli-common.ts';

export async function statsCommand(ctx: CliContext): Promise<number> {
  const stats = await withArchive(ctx.archivePath, (call) => call('stats', undefined));
  if (ctx.options.json) ctx.io.out(JSON.stringify(stats));
  else ctx.io.out(Object.entries(stats).map(([k, v]) => `${k.padEnd(12)} ${v}`).join('\n'));
  return 0;
}

export async function searchCommand(ctx: CliContext): Promise<number> {
  const { options } = ctx;
  if (ctx.args.length === 0) throw new UsageError('search needs a query, e.g. quire search "exact phrase"');
  const limit = options.limit === undefined ? 20 : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError('--limit must be a whole number from 1 to 1000');
  const sort = options.sort ?? 'relevance';
  if (sort !== 'relevance' && sort !== 'date-desc' && sort !== 'date-asc') throw new UsageError('--sort must be relevance, date-desc or date-asc');
  const exactCount = options['exact-count'] === true;
  await withArchive(ctx.archivePath, async (call) => {
    const request: SearchRequest = { query: ctx.args.join(' '), sort, transliteration: options.translit };
    const result = await call('search', { ...request, limit });
    if (result.totalExact || !exactCount) {
      // The first page at once; a count the search could not finish follows when it has it
      // (too many matches to count within the search: counted in slices, as the app does).
      ctx.io.out(options.json ? JSON.stringify(searchJson(result)) : formatSearch(result));
      if (result.totalExact || options.json) return;
      const total = await countAllMatches((req) => call('countMatches', req), request);
      if (total !== null) ctx.io.out(`\n${total.toLocaleString('en')} ${total === 1 ? 'entry matches' : 'entries match'} in all.`);
      return;
    }
    // --exact-count: wait for the exact count, then print page and count together.
    result.total = (await countAllMatches((req) => call('countMatches', req), request)) ?? result.total;
    result.totalExact = true;
    ctx.io.out(options.json ? JSON.stringify(searchJson(result)) : formatSearch(result));
  });
  return 0;
}

function searchJson(result: SearchResult) {
  return {
    total: result.total,
    totalExact: result.totalExact,
    hits: result.hits.map((h) => ({ id: h.id, title: h.title, date: h.date, author: h.author, outlet: h.outlet, source: h.source, snippet: h.snippet })),
  };
}

function formatSearch(result: SearchResult): string {
  const lines = [result.totalExact ? `${result.total} entries match.` : `At least ${result.total} entries match (counting the rest…).`];
  for (const h of result.hits) {
    const meta = [h.date, h.author, h.outlet].filter(Boolean).join(' · ');
    lines.push('', `#${h.id}  ${h.title || '(untitled)'}`, meta ? `      ${meta}` : '', `      ${h.snippet}`);
  }
  return lines.filter((l, i) => l !== '' || i === 0 || lines[i - 1] !== '').join('\n');
}
