// .eml and mbox: one entry per message (subject, sender, date, decoded body).
import type { EntryDraft } from '../types.ts';
import type { FormatResult } from './format-result.ts';
import { decodeHeader, parsePart, readBody, senderName } from './mime-message.ts';
import { normalizeDate } from './normalize-date.ts';
import { EXTRACTORS } from './extractors.ts';

interface MailDocument extends FormatResult {
  charset: string | null;
}

/** One message's text and its byte range in the file (a From_ line included). */
interface RawMessage {
  raw: string;
  start: number;
  end: number;
}

function render(messages: RawMessage[], format: 'eml' | 'mbox'): MailDocument {
  const parts: string[] = [];
  const entries: EntryDraft[] = [];
  const warnings: string[] = [];
  let charset: string | null = null;
  let at = 0;
  messages.forEach(({ raw, start, end }, i) => {
    const part = parsePart(raw);
    const subject = decodeHeader(part.headers.get('subject') ?? '');
    const from = part.headers.get('from');
    const author = from ? senderName(from) : null;
    const date = normalizeDate(part.headers.get('date') ?? '');
    const body = readBody(part);
    if (!body || (!body.text && !subject)) {
      warnings.push(`Message ${i + 1}${subject ? ` ("${subject}")` : ''} has no readable text and was skipped.`);
      return;
    }
    charset ??= body.charset;
    const text = body.text.normalize('NFC').replace(/\r\n?/gu, '\n');
    const rendered = [subject, [author ? `From: ${author}` : '', date ? `Date: ${date}` : ''].filter(Boolean).join('\n'), text].filter(Boolean).join('\n\n');
    if (parts.length > 0) at += 2;
    const messageId = part.headers.get('message-id')?.trim() || null;
    const locator = { kind: 'mail', extractor: EXTRACTORS.mail, index: i + 1, messageId, byteStart: start, byteEnd: end } as const;
    // The rendered message ends with its text, or is its subject alone.
    const bodyStart = text ? at + rendered.length - text.length : at;
    const bodyEnd = bodyStart + (text || subject).length;
    entries.push({ title: subject, body: text || subject, date, dateSource: date ? 'header' : null, author, start: at, end: at + rendered.length, bodyStart, bodyEnd, locator });
    parts.push(rendered);
    at += rendered.length;
  });
  return { format, text: parts.join('\n\n'), header: null, entries, warnings, charset };
}

/** `raw` holds the file's bytes one char per byte (latin1), since each part declares its own charset. */
export function importEml(raw: string): MailDocument {
  return render([{ raw, start: 0, end: raw.length }], 'eml');
}

/** Splits an mbox on its "From " lines and undoes the ">From " escaping of message bodies. */
export function importMbox(raw: string): MailDocument {
  const messages: RawMessage[] = [];
  let current: { lines: string[]; start: number; end: number } | null = null;
  let previousBlank = true;
  const close = () => {
    // A message's range ends after its last non-blank line: the blank line before the next From_ line separates.
    if (current) messages.push({ raw: current.lines.join('\n'), start: current.start, end: current.end });
  };
  for (let at = 0; at <= raw.length; ) {
    const nl = raw.indexOf('\n', at);
    const next = nl < 0 ? raw.length + 1 : nl + 1;
    const line = raw.slice(at, nl < 0 ? raw.length : nl).replace(/\r$/u, '');
    if (line.startsWith('From ') && previousBlank) {
      close();
      current = { lines: [], start: at, end: at + line.length };
      previousBlank = false;
    } else {
      previousBlank = line === '';
      if (current) {
        current.lines.push(/^>+From /u.test(line) ? line.slice(1) : line);
        if (line !== '') current.end = Math.min(raw.length, next);
      }
    }
    if (nl < 0) break;
    at = next;
  }
  close();
  return render(messages, 'mbox');
}
