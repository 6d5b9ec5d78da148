// Quire query language, step 2: tokens → syntax tree, by recursive descent.
//   query   := or EOF
//   or      := and (OR and)*
//   and     := unary ([AND] unary)*
//   unary   := NOT unary | -primary | primary
//   primary := word | word* | *word* | "phrase" | ( or ) | NEAR( terms [, N] ) | field:value
import { at, invalidQuery, lexQuery, type Lexeme } from './query-lexer.ts';
import { parseDateFilter } from './query-dates.ts';

export type TextColumn = 'title' | 'author' | 'outlet';
export type SqlField = 'source' | 'tag' | 'code' | 'collection' | 'has' | 'lang';

export type QueryNode =
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode; pos: number }
  | { kind: 'term'; text: string; prefix: boolean; substring: boolean; pos: number }
  | { kind: 'phrase'; text: string; pos: number }
  | { kind: 'near'; terms: string[]; distance: number; pos: number }
  | { kind: 'column'; column: TextColumn; child: QueryNode; pos: number }
  | { kind: 'filter'; field: SqlField; value: string; pos: number }
  | { kind: 'date'; from: string | null; toExclusive: string | null; label: string; pos: number };

const TEXT_COLUMNS: ReadonlySet<string> = new Set(['title', 'author', 'outlet']);
const SQL_FIELDS: ReadonlySet<string> = new Set(['source', 'tag', 'code', 'collection', 'has', 'lang']);
const DATE_FIELDS: ReadonlySet<string> = new Set(['date', 'before', 'after']);
export const FIELD_NAMES = 'title:, author:, outlet:, source:, tag:, code:, collection:, has:, lang:, date:, before:, after:';
/** What `has:` can ask for. */
export const HAS_VALUES = ['highlight', 'note', 'tag'] as const;

/** How deep parentheses may nest (a query is typed by a person; 5,000 levels overflowed the stack). */
export const MAX_NESTING = 100;

/** Parses a query; null for an empty one (browse everything). Throws QuireError('invalid-query'). */
export function parseQuery(input: string): QueryNode | null {
  const tokens = lexQuery(input);
  if (tokens.length === 0) return null;
  const p = new Parser(tokens);
  const node = p.or();
  const rest = p.peek();
  if (rest) {
    if (rest.kind === 'rparen') throw invalidQuery(`There is a ")" ${at(rest.pos)} without a matching "(".`);
    throw invalidQuery(`Unexpected ${describe(rest)} ${at(rest.pos)}.`);
  }
  return node;
}

function describe(t: Lexeme): string {
  switch (t.kind) {
    case 'word':
    case 'phrase':
      return `"${t.text}"`;
    case 'field':
      return `${t.name}:`;
    case 'lparen':
      return '"("';
    case 'rparen':
      return '")"';
    case 'comma':
      return '","';
    default:
      return t.kind.toUpperCase();
  }
}

class Parser {
  private i = 0;
  private readonly tokens: Lexeme[];
  constructor(tokens: Lexeme[]) {
    this.tokens = tokens;
  }

  peek(): Lexeme | undefined {
    return this.tokens[this.i];
  }
  private next(): Lexeme | undefined {
    return this.tokens[this.i++];
  }

  /** Nesting depth of parentheses; bounded so a hostile query cannot exhaust the stack. */
  private depth = 0;

  or(): QueryNode {
    if (this.depth >= MAX_NESTING) {
      throw invalidQuery(`The query nests parentheses more than ${MAX_NESTING} deep ${at(this.peek()?.pos ?? 0)}; Quire reads up to ${MAX_NESTING} levels.`);
    }
    this.depth++;
    try {
      return this.orInner();
    } finally {
      this.depth--;
    }
  }

  private orInner(): QueryNode {
    const first = this.peek();
    if (first?.kind === 'or') throw invalidQuery(`OR ${at(first.pos)} needs words on both sides, e.g. "cat OR dog".`);
    const children = [this.and()];
    while (this.peek()?.kind === 'or') {
      const op = this.next() as Lexeme;
      const after = this.peek();
      if (!after || after.kind === 'or' || after.kind === 'rparen') {
        throw invalidQuery(`OR ${at(op.pos)} needs words on both sides, e.g. "cat OR dog".`);
      }
      children.push(this.and());
    }
    return children.length === 1 ? (children[0] as QueryNode) : { kind: 'or', children };
  }

  private and(): QueryNode {
    const children: QueryNode[] = [];
    for (;;) {
      const t = this.peek();
      if (!t || t.kind === 'or' || t.kind === 'rparen') break;
      if (t.kind === 'and') {
        this.next();
        const after = this.peek();
        if (children.length === 0 || !after || after.kind === 'or' || after.kind === 'rparen' || after.kind === 'and') {
          throw invalidQuery(`AND ${at(t.pos)} needs words on both sides.`);
        }
        continue;
      }
      children.push(this.unary());
    }
    if (children.length === 0) {
      const t = this.peek();
      if (t?.kind === 'rparen') throw invalidQuery(`There is nothing to search for before ")" ${at(t.pos)}.`);
      throw invalidQuery('The query is empty where words were expected.');
    }
    return children.length === 1 ? (children[0] as QueryNode) : { kind: 'and', children };
  }

