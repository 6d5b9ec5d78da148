// Which importer reads a text file: decided from the content first, the file name second.
import type { SourceFormat } from '../../../../shared/contract.ts';
import { looksLikeMessage } from './mime-message.ts';
import { sniffDelimiter } from './parse-csv.ts';

const MBOX_FROM = /^From \S+ +.*\d{4}/u;
const HTML_START = /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/iu;
const HTML_INSIDE = /<(?:html|head|body|title|meta|div|article|p)\b[^>]*>[\s\S]*<\/(?:html|body|div|article|p)>/iu;

function extension(name: string): string {
  const m = /\.([A-Za-z0-9]+)$/u.exec(name);
  return m ? m[1]!.toLowerCase() : '';
}

function jsonKind(text: string): 'json' | 'jsonl' | null {
  const t = text.trim();
  if (!/^[[{]/u.test(t)) return null;
  try {
    JSON.parse(t);
    return 'json';
  } catch {
    const lines = t.split('\n').filter((l) => l.trim());
    if (lines.length >= 2 && lines.slice(0, 20).every((l) => /^\s*[[{]/u.test(l))) {
      try {
        JSON.parse(lines[0]!);
        return 'jsonl';
      } catch {
        // fall through
      }
    }
    return /^\s*[[{]\s*"/u.test(t) ? 'json' : null;
  }
}

export function detectFormat(name: string, text: string): SourceFormat {
  const ext = extension(name);
  const head = text.replace(/^\s+/u, '').slice(0, 8192);
  if (/^WARC\/\d/u.test(head)) return 'warc';
  if (MBOX_FROM.test(head.split('\n', 1)[0] ?? '') && looksLikeMessage(head.slice(head.indexOf('\n') + 1))) return 'mbox';
  if (HTML_START.test(head)) return 'html';
  if (looksLikeMessage(head)) return ext === 'mbox' ? 'mbox' : 'eml';
  if (ext === 'jsonl' || ext === 'ndjson') return 'jsonl';
  if (ext === 'json') return jsonKind(text) ?? 'json';
  const json = jsonKind(text);
  if (json) return json;
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return 'html';
  if (ext === 'tsv' || ext === 'tab') return 'tsv';
  if (ext === 'csv') return 'csv';
  if (ext === 'md' || ext === 'markdown' || ext === 'mdown') return 'markdown';
  const delimiter = sniffDelimiter(text);
  if (delimiter === '\t') return 'tsv';
  if (delimiter === ',' || delimiter === ';') return 'csv';
  if (HTML_INSIDE.test(head) && (head.match(/<\/?[a-z][a-z0-9]*\b[^>]*>/giu)?.length ?? 0) >= 5) return 'html';
  if ((text.slice(0, 65536).match(/^#{1,6} \S/gmu)?.length ?? 0) >= 2) return 'markdown';
  return 'text';
}
