// Markdown: the export's title, the codebook, then each entry with its metadata and sources,
// its text with highlights marked (<mark>, numbered; marks are closed at each line end so no
// paragraph breaks inside one) and its highlights as quotes with codes, note and citation.
// Right-to-left entries sit in a <div dir="rtl">.
import { citationOf, citationText } from './citation.ts';
import type { ExportCode, ExportEntry, Exporter } from './export-model.ts';
import { entryMeta, entryTitle, exportColophon, exportHeading, highlightColor, sourceLines } from './export-render.ts';
import { pieceLines, segmentText, withContext } from './passage-segments.ts';

export const exportMarkdown: Exporter = async (job) => {
  const { sink, options } = job;
  await sink.write(`# ${md(exportHeading(options))}\n\n${md(exportColophon(options))}\n\n`);
  if (job.codes.length > 0) await sink.write(`## Codebook\n\n${codebook(job.codes, null, 0)}\n`);
  await sink.write('## Entries\n\n');
  let number = 0;
  for await (const page of job.pages()) {
    for (const entry of page) {
      number++;
      await sink.write(entrySection(entry, number, options.highlightsOnly ? options.context : null));
    }
    await sink.drain();
  }
};

function codebook(codes: ExportCode[], parentId: number | null, depth: number): string {
  return codes
    .filter((c) => c.parentId === parentId)
    .map((c) => `${'  '.repeat(depth)}- **${md(c.name)}** (${c.color})${c.description ? ` — ${md(c.description)}` : ''}\n${codebook(codes, c.id, depth + 1)}`)
    .join('');
}

function entrySection(entry: ExportEntry, number: number, context: number | null): string {
  const out: string[] = [`### ${number}. ${md(entryTitle(entry))}`, '', `*${md(entryMeta(entry))}*${entry.url ? ` · <${entry.url.replace(/[<>\s]/g, encodeURIComponent)}>` : ''}`, ''];
  for (const s of sourceLines(entry)) out.push(`Source: ${md(s)}  `);
  if (entry.tags.length > 0) out.push(`Tags: ${entry.tags.map(md).join(', ')}  `);
  for (const n of entry.notes) out.push(`Note: ${md(n.text)}  `);
  out.push('');
  const rtl = entry.direction === 'rtl';
  if (rtl) out.push('<div dir="rtl">', '');
  if (context === null) {
    const hs = entry.highlights;
    for (const line of pieceLines(segmentText(entry.text, hs))) {
      const text = line
        .map((p) => {
          const refs = p.endingHere.map((i) => `<sup>[${i + 1}]</sup>`).join('');
          if (p.covering.length === 0 || p.text === '') return md(p.text) + refs;
          const color = highlightColor(hs[p.covering[p.covering.length - 1]!]!);
          return `<mark style="background:${color}66">${md(p.text)}</mark>${refs}`;
        })
        .join('');
      out.push(text === '' ? '' : `${text}  `);
    }
    out.push('');
  }
  entry.highlights.forEach((h, i) => {
    const ctx = withContext(entry.text, h, context ?? 0);
    const quote = `${ctx.before ? `…${md(ctx.before)}` : ''}**${md(ctx.passage)}**${ctx.after ? `${md(ctx.after)}…` : ''}`;
    out.push(`> [${i + 1}] ${quote.split('\n').join('  \n> ')}`, '>');
    if (h.codes.length > 0) out.push(`> Codes: ${h.codes.map((c) => `\`${c.path.replace(/`/g, "'")}\``).join(', ')}  `);
    if (h.note) out.push(`> Note: ${md(h.note).split('\n').join('  \n> ')}  `);
    out.push(`> Cite: ${md(citationText(citationOf(entry, h.start, h.end)))}`, '');
  });
  if (rtl) out.push('</div>', '');
  out.push('');
  return out.join('\n');
}

/** Escapes Markdown's own characters so the text reads as written. */
export function md(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|~!]/g, '\\$&').replace(/&/g, '&amp;').replace(/^([+-]|\d+\.)(\s)/gm, '\\$1$2');
}
