// `quire highlight` (make one) and `quire highlights` (list them). Offsets are code points of the
// entry text (title, blank line, body), as the contract defines them; shared/entry-text.ts converts.
import type { Highlight, HighlightListItem, HighlightQuery } from '../../shared/contract.ts';
import { codePointLength, entryText, toCodePoints } from '../../shared/entry-text.ts';
import { QuireError } from '../../shared/errors.ts';
import { plural, UsageError, wholeNumber, withArchive, type CliContext } from './cli-common.ts';
import { findCode } from './code-paths.ts';
import { findCollection } from './cli-collections.ts';

const HIGHLIGHT_USAGE = 'quire highlight ENTRY_ID (--quote TEXT | --start S --end E) [--code PATH]... [--note TEXT] [--json]';

/** Every UTF-16 index where `quote` starts in `text`, overlapping ones included. */
function occurrences(text: string, quote: string): number[] {
  const at: number[] = [];
  for (let i = text.indexOf(quote); i !== -1; i = text.indexOf(quote, i + 1)) at.push(i);
  return at;
}

export async function highlightCommand(ctx: CliContext): Promise<number> {
  if (ctx.args.length !== 1) throw new UsageError(`usage: ${HIGHLIGHT_USAGE}`);
  const entryId = wholeNumber(ctx.args[0], 'ENTRY_ID', 1);
  const { quote, start: startOpt, end: endOpt, note } = ctx.options;
  const byOffsets = startOpt !== undefined || endOpt !== undefined;
  if ((quote !== undefined) === byOffsets) throw new UsageError(`give either --quote TEXT or --start S --end E: ${HIGHLIGHT_USAGE}`);
  if (byOffsets && (startOpt === undefined || endOpt === undefined)) throw new UsageError('--start and --end go together');
  if (quote === '') throw new UsageError('--quote needs the text to highlight');

  const highlight = await withArchive(ctx.archivePath, async (call) => {
    const entry = await call('getEntry', { id: entryId });
    const text = entryText(entry.title, entry.body);
    let start: number;
    let end: number;
    if (quote !== undefined) {
      // As typed, else in composed form (a terminal may hand over decomposed accents).
      const composed = quote.normalize('NFC');
      const typed = occurrences(text, quote);
      const [q, found] = typed.length === 0 && composed !== quote ? [composed, occurrences(text, composed)] : [quote, typed];
      if (found.length === 0) throw new QuireError('not-found', `The quote does not occur in entry ${entryId} (it must match the entry's text exactly, case and punctuation included).`);
      if (found.length > 1) {
        const first = found.slice(0, 3).map((i) => `${toCodePoints(text, i)}-${toCodePoints(text, i + q.length)}`);
        throw new QuireError('invalid-input', `The quote occurs ${found.length} times in entry ${entryId} (at ${first.join(', ')}${found.length > 3 ? ', …' : ''}): quote more of the passage, or give --start and --end.`);
      }
      start = toCodePoints(text, found[0]!);
      end = toCodePoints(text, found[0]! + q.length);
    } else {
      start = wholeNumber(startOpt, '--start');
      end = wholeNumber(endOpt, '--end');
      const length = codePointLength(text);
      if (end <= start) throw new UsageError('--end must be greater than --start');
      if (end > length) throw new QuireError('invalid-input', `--end ${end} is past the end of entry ${entryId}: its text (title, blank line, body) is ${plural(length, 'code point')} long.`);
    }
    const codes = await call('listCodes', undefined);
    const codeIds = [...new Set((ctx.options.code ?? []).map((p) => findCode(codes, p).id))];
    return call('createHighlight', { entryId, start, end, ...(codeIds.length > 0 ? { codeIds } : {}), ...(note !== undefined ? { note } : {}) });
  });
  if (ctx.options.json) ctx.io.out(JSON.stringify(highlightJson(highlight)));
  else ctx.io.out(formatHighlight(highlight, `Highlight ${highlight.id} on entry ${highlight.entryId}`));
  return 0;
}

/** The shape scripts read (issue 13): one line of JSON per highlight. */
export function highlightJson(h: Highlight) {
  return { id: h.id, guid: h.guid, entry: h.entryId, start: h.start, end: h.end, exact: h.exact, codes: h.codes.map((c) => c.path), note: h.note };
}

function formatHighlight(h: Highlight, heading: string): string {
  const quote = h.exact.length > 300 ? `${h.exact.slice(0, 300)}…` : h.exact;
  const lines = [`${heading} (code points ${h.start}-${h.end}):`, `  “${quote.replace(/\s+/g, ' ')}”`];
  if (h.codes.length > 0) lines.push(`  codes: ${h.codes.map((c) => c.path).join(', ')}`);
  if (h.note) lines.push(`  note: ${h.note}`);
  return lines.join('\n');
}

const PAGE = 500;

export async function listHighlightsCommand(ctx: CliContext): Promise<number> {
  if (ctx.args.length > 0) throw new UsageError('usage: quire highlights [--code PATH] [--collection NAME] [--limit N] [--json]');
  const { code: codePaths, collection } = ctx.options;
  if ((codePaths?.length ?? 0) > 1) throw new UsageError('highlights takes one --code (it includes its sub-codes)');
  const limit = ctx.options.limit === undefined ? Infinity : wholeNumber(ctx.options.limit, '--limit', 1);
  const { total, items } = await withArchive(ctx.archivePath, async (call) => {
    const query: HighlightQuery = { sort: 'entry' };
    if (codePaths?.[0] !== undefined) query.codeId = findCode(await call('listCodes', undefined), codePaths[0]).id;
    if (collection !== undefined) query.collectionId = findCollection(await call('listCollections', undefined), collection).id;
    const items: HighlightListItem[] = [];
    let total = 0;
    // Page through: a script asking for every highlight gets every one.
    do {
      const page = await call('listHighlights', { ...query, offset: items.length, limit: Math.min(PAGE, limit - items.length) });
      total = page.total;
      items.push(...page.items);
      if (page.items.length === 0) break;
    } while (items.length < Math.min(total, limit));
    return { total, items };
  });
  if (ctx.options.json) {
    ctx.io.out(JSON.stringify({ total, highlights: items.map((h) => ({ ...highlightJson(h), entryTitle: h.entryTitle, entryExists: h.entryExists, anchor: h.anchor })) }));
    return 0;
  }
  const lines = [`${plural(total, 'highlight')}${items.length < total ? ` (the first ${items.length} shown)` : ''}.`];
  for (const h of items) {
    const orphan = !h.entryExists ? ' [orphaned: the entry is in the trash]' : h.anchor === 'orphaned' ? ' [orphaned: the passage was not found in the new version]' : '';
    lines.push('', formatHighlight(h, `#${h.id}  entry ${h.entryId} · ${h.entryTitle || '(untitled)'}${h.entryDate ? ` · ${h.entryDate}` : ''}${orphan}`));
  }
  ctx.io.out(lines.join('\n'));
  return 0;
}