  private unary(): QueryNode {
    const t = this.peek() as Lexeme;
    if (t.kind === 'not') {
      this.next();
      const after = this.peek();
      if (!after || after.kind === 'or' || after.kind === 'rparen' || after.kind === 'and' || after.kind === 'not') {
        throw invalidQuery(`NOT ${at(t.pos)} must be followed by the word or phrase to leave out, e.g. "cat NOT dog".`);
      }
      return { kind: 'not', child: this.unary(), pos: t.pos };
    }
    const node = this.primary();
    return 'negated' in t && t.negated ? { kind: 'not', child: node, pos: t.pos } : node;
  }

  private primary(): QueryNode {
    const t = this.next() as Lexeme;
    switch (t.kind) {
      case 'word':
        return wordNode(t.text, t.pos);
      case 'phrase':
        if (t.text.trim() === '') throw invalidQuery(`The quotes ${at(t.pos)} are empty; put words between them.`);
        return { kind: 'phrase', text: t.text, pos: t.pos };
      case 'lparen': {
        const inner = this.or();
        const close = this.next();
        if (!close || close.kind !== 'rparen') throw invalidQuery(`The "(" ${at(t.pos)} is never closed. Add a ")".`);
        return inner;
      }
      case 'near':
        return this.near(t.pos);
      case 'field':
        return this.field(t.name, t.pos);
      case 'comma':
        throw invalidQuery(`A comma ${at(t.pos)} only belongs inside NEAR(a b, 10).`);
      default:
        throw invalidQuery(`Unexpected ${describe(t)} ${at(t.pos)}.`);
    }
  }

  private near(pos: number): QueryNode {
    const open = this.next();
    if (!open || open.kind !== 'lparen') throw invalidQuery(`NEAR ${at(pos)} must be followed by "(", e.g. NEAR(word1 word2, 10).`);
    const terms: string[] = [];
    let distance = 10;
    for (;;) {
      const t = this.next();
      if (!t) throw invalidQuery(`NEAR( ${at(pos)} is never closed. Add a ")".`);
      if (t.kind === 'rparen') break;
      if (t.kind === 'word' || t.kind === 'phrase') {
        if (t.negated) throw invalidQuery(`NEAR ${at(pos)} cannot leave words out; use NOT outside it.`);
        terms.push(t.text);
        continue;
      }
      if (t.kind === 'comma') {
        const n = this.next();
        const close = this.next();
        if (!n || n.kind !== 'word' || !/^\d{1,4}$/.test(n.text) || !close || close.kind !== 'rparen') {
          throw invalidQuery(`NEAR ${at(pos)}: after the comma give a distance in words and close it, e.g. NEAR(word1 word2, 10).`);
        }
        distance = Number(n.text);
        break;
      }
      throw invalidQuery(`NEAR ${at(pos)} takes only words and phrases, e.g. NEAR(word1 word2, 10).`);
    }
    if (terms.length < 2) throw invalidQuery(`NEAR ${at(pos)} needs at least two words, e.g. NEAR(word1 word2, 10).`);
    return { kind: 'near', terms, distance, pos };
  }

  private field(name: string, pos: number): QueryNode {
    const value = this.peek();
    if (TEXT_COLUMNS.has(name)) {
      if (!value || (value.kind !== 'word' && value.kind !== 'phrase' && value.kind !== 'lparen' && value.kind !== 'near')) {
        throw invalidQuery(`The field ${name}: ${at(pos)} needs a word, "phrase" or (group) after it.`);
      }
      if ('negated' in value && value.negated) throw invalidQuery(`Put the "-" before the field: -${name}:value ${at(pos)}.`);
      const child = this.primary();
      return { kind: 'column', column: name as TextColumn, child, pos };
    }
    if (!value || (value.kind !== 'word' && value.kind !== 'phrase') || value.negated) {
      throw invalidQuery(`The field ${name}: ${at(pos)} needs a value right after the colon, e.g. ${name}:value.`);
    }
    this.next();
    if (SQL_FIELDS.has(name)) {
      if (value.text.trim() === '') throw invalidQuery(`The field ${name}: ${at(pos)} has an empty value.`);
      if (name === 'has' && !(HAS_VALUES as readonly string[]).includes(value.text.trim().toLowerCase())) {
        throw invalidQuery(`has: ${at(pos)} takes ${HAS_VALUES.map((v) => `has:${v}`).join(', ')}.`);
      }
      return { kind: 'filter', field: name as SqlField, value: value.text.trim(), pos };
    }
    if (DATE_FIELDS.has(name)) {
      const range = parseDateFilter(name as 'date' | 'before' | 'after', value.text.trim(), pos);
      return { kind: 'date', ...range, label: `${name}:${value.text.trim()}`, pos };
    }
    throw invalidQuery(`Unknown field "${name}:" ${at(pos)}. Quire knows ${FIELD_NAMES}; put the text in quotes to search for it as words.`);
  }
}

function wordNode(raw: string, pos: number): QueryNode {
  const substring = raw.startsWith('*');
  const prefix = raw.endsWith('*') && raw.length > 1;
  const text = raw.replace(/^\*+|\*+$/g, '');
  if (text === '') throw invalidQuery(`A "*" ${at(pos)} must follow the beginning of a word, e.g. polit* (or surround a part of a word: *olit*).`);
  if (text.includes('*')) throw invalidQuery(`A "*" ${at(pos)} may only start or end a word, e.g. polit* or *olit*.`);
  return { kind: 'term', text, prefix: prefix && !substring, substring, pos };
}
