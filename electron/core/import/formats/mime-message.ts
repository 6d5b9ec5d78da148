// Reads one RFC 822 / MIME message. postal-mime does the MIME work (quoted boundaries, RFC 2231
// parameters and continuations, transfer encodings, format=flowed, encoded words, addresses);
// this file chooses the readable body: in each multipart/alternative the text/plain parts, else
// the text/html ones turned into text by our own html-to-text (the one every other format uses),
// every other inline text part in order, attachments named but not read.
import PostalMime, { type Address, type Email } from 'postal-mime';
import { decodeDeclared } from '../decode/decode-text.ts';
import { ImportRejection } from '../types.ts';
import { htmlToText } from './html-to-text.ts';

export interface MailMessage {
  subject: string;
  /** The sender's display name, else the address. */
  author: string | null;
  /** The Date header as written (its calendar day is the sender's, which an ISO conversion to UTC would shift). */
  dateHeader: string | null;
  /** As the header writes it, angle brackets included. */
  messageId: string | null;
  text: string;
  /** The charset the first body part was read with. */
  charset: string | null;
  /** Each attachment's file name (or, unnamed, its type). */
  attachments: string[];
}

/**
 * The part of postal-mime's part tree (the parser's `root`) read here: the body choice needs
 * each part's type, charset and decoded bytes, which its result object does not keep. These
 * members are not in its typings, so the version is pinned (4.0.0) and `asNode` checks them:
 * a release that changes them fails the mail tests instead of importing empty bodies.
 */
interface PartNode {
  contentType: { parsed: { value: string; params: Record<string, string | undefined> }; multipart: string | false };
  contentDisposition: { parsed: { value: string } };
  content: ArrayBuffer | Uint8Array | null;
  childNodes: PartNode[];
  decodeFlowedText(text: string, delSp: boolean): string;
}

function asNode(value: unknown): PartNode {
  const node = value as Partial<PartNode> | null;
  if (!node || typeof node.contentType?.parsed?.value !== 'string' || !Array.isArray(node.childNodes) || typeof node.decodeFlowedText !== 'function' || typeof node.contentDisposition?.parsed?.value !== 'string') {
    throw new Error('postal-mime no longer exposes its part tree as Quire expects (see mime-message.ts)');
  }
  return node as PartNode;
}

/** The same rule postal-mime uses for the body: a text/plain or text/html part not marked as an attachment. */
function isInlineText(node: PartNode): boolean {
  const type = node.contentType.parsed.value;
  return !node.contentType.multipart && node.contentDisposition.parsed.value !== 'attachment' && (type === 'text/plain' || type === 'text/html');
}

function inlineTextLeaves(node: PartNode, out: PartNode[] = []): PartNode[] {
  if (isInlineText(node)) out.push(node);
  for (const child of node.childNodes) inlineTextLeaves(asNode(child), out);
  return out;
}

/** The parts the body is read from, in order: one representation of each alternative. */
function bodyParts(node: PartNode, out: PartNode[] = []): PartNode[] {
  if (node.contentType.multipart === 'alternative') {
    const leaves = inlineTextLeaves(node);
    const plain = leaves.filter((l) => l.contentType.parsed.value === 'text/plain');
    out.push(...(plain.length > 0 ? plain : leaves));
  } else if (node.contentType.multipart) {
    for (const child of node.childNodes) bodyParts(asNode(child), out);
  } else if (isInlineText(node)) out.push(node);
  return out;
}

function readPart(node: PartNode): { text: string; charset: string } {
  const { value: type, params } = node.contentType.parsed;
  const bytes = node.content ? new Uint8Array(node.content) : new Uint8Array(0);
  // Our decoder, not postal-mime's: an undeclared or wrongly declared charset is detected from the bytes.
  const decoded = decodeDeclared(bytes, params.charset);
  let text = decoded.text;
  if (/^flowed$/iu.test(params.format ?? '')) text = node.decodeFlowedText(text, /^yes$/iu.test(params.delsp ?? ''));
  text = type === 'text/html' ? htmlToText(text) : text.replace(/[ \t]+$/gmu, '').trim();
  return { text, charset: decoded.encoding };
}

function headerValue(email: Email, key: string): string | null {
  return email.headers.find((h) => h.key === key)?.value.trim() || null;
}

function authorOf(from: Address | undefined): string | null {
  if (!from) return null;
  const name = from.name.replace(/\s+/gu, ' ').trim();
  return name || from.address?.trim() || null;
}

/**
 * postal-mime reads raw 8-bit header bytes as UTF-8, but old mailers wrote them in their own code
 * page ("Subject: Caf\xe9"). A header block that is not valid UTF-8 is re-encoded as UTF-8, its
 * code page detected as for any text; the body bytes are left as they are.
 */
function utf8Headers(bytes: Uint8Array): Uint8Array {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const blank = [buf.indexOf('\n\n'), buf.indexOf('\n\r\n')].filter((i) => i >= 0);
  const end = blank.length > 0 ? Math.min(...blank) + 1 : buf.length;
  const head = buf.subarray(0, end);
  if (!head.some((b) => b >= 0x80)) return bytes;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head);
    return bytes;
  } catch {
    return Buffer.concat([Buffer.from(decodeDeclared(head, null).text, 'utf8'), buf.subarray(end)]);
  }
}

/** `bytes`: one message, headers and body. `index` names it in a refusal. */
export async function readMessage(bytes: Uint8Array, index: number): Promise<MailMessage> {
  const parser = new PostalMime({ forceRfc822Attachments: true });
  let email: Email;
  try {
    email = await parser.parse(utf8Headers(bytes));
  } catch (error) {
    // All or nothing: one message that cannot be read refuses the file, not just itself.
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImportRejection(`Message ${index} is not a MIME message Quire can read (${reason}), so nothing from this file was imported. Remove or repair that message and import the file again.`);
  }
  const parts = bodyParts(asNode((parser as unknown as { root: unknown }).root)).map(readPart).filter((p) => p.text.length > 0);
  // Inline images of an HTML part (`related`) are its presentation, not attachments the sender chose.
  const attachments = email.attachments.filter((a) => !a.related).map((a) => a.filename?.trim() || (a.mimeType === 'message/rfc822' ? 'a forwarded message' : `unnamed ${a.mimeType}`));
  return {
    subject: (email.subject ?? '').replace(/\s+/gu, ' ').trim().normalize('NFC'),
    author: authorOf(email.from)?.normalize('NFC') ?? null,
    dateHeader: headerValue(email, 'date'),
    messageId: headerValue(email, 'message-id'),
    text: parts.map((p) => p.text).join('\n\n'),
    charset: parts[0]?.charset ?? null,
    attachments,
  };
}

/** True when the text starts with an RFC 822 header block naming a sender and a subject or date. */
export function looksLikeMessage(text: string): boolean {
  const split = /\r?\n\r?\n/u.exec(text.slice(0, 16384));
  if (!split) return false;
  const head = text.slice(0, split.index).replace(/\r?\n[ \t]+/gu, ' ').split(/\r?\n/u);
  if (!head.every((l) => /^[!-9;-~]+:/u.test(l))) return false;
  const names = new Set(head.map((l) => l.slice(0, l.indexOf(':')).toLowerCase()));
  return names.has('from') && (names.has('subject') || names.has('date') || names.has('message-id'));
}
