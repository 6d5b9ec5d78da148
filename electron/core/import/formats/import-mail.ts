// .eml and mbox: one entry per message (subject, sender, date, decoded body); the MIME parsing is
// postal-mime's (mime-message.ts), the mbox splitting and the byte ranges are ours.
import type { EntryDraft } from '../types.ts';
import type { FormatResult } from './format-result.ts';
import { readMessage } from './mime-message.ts';
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

/** A message's bytes: latin1 mail is one char per byte; UTF-16 mail arrives decoded, so it is handed on as UTF-8. */
function messageBytes(raw: string): Uint8Array {
  return Buffer.from(raw, /[^\x00-\xff]/u.test(raw) ? 'utf8' : 'latin1');
}

async function render(messages: RawMessage[], format: 'eml' | 'mbox'): Promise<MailDocument> {
  const parts: string[] = [];
  const entries: EntryDraft[] = [];
  const warnings: string[] = [];
  let charset: string | null = null;
  let at = 0;
  let attachmentCount = 0;
  let withAttachments = 0;
  // Every message is read before any entry is returned, so a refusal leaves nothing behind.
  for (const [i, { raw, start, end }] of messages.entries()) {
    const message = await readMessage(messageBytes(raw), i + 1);
    const { subject, author, messageId } = message;
    const date = normalizeDate(message.dateHeader ?? '');
    if (!message.text && !subject) {
      warnings.push(`Message ${i + 1} has no readable text and was skipped.`);
      continue;
    }
    if (message.attachments.length > 0) {
      attachmentCount += message.attachments.length;
      withAttachments++;
    }
    charset ??= message.charset;
    const text = message.text.normalize('NFC').replace(/\r\n?/gu, '\n');
    const meta = [author ? `From: ${author}` : '', date ? `Date: ${date}` : '', message.attachments.length > 0 ? `Attachments: ${message.attachments.join(', ')}` : ''];
    const rendered = [subject, meta.filter(Boolean).join('\n'), text].filter(Boolean).join('\n\n');
    if (parts.length > 0) at += 2;
    const locator = { kind: 'mail', extractor: EXTRACTORS.mail, index: i + 1, messageId, byteStart: start, byteEnd: end } as const;
    // The rendered message ends with its text, or is its subject alone.
    const bodyStart = text ? at + rendered.length - text.length : at;
    const bodyEnd = bodyStart + (text || subject).length;
    entries.push({ title: subject, body: text || subject, date, dateSource: date ? 'header' : null, author, start: at, end: at + rendered.length, bodyStart, bodyEnd, locator });
    parts.push(rendered);
    at += rendered.length;
  }
  if (attachmentCount > 0) {
    const some = attachmentCount === 1 ? '1 attachment' : `${attachmentCount} attachments`;
    const where = withAttachments === 1 ? '1 message' : `${withAttachments} messages`;
    warnings.push(`${some} in ${where} ${attachmentCount === 1 ? 'is' : 'are'} named under the message's sender and date but not imported: Quire reads the text of mail, not its attachments.`);
  }
  return { format, text: parts.join('\n\n'), header: null, entries, warnings, charset };
}

/** `raw` holds the file's bytes one char per byte (latin1), since each part declares its own charset. */
export function importEml(raw: string): Promise<MailDocument> {
  return render([{ raw, start: 0, end: raw.length }], 'eml');
}

/** Splits an mbox on its "From " lines and undoes the ">From " escaping of message bodies. */
export function importMbox(raw: string): Promise<MailDocument> {
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
