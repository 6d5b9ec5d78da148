// Word (.docx) with the `docx` package: the same content as the HTML export. Right-to-left
// entries' paragraphs are marked bidi (w:bidi) and their runs rtl; highlights are shaded in their
// code's colour and numbered. The one format that is not streamed: the docx package holds the
// document's model until it packs it, so a very large export warns (Markdown or HTML stream).
import { HeadingLevel, Document, Packer, Paragraph, ShadingType, TextRun, type ParagraphChild } from 'docx';
import { citationOf, citationText } from './citation.ts';
import type { ExportCode, ExportEntry, Exporter } from './export-model.ts';
import { entryMeta, entryTitle, exportColophon, exportHeading, highlightColor, sourceLines } from './export-render.ts';
import { pieceLines, segmentText, withContext } from './passage-segments.ts';

const LARGE = 20_000;

export const exportDocx: Exporter = async (job) => {
  const { options } = job;
  const children: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(exportHeading(options))] }),
    new Paragraph({ children: [new TextRun({ text: exportColophon(options), italics: true, color: '5F5F64', size: 18 })] }),
  ];
  if (job.codes.length > 0) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Codebook')] }));
    codebook(job.codes, null, 0, children);
  }
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Entries')] }));
  let number = 0;
  for await (const page of job.pages()) {
    for (const entry of page) {
      number++;
      entryParagraphs(entry, number, options.highlightsOnly ? options.context : null, children);
    }
  }
  if (number > LARGE) job.warn(`Word documents are built in memory: ${number.toLocaleString('en')} entries make a very large one. Markdown or HTML stream instead.`);
  const doc = new Document({
    creator: `Quire ${options.appVersion}`,
    title: options.title,
    description: exportColophon(options),
    sections: [{ children }],
  });
  await job.sink.write(new Uint8Array(await Packer.toBuffer(doc)));
};

function codebook(codes: ExportCode[], parentId: number | null, depth: number, out: Paragraph[]): void {
  for (const c of codes.filter((x) => x.parentId === parentId)) {
    out.push(
      new Paragraph({
        indent: { left: 360 * depth },
        children: [
          new TextRun({ text: '■ ', color: hex(c.color) }),
          new TextRun({ text: c.name, bold: true }),
          ...(c.description ? [new TextRun({ text: ` — ${c.description}`, color: '5F5F64' })] : []),
        ],
      }),
    );
    codebook(codes, c.id, depth + 1, out);
  }
}

function entryParagraphs(entry: ExportEntry, number: number, context: number | null, out: Paragraph[]): void {
  const rtl = entry.direction === 'rtl';
  const para = (children: ParagraphChild[], extra: Partial<ConstructorParameters<typeof Paragraph>[0] & object> = {}) =>
    new Paragraph({ bidirectional: rtl, children, ...extra });
  const run = (text: string, opts: ConstructorParameters<typeof TextRun>[0] & object = {}) => new TextRun({ text, rightToLeft: rtl, ...opts });
  out.push(para([run(`${number}. ${entryTitle(entry)}`)], { heading: HeadingLevel.HEADING_2 }));
  out.push(para([run(entryMeta(entry), { color: '5F5F64' }), ...(entry.url ? [new TextRun({ text: ` · ${entry.url}`, color: '5F5F64' })] : [])]));
  for (const s of sourceLines(entry)) out.push(new Paragraph({ children: [new TextRun({ text: `Source: ${s}`, color: '5F5F64', size: 18 })] }));
  if (entry.tags.length > 0) out.push(para([run(`Tags: ${entry.tags.join(', ')}`, { color: '5F5F64', size: 18 })]));
  for (const n of entry.notes) out.push(para([run(`Note: ${n.text}`, { italics: true })]));
  const hs = entry.highlights;
  if (context === null) {
    for (const line of pieceLines(segmentText(entry.text, hs))) {
      const runs: TextRun[] = [];
      for (const p of line) {
        if (p.text !== '') {
          const cover = p.covering.length > 0 ? hs[p.covering[p.covering.length - 1]!]! : null;
          runs.push(run(p.text, cover ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: hex(highlightColor(cover)) }, ...(p.covering.length > 1 ? { underline: { color: hex(highlightColor(hs[p.covering[0]!]!)) } } : {}) } : {}));
        }
        for (const i of p.endingHere) runs.push(run(`[${i + 1}]`, { superScript: true, color: '2F6F5E' }));
      }
      out.push(para(runs));
    }
  }
  hs.forEach((h, i) => {
    const ctx = withContext(entry.text, h, context ?? 0);
    const shade = { type: ShadingType.CLEAR, color: 'auto', fill: hex(highlightColor(h)) };
    out.push(
      para(
        [
          run(`[${i + 1}] `, { bold: true }),
          ...(ctx.before ? [run(`…${ctx.before}`, { color: '7B7B81' })] : []),
          run(ctx.passage, { shading: shade }),
          ...(ctx.after ? [run(`${ctx.after}…`, { color: '7B7B81' })] : []),
        ],
        { indent: { left: 360 } },
      ),
    );
    if (h.codes.length > 0) out.push(para([run(`Codes: ${h.codes.map((c) => c.path).join(', ')}`, { size: 18 })], { indent: { left: 360 } }));
    if (h.note) out.push(para([run(`Note: ${h.note}`, { italics: true, size: 18 })], { indent: { left: 360 } }));
    out.push(new Paragraph({ indent: { left: 360 }, children: [new TextRun({ text: citationText(citationOf(entry, h.start, h.end)), color: '5F5F64', size: 16 })] }));
  });
}

function hex(color: string): string {
  const m = /^#?([0-9a-fA-F]{6})$/.exec(color.trim());
  return m ? m[1]!.toUpperCase() : 'F2C94C';
}
