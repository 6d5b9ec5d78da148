// PDF: the text of every page in reading order, one entry for the document, page start offsets
// kept. pdfjs runs in this thread (its worker module is loaded in-process), so it bundles cleanly.
import { ImportRejection } from '../types.ts';
import type { FormatResult } from './format-result.ts';
import { normalizeDate } from './normalize-date.ts';
import { EXTRACTORS } from './extractors.ts';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let loaded: Promise<PdfJs> | null = null;

function pdfjs(): Promise<PdfJs> {
  loaded ??= (async () => {
    // Loading warns that it cannot polyfill canvas types for rendering; Quire only reads text (the
    // canvas package is stubbed), and the CLI's output must stay clean.
    const log = console.warn;
    console.warn = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].startsWith('Warning: Cannot polyfill')) return;
      log(...args);
    };
    try {
      // @ts-expect-error The worker module ships without type declarations; only its presence matters.
      const worker: unknown = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
      return await import('pdfjs-dist/legacy/build/pdf.mjs');
    } finally {
      console.warn = log;
    }
  })();
  return loaded;
}

interface TextItem {
  str: string;
  transform: number[];
  height: number;
  hasEOL?: boolean;
}

/** One page's text items as lines and paragraphs, in the order the page draws them. */
function pageText(items: TextItem[]): string {
  let out = '';
  let lastY: number | null = null;
  let lastHeight = 0;
  for (const item of items) {
    const y = item.transform[5] ?? 0;
    const height = item.height || Math.abs(item.transform[3] ?? 0) || 10;
    if (lastY !== null && Math.abs(y - lastY) > Math.max(lastHeight, height) * 0.5 && !out.endsWith('\n')) {
      out += Math.abs(y - lastY) > Math.max(lastHeight, height) * 1.8 ? '\n\n' : '\n';
    } else if (lastY !== null && Math.abs(y - lastY) > Math.max(lastHeight, height) * 1.8 && out.endsWith('\n') && !out.endsWith('\n\n')) {
      out += '\n';
    }
    out += item.str;
    if (item.hasEOL) out += '\n';
    if (item.str.trim() || item.hasEOL) {
      lastY = y;
      lastHeight = height;
    }
  }
  return out
    .split('\n')
    .map((l) => l.replace(/[ \t]+/gu, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
}

function infoString(info: unknown, key: string): string | null {
  if (!info || typeof info !== 'object') return null;
  const v = (info as Record<string, unknown>)[key];
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}

export async function importPdf(bytes: Uint8Array): Promise<FormatResult & { pages: number[] }> {
  const lib = await pdfjs();
  const task = lib.getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false, verbosity: 0, stopAtErrors: false });
  let doc;
  try {
    doc = await task.promise;
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException') throw new ImportRejection('This PDF is password-protected (encrypted); Quire cannot read it. Remove the password and import it again.');
    throw new ImportRejection('This PDF is damaged or incomplete: Quire could not open it.');
  }
  try {
    const pages: string[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      pages.push(pageText(content.items.filter((i) => 'str' in i) as TextItem[]).normalize('NFC'));
      page.cleanup();
    }
    const meta = await doc.getMetadata().catch(() => null);
    const starts: number[] = [];
    let text = '';
    for (const page of pages) {
      if (starts.length > 0) text += '\n\n';
      starts.push(text.length);
      text += page;
    }
    if (!text.trim()) throw new ImportRejection('This PDF has no text layer (it is probably scanned images); Quire does not read text from images.');
    const info = meta?.info;
    const firstLine = text.trim().split('\n')[0] ?? '';
    const created = infoString(info, 'CreationDate');
    const date = created ? normalizeDate(created.replace(/^D:/u, '').slice(0, 8)) : null;
    const start = text.search(/\S/u);
    return {
      format: 'pdf',
      text,
      header: null,
      entries: [
        {
          title: infoString(info, 'Title') ?? firstLine.slice(0, 200),
          body: text.trim(),
          author: infoString(info, 'Author'),
          date,
          dateSource: date ? 'pdf-info' : null,
          start,
          end: text.trimEnd().length,
          bodyStart: start,
          bodyEnd: text.trimEnd().length,
          // The document is one entry: every page with text is where it came from.
          locator: { kind: 'pdf', extractor: EXTRACTORS.pdf, pages: pages.flatMap((p, i) => (p.trim() ? [i + 1] : [])) },
        },
      ],
      warnings: [],
      pages: starts,
    };
  } finally {
    await task.destroy();
  }
}
