// .eml and mbox: one entry per message (subject, sender, date, decoded body).
import type { EntryDraft } from '../types.ts';
import type { FormatResult } from './format-result.ts';
import { decodeHeader, parsePart, readBody, senderName } from './mime-message.ts';
import { normalizeDate } from './normalize-date.ts';

interface MailDocument extends FormatResult {
  charset: string | null;
}

function render(messages: string[], format: 'eml' | 'mbox'): MailDocument {
  const parts: string[] = [];
  const entries: EntryDraft[] = [];
  const warnings: string[] = [];
  let charset: string | null = null;
  let at = 0;
  messages.forEach((raw, i) => {
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
    entries.push({ title: subject, body: text || subject, date, dateSource: date ? 'header' : null, author, start: at, end: at + rendered.length });
    parts.push(rendered);
    at += rendered.length;
  });
  return { format, text: parts.join('\n\n'), header: null, entries, warnings, charset };
}

/** `raw` holds the file's bytes one char per byte (latin1), since each part declares its own charset. */
export function importEml(raw: string): MailDocument {
  return render([raw], 'eml');
}

/** Splits an mbox on its "From " lines and undoes the ">From " escaping of message bodies. */
export function importMbox(raw: string): MailDocument {
  const messages: string[] = [];
  let current: string[] | null = null;
  let previousBlank = true;
  for (const line of raw.split(/\r?\n/u)) {
    if (line.startsWith('From ') && previousBlank) {
      if (current) messages.push(current.join('\n'));
      current = [];
      previousBlank = false;
      continue;
    }
    previousBlank = line === '';
    current?.push(/^>+From /u.test(line) ? line.slice(1) : line);
  }
  if (current) messages.push(current.join('\n'));
  return render(messages, 'mbox');
}
