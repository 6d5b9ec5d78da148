// Word (.docx): the same content as the HTML export. The `docx` package makes the document's
// frame (styles, numbering, settings, properties, the title, colophon and codebook legend); the
// entries are then streamed into word/document.xml where the frame holds a marker paragraph, as
// WordprocessingML paragraphs and runs written here, so a 50,000-entry export never holds the
// whole document (the docx package keeps every paragraph object until it packs). Right-to-left
// entries' paragraphs are marked bidi (w:bidi) and their runs rtl; highlights are shaded in their
// code's colour and numbered.
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { citationOf, citationText } from './citation.ts';
import type { ExportCode, ExportEntry, Exporter } from './export-model.ts';
import { entryMeta, entryTitle, exportColophon, exportHeading, highlightColor, sourceLines } from './export-render.ts';
import { ZipWriter } from './export-sink.ts';
import { pieceLines, segmentText, withContext } from './passage-segments.ts';
import { xmlText } from './xml-text.ts';

const MARK = 'QUIRE-ENTRIES-GO-HERE';

export const exportDocx: Exporter = async (job) => {
  const { options } = job;
  const frame: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(exportHeading(options))] }),
    new Paragraph({ children: [new TextRun({ text: exportColophon(options), italics: true, color: '5F5F64', size: 18 })] }),
  ];
  if (job.codes.length > 0) {
    frame.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Codebook')] }));
    codebook(job.codes, null, 0, frame);
  }
  frame.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Entries')] }));
  // Heading 2 is used by the entries: a paragraph in that style makes the frame carry it.
  frame.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(MARK)] }));
  const doc = new Document({ creator: `Quire ${options.appVersion}`, title: options.title, description: exportColophon(options), sections: [{ children: frame }] });
  const parts = unzipSync(new Uint8Array(await Packer.toBuffer(doc)));
  const documentXml = strFromU8(parts['word/document.xml']!);
  const mark = documentXml.indexOf(MARK);
  const start = documentXml.lastIndexOf('<w:p>', mark);
  const end = documentXml.indexOf('</w:p>', mark) + '</w:p>'.length;
  if (mark < 0 || start < 0) throw new Error('The Word frame has no place for the entries.');

  const zip = new ZipWriter(job.sink);
  for (const [name, data] of Object.entries(parts)) if (name !== 'word/document.xml') await zip.add(name, data);
  const body = zip.stream('word/document.xml');
  await body.push(documentXml.slice(0, start));
  let number = 0;
  for await (const page of job.pages()) {
    for (const entry of page) {
      number++;
      await body.push(entryXml(entry, number, options.highlightsOnly ? options.context : null));
    }
  }
  await body.push(documentXml.slice(end));
  await body.end();
  await zip.end();
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

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  color?: string;
  /** Half-points. */
  size?: number;
  underline?: string;
  shade?: string;
  superscript?: boolean;
  rtl?: boolean;
}

/** A run: properties in the order WordprocessingML's schema lists them. */
function run(text: string, s: RunStyle = {}): string {
  const props = [
    s.bold ? '<w:b/><w:bCs/>' : '',
    s.italics ? '<w:i/><w:iCs/>' : '',
    s.color ? `<w:color w:val="${s.color}"/>` : '',
    s.size ? `<w:sz w:val="${s.size}"/><w:szCs w:val="${s.size}"/>` : '',
    s.underline ? `<w:u w:val="single" w:color="${s.underline}"/>` : '',
    s.shade ? `<w:shd w:val="clear" w:color="auto" w:fill="${s.shade}"/>` : '',
    s.superscript ? '<w:vertAlign w:val="superscript"/>' : '',
    s.rtl ? '<w:rtl/>' : '',
  ].join('');
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${xmlText(text)}</w:t></w:r>`;
}

function para(runs: string[], p: { style?: string; bidi?: boolean; indent?: number } = {}): string {
  const props = `${p.style ? `<w:pStyle w:val="${p.style}"/>` : ''}${p.bidi ? '<w:bidi/>' : ''}${p.indent ? `<w:ind w:left="${p.indent}"/>` : ''}`;
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}${runs.join('')}</w:p>`;
}

function entryXml(entry: ExportEntry, number: number, context: number | null): string {
  const rtl = entry.direction === 'rtl';
  const r = (text: string, s: RunStyle = {}) => run(text, { rtl, ...s });
  const out: string[] = [para([r(`${number}. ${entryTitle(entry)}`)], { style: 'Heading2', bidi: rtl })];
  out.push(para([r(entryMeta(entry), { color: '5F5F64' }), ...(entry.url ? [run(` · ${entry.url}`, { color: '5F5F64' })] : [])], { bidi: rtl }));
  for (const s of sourceLines(entry)) out.push(para([run(`Source: ${s}`, { color: '5F5F64', size: 18 })]));
  if (entry.tags.length > 0) out.push(para([r(`Tags: ${entry.tags.join(', ')}`, { color: '5F5F64', size: 18 })], { bidi: rtl }));
  for (const n of entry.notes) out.push(para([r(`Note: ${n.text}`, { italics: true })], { bidi: rtl }));
  const hs = entry.highlights;
  if (context === null) {
    for (const line of pieceLines(segmentText(entry.text, hs))) {
      const runs: string[] = [];
      for (const p of line) {
        if (p.text !== '') {
          const cover = p.covering.length > 0 ? hs[p.covering[p.covering.length - 1]!]! : null;
          const outer = p.covering.length > 1 ? hs[p.covering[0]!]! : null;
          runs.push(r(p.text, cover ? { shade: hex(highlightColor(cover)), ...(outer ? { underline: hex(highlightColor(outer)) } : {}) } : {}));
        }
        for (const i of p.endingHere) runs.push(r(`[${i + 1}]`, { superscript: true, color: '2F6F5E' }));
      }
      out.push(para(runs, { bidi: rtl }));
    }
  }
  hs.forEach((h, i) => {
    const ctx = withContext(entry.text, h, context ?? 0);
    out.push(
      para(
        [
          r(`[${i + 1}] `, { bold: true }),
          ...(ctx.before ? [r(`…${ctx.before}`, { color: '7B7B81' })] : []),
          r(ctx.passage, { shade: hex(highlightColor(h)) }),
          ...(ctx.after ? [r(`${ctx.after}…`, { color: '7B7B81' })] : []),
        ],
        { bidi: rtl, indent: 360 },
      ),
    );
    if (h.codes.length > 0) out.push(para([r(`Codes: ${h.codes.map((c) => c.path).join(', ')}`, { size: 18 })], { bidi: rtl, indent: 360 }));
    if (h.note) out.push(para([r(`Note: ${h.note}`, { italics: true, size: 18 })], { bidi: rtl, indent: 360 }));
    out.push(para([run(citationText(citationOf(entry, h.start, h.end)), { color: '5F5F64', size: 16 })], { indent: 360 }));
  });
  return out.join('');
}

function hex(color: string): string {
  const m = /^#?([0-9a-fA-F]{6})$/.exec(color.trim());
  return m ? m[1]!.toUpperCase() : 'F2C94C';
}
