// Which importer reads a text file: decided from the content first, the file name second.
import type { SourceFormat } from '../../../../shared/contract.ts';
import { looksLikeMessage } from './mime-message.ts';
import { sniffDelimiter } from './parse-csv.ts';

const MBOX_FROM = /^From \S+ +.*\d{4}/u;
const HTML_START = /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/iu;
/** The first element after the prolog, comments and doctype: a feed's root, with its attributes. */
const XML_ROOT = /^(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>\s*)*<(?:[\w.-]+:)?(rss|feed|RDF)\b([^>]*)>/u;

/** RSS 2.0 (<rss>), Atom (<feed> in its namespace) or RSS 1.0 (<rdf:RDF> holding RSS 1.0 elements). */
function isFeed(head: string): boolean {
  const m = XML_ROOT.exec(head);
  if (!m) return false;
  if (m[1] === 'rss') return true;
  if (m[1] === 'feed') return /\bxmlns(?::[\w.-]+)?\s*=\s*["'](?:http:\/\/www\.w3\.org\/2005\/Atom|http:\/\/purl\.org\/atom\/ns#)["']/u.test(m[2]!);
  return /http:\/\/purl\.org\/rss\/1\.0\/|http:\/\/my\.netscape\.com\/rdf\/simple\/0\.9\//u.test(head);
}

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
  if (isFeed(head)) return 'feed';
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
  if (ext === 'rss' || ext === 'atom') return 'feed';
  const delimiter = sniffDelimiter(text);
  if (delimiter === '\t') return 'tsv';
  if (delimiter === ',' || delimiter === ';') return 'csv';
  if (HTML_INSIDE.test(head) && (head.match(/<\/?[a-z][a-z0-9]*\b[^>]*>/giu)?.length ?? 0) >= 5) return 'html';
  if ((text.slice(0, 65536).match(/^#{1,6} \S/gmu)?.length ?? 0) >= 2) return 'markdown';
  return 'text';
}
