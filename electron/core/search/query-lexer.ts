// Quire query language, step 1: characters → tokens, with the position of each for error messages.
import { QuireError } from '../../../shared/errors.ts';

export type Lexeme =
  | { kind: 'word'; text: string; pos: number; negated: boolean }
  | { kind: 'phrase'; text: string; pos: number; negated: boolean }
  | { kind: 'field'; name: string; pos: number; negated: boolean }
  | { kind: 'lparen'; pos: number; negated: boolean }
  | { kind: 'rparen'; pos: number }
  | { kind: 'comma'; pos: number }
  | { kind: 'near'; pos: number }
  | { kind: 'or'; pos: number }
  | { kind: 'and'; pos: number }
  | { kind: 'not'; pos: number };

export function invalidQuery(message: string): QuireError {
  return new QuireError('invalid-query', message);
}

const SPECIAL = new Set(['"', '(', ')', ',']);
const isSpace = (ch: string) => /\s/u.test(ch);

/** Position for messages, 1-based like a text editor's column. */
export const at = (pos: number) => `at character ${pos + 1}`;

export function lexQuery(input: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  // Curly quotes typed on phones and word processors count as quotes.
  const text = input.replace(/[\u201C\u201D\u201E\u00AB\u00BB]/g, '"');
  while (i < text.length) {
    const ch = text[i] as string;
    if (isSpace(ch)) {
      i++;
      continue;
    }
    const start = i;
    let negated = false;
    if (ch === '-' && i + 1 < text.length && !isSpace(text[i + 1] as string) && text[i + 1] !== ')') {
      negated = true;
      i++;
    }
    const c = text[i] as string;
    if (c === '"') {
      const close = text.indexOf('"', i + 1);
      if (close < 0) throw invalidQuery(`The quote opened ${at(i)} is never closed. Add the closing " or remove the quote.`);
      out.push({ kind: 'phrase', text: text.slice(i + 1, close), pos: start, negated });
      i = close + 1;
      continue;
    }
    if (c === '(') {
      out.push({ kind: 'lparen', pos: start, negated });
      i++;
      continue;
    }
    if (negated && (c === ')' || c === ',')) throw invalidQuery(`A "-" ${at(start)} must be followed by a word.`);
    if (c === ')') {
      out.push({ kind: 'rparen', pos: i });
      i++;
      continue;
    }
    if (c === ',') {
      out.push({ kind: 'comma', pos: i });
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && !isSpace(text[j] as string) && !SPECIAL.has(text[j] as string)) {
      // A field name ends at its colon: `title:"a b"` and `title:(a OR b)` work.
      if (text[j] === ':' && /^[A-Za-z]+$/.test(text.slice(i, j))) break;
      j++;
    }
    const word = text.slice(i, j);
    if (text[j] === ':' && /^[A-Za-z]+$/.test(word)) {
      out.push({ kind: 'field', name: word.toLowerCase(), pos: start, negated });
      i = j + 1;
      if (i >= text.length || isSpace(text[i] as string)) throw invalidQuery(`The field ${word}: ${at(start)} needs a value right after the colon, e.g. ${word}:value.`);
      continue;
    }
    i = j;
    if (!negated && word === 'OR') out.push({ kind: 'or', pos: start });
    else if (!negated && word === 'AND') out.push({ kind: 'and', pos: start });
    else if (!negated && word === 'NOT') out.push({ kind: 'not', pos: start });
    else if (word === 'NEAR' && text[i] === '(') {
      // `-NEAR(a b, 2)` leaves the pair out, as `NOT NEAR(a b, 2)` does.
      if (negated) out.push({ kind: 'not', pos: start });
      out.push({ kind: 'near', pos: start });
    }
    else out.push({ kind: 'word', text: word, pos: start, negated });
  }
  return out;
}
