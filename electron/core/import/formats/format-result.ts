// What a format importer returns; parseDocument adds the encoding it decoded the bytes with.
import type { ParsedDocument } from '../types.ts';

export type FormatResult = Omit<ParsedDocument, 'encoding' | 'encodingConfidence'>;

/** Joins rendered pieces into one text, each piece's entry spans shifted to where it lands. */
export class TextBuilder {
  private readonly parts: string[] = [];
  private length = 0;

  /** Appends a piece (separated from the previous one by a blank line); returns its start offset. */
  add(piece: string): number {
    if (this.parts.length > 0) {
      this.parts.push('\n\n');
      this.length += 2;
    }
    const start = this.length;
    this.parts.push(piece);
    this.length += piece.length;
    return start;
  }

  toString(): string {
    return this.parts.join('');
  }
}
