// One self-contained HTML file: styles inline, no scripts, no external requests (a
// Content-Security-Policy of default-src 'none' makes sure), print-ready. A table of contents
// (read ahead from titles only), the codebook as a legend, then each entry laid out in its own
// direction with its highlights coloured by code (an overlapped passage is underlined in the
// outer highlight's colour) and numbered, and below it each highlight with codes, note and citation.
import { citationOf, citationText } from './citation.ts';
import type { ExportCode, ExportEntry, ExportHighlight, ExportJob, Exporter } from './export-model.ts';
import { entryMeta, entryTitle, exportColophon, exportHeading, highlightColor, sourceLines } from './export-render.ts';
import { segmentText, withContext } from './passage-segments.ts';

const STYLE = `
:root { color-scheme: light; }
body { font: 15px/1.55 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans Arabic", "Vazirmatn", "Noto Sans CJK SC", sans-serif; color: #1d1d1f; background: #fff; max-width: 52rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #ddd; padding-bottom: .25rem; }
h3 { font-size: 1.1rem; margin: 0 0 .25rem; }
.colophon, .meta, .sources, .cite { color: #5f5f64; font-size: .85rem; }
.toc ol { padding-inline-start: 1.5rem; } .toc a { color: inherit; } .toc .n { color: #7b7b81; font-size: .85rem; }
.legend { list-style: none; padding: 0; } .legend ul { list-style: none; padding-inline-start: 1.25rem; }
.swatch { display: inline-block; width: .9em; height: .9em; border-radius: 2px; vertical-align: -0.1em; margin-inline-end: .4em; border: 1px solid rgba(0,0,0,.2); }
.memo { color: #5f5f64; font-size: .85rem; }
article { margin: 2rem 0; padding-top: 1rem; border-top: 1px solid #e3e0d8; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
mark { color: inherit; border-radius: 2px; }
sup.ref { font-size: .7em; } sup.ref a { color: #2f6f5e; text-decoration: none; }
.highlights { margin: 1rem 0 0; padding: 0; list-style: none; }
.highlights li { margin: .75rem 0; padding-inline-start: .75rem; border-inline-start: 4px solid #ccc; break-inside: avoid; }
blockquote { margin: 0; white-space: pre-wrap; } .ctx { color: #7b7b81; }
.codes { font-size: .85rem; } .code { display: inline-block; border-radius: 3px; padding: 0 .35em; margin-inline-end: .3em; background: #f3f1eb; }
.note { font-style: italic; }
.tags { font-size: .85rem; color: #5f5f64; }
@media print { body { margin: 0; max-width: none; } article { break-before: page; border-top: 0; } a { color: inherit; } .toc { break-after: page; } * { print-color-adjust: exact; -webkit-print-color-adjust: exact; } }
`;

export const exportHtml: Exporter = async (job: ExportJob) => {
  const { sink, options } = job;
  const lang = 'en';
  await sink.write(
    `<!DOCTYPE html>\n<html lang="${lang}">\n<head>\n<meta charset="utf-8">\n` +
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">\n` +
      `<meta name="referrer" content="no-referrer">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
      `<meta name="generator" content="Quire ${esc(options.appVersion)}">\n<title>${esc(options.title)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n` +
      `<header><h1>${esc(exportHeading(options))}</h1><p class="colophon">${esc(exportColophon(options))}</p></header>\n`,
  );
  await sink.write('<nav class="toc"><h2>Contents</h2><ol>\n');
  for await (const page of job.outline()) {
    for (const e of page) {
      await sink.write(`<li><a href="#e-${esc(e.guid)}"><bdi>${esc(entryTitle(e))}</bdi></a> <span class="n">${esc(e.date ?? 'undated')}${e.highlights > 0 ? ` · ${e.highlights} highlight${e.highlights === 1 ? '' : 's'}` : ''}</span></li>\n`);
    }
  }
  await sink.write('</ol></nav>\n');
  if (job.codes.length > 0) await sink.write(`<section class="codebook"><h2>Codebook</h2>${legend(job.codes, null)}</section>\n`);
  await sink.write('<main>\n');
  let number = 0;
  for await (const page of job.pages()) {
    for (const entry of page) {
      number++;
      await sink.write(article(entry, number, job));
    }
    await sink.drain();
  }
  await sink.write('</main>\n</body>\n</html>\n');
};

function legend(codes: ExportCode[], parentId: number | null): string {
  const mine = codes.filter((c) => c.parentId === parentId);
  if (mine.length === 0) return '';
  return `<ul class="legend">${mine
    .map(
      (c) =>
        `<li><span class="swatch" style="background:${cssColor(c.color)}"></span><strong>${esc(c.name)}</strong>${c.description ? ` <span class="memo">— ${esc(c.description)}</span>` : ''}${legend(codes, c.id)}</li>`,
    )
    .join('')}</ul>`;
}

function article(entry: ExportEntry, number: number, job: ExportJob): string {
  const { options } = job;
  const dir = entry.direction;
  const lang = entry.language ? ` lang="${esc(entry.language)}"` : '';
  const out: string[] = [`<article id="e-${esc(entry.guid)}" dir="${dir}"${lang}>`, `<h3>${number}. ${esc(entryTitle(entry))}</h3>`];
  out.push(`<p class="meta">${esc(entryMeta(entry))}${entry.url ? ` · ${/^https?:\/\//i.test(entry.url) ? `<a href="${esc(entry.url)}" rel="noreferrer">${esc(entry.url)}</a>` : esc(entry.url)}` : ''}</p>`);
  const sources = sourceLines(entry);
  if (sources.length > 0) out.push(`<p class="sources" dir="ltr">Source: ${sources.map(esc).join('<br>')}</p>`);
  if (entry.tags.length > 0) out.push(`<p class="tags">Tags: ${entry.tags.map(esc).join(', ')}</p>`);
  for (const n of entry.notes) out.push(`<p class="note">Note: ${esc(n.text)}</p>`);
  if (!options.highlightsOnly) out.push(`<div class="text">${markedText(entry)}</div>`);
  if (entry.highlights.length > 0) {
    out.push('<ol class="highlights">');
    entry.highlights.forEach((h, i) => out.push(highlightItem(entry, h, i + 1, options.highlightsOnly ? options.context : 0)));
    out.push('</ol>');
  }
  out.push('</article>\n');
  return out.join('\n');
}

function markedText(entry: ExportEntry): string {
  const hs = entry.highlights;
  return segmentText(entry.text, hs)
    .map((piece) => {
      const refs = piece.endingHere.map((i) => `<sup class="ref"><a href="#h-${esc(hs[i]!.guid)}">[${i + 1}]</a></sup>`).join('');
      if (piece.covering.length === 0) return esc(piece.text) + refs;
      const inner = hs[piece.covering[piece.covering.length - 1]!]!;
      const outer = piece.covering.length > 1 ? hs[piece.covering[0]!]! : null;
      const style = `background:${cssColor(highlightColor(inner), 0.45)}${outer ? `;box-shadow:inset 0 -3px 0 ${cssColor(highlightColor(outer))}` : ''}`;
      return `<mark style="${style}">${esc(piece.text)}</mark>${refs}`;
    })
    .join('');
}

function highlightItem(entry: ExportEntry, h: ExportHighlight, n: number, context: number): string {
  const ctx = withContext(entry.text, h, context);
  const codes = h.codes.map((c) => `<span class="code" style="background:${cssColor(c.color, 0.35)}">${esc(c.path)}</span>`).join('');
  return [
    `<li id="h-${esc(h.guid)}" style="border-inline-start-color:${cssColor(highlightColor(h))}">`,
    `<blockquote>[${n}] ${ctx.before ? `<span class="ctx">…${esc(ctx.before)}</span>` : ''}<mark style="background:${cssColor(highlightColor(h), 0.45)}">${esc(ctx.passage)}</mark>${ctx.after ? `<span class="ctx">${esc(ctx.after)}…</span>` : ''}</blockquote>`,
    codes ? `<div class="codes">${codes}</div>` : '',
    h.note ? `<div class="note">${esc(h.note)}</div>` : '',
    `<div class="cite" dir="ltr">${esc(citationText(citationOf(entry, h.start, h.end)))}</div>`,
    '</li>',
  ].join('');
}

function cssColor(hex: string, alpha = 1): string {
  const m = /^#([0-9a-fA-F]{6})$/.exec(hex);
  const v = m ? m[1]! : 'F2C94C';
  if (alpha >= 1) return `#${v}`;
  return `rgba(${parseInt(v.slice(0, 2), 16)},${parseInt(v.slice(2, 4), 16)},${parseInt(v.slice(4, 6), 16)},${alpha})`;
}

export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
