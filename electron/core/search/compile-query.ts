// Quire query language, step 3: syntax tree → one FTS5 MATCH expression (every user term folded
// and quoted, so nothing the user types is ever FTS5 syntax) + SQL conditions with bound values.
import { queryTokens } from './fold-text.ts';
import { at, invalidQuery } from './query-lexer.ts';
import type { QueryNode } from './query-parser.ts';
import type { CodeResolver } from './code-ids.ts';
import type { SqlFilter } from './sql-filters.ts';
import { filterSql } from './sql-filters.ts';

/** Word-level alternatives the compiler may ask for (alias groups, transliteration, substrings). */
export interface Expansions {
  /** Alias variants for a folded token sequence (joined by spaces), or null. */
  alias(key: string): { group: string; variants: string[] } | null;
  /** Indexed words sharing a romanisation skeleton with this folded word, or null when off. */
  transliterate(token: string): string[] | null;
  /** Indexed words containing this folded piece. */
  substring(piece: string): { terms: string[]; truncated: boolean };
  /** The longest alias variant, in tokens, to bound the multi-word lookup. */
  longestAlias: number;
  /**
   * Every indexed word starting with this folded piece when they are known and not too many (at
   * most the prefixWords threshold, search-thresholds.ts), else null: FTS5 without a prefix index merges the posting lists of
   * all such words before it returns a row (70 ms for a prefix of 143 words at a million
   * entries), an OR of the words reads only the newest postings (13 ms).
   */
  prefixWords?(piece: string): string[] | null;
  /** Indexed forms of an Arabic-script folded word (the article, proclitics, suffixes: arabic-stem.ts), the word itself not included. */
  arabicForms?(token: string): string[];
  /** The ids a code: filter stands for, resolved once per plan and bound (without it, the SQL finds them itself). */
  codes?: CodeResolver;
}

/** What snippets highlight: a token sequence, the last one possibly a prefix. */
export interface HighlightTerm {
  tokens: string[];
  prefix: boolean;
  /** Set when the term came from an alias group or transliteration: reported as matchedVariants. */
  variant?: string;
}

export interface CompiledQuery {
  /** FTS5 expression every hit must match, or null (browse). */
  match: string | null;
  /** FTS5 expression no hit may match (a query of only NOT terms). */
  exclude: string | null;
  /** True when some part can match nothing (e.g. a substring no indexed word contains). */
  never: boolean;
  filters: SqlFilter[];
  highlights: HighlightTerm[];
  notes: string[];
  /** The folded word when the query is one plain word and nothing else: its count comes from the vocabulary. */
  singleTerm: string | null;
  /** Arabic-script words as typed, when they also match other forms: entries with them rank ahead (an FTS5 OR), else null. */
  preferred: string | null;
  /**
   * `match` as a tree of words and phrases under AND, OR, NOT, NEAR and columns, grouped as its
   * text is (what text-check.ts reads an AND of phrases from, and the postings of its words are
   * read from), or null when it holds FTS5's own prefixes or date words.
   */
  tree: MatchTree | null;
  /** `tree` when it holds single words only (what top-k.ts ranks without FTS5), else null. */
  words: WordTree | null;
}

/** An FTS5 expression of words and phrases: a parenthesised group is a node of its own, words keep their order (and repeats). */
export type MatchTree =
  | { kind: 'word'; term: string }
  | { kind: 'phrase'; terms: string[] }
  | { kind: 'and' | 'or' | 'not'; children: MatchTree[] }
  /** `NEAR("a b" "c", 10)`: its phrases, each one or more words. */
  | { kind: 'near'; phrases: string[][] }
  /** `{title} : (child)`. */
  | { kind: 'column'; child: MatchTree };
/** A MatchTree of single words (a phrase of several words is no single word; a column or NEAR scores otherwise). */
export type WordTree = { kind: 'word'; term: string } | { kind: 'and' | 'or' | 'not'; children: WordTree[] };

const onlyWords = (t: MatchTree): t is WordTree => t.kind === 'word' || ((t.kind === 'and' || t.kind === 'or' || t.kind === 'not') && t.children.every(onlyWords));

/** Every word of the tree, in the order (and with the repeats) of its FTS5 text. */
export function treeWords(t: MatchTree): string[] {
  switch (t.kind) {
    case 'word':
      return [t.term];
    case 'phrase':
      return t.terms;
    case 'near':
      return t.phrases.flat();
    case 'column':
      return treeWords(t.child);
    default:
      return t.children.flatMap(treeWords);
  }
}

/** How many phrases (quoted words or runs of words) FTS5 sets up for the tree. */
export function treePhrases(t: MatchTree): number {
  switch (t.kind) {
    case 'word':
    case 'phrase':
      return 1;
    case 'near':
      return t.phrases.length;
    case 'column':
      return treePhrases(t.child);
    default:
      return t.children.reduce((n, c) => n + treePhrases(c), 0);
  }
}

const NEVER = Symbol('never');
/** A compiled part: its FTS5 text and the same as a tree (null when it holds FTS5's own prefixes). */
interface Part {
  fts: string;
  tree: MatchTree | null;
}
type Expr = Part | typeof NEVER | null;

const quote = (tokens: string[]) => `"${tokens.join(' ').replace(/"/g, '""')}"`;

/** A token sequence quoted: one token is a word, more a phrase. */
const phrasePart = (tokens: string[]): Part => ({ fts: quote(tokens), tree: tokens.length === 1 ? { kind: 'word', term: tokens[0] as string } : { kind: 'phrase', terms: tokens } });

/** Parts joined by AND or OR, each in parentheses: in the tree, each a child of its own. */
function grouped(kind: 'and' | 'or', parts: Part[]): Part {
  if (parts.length === 1) return parts[0] as Part;
  const children = parts.map((p) => p.tree);
  return {
    fts: parts.map((p) => `(${p.fts})`).join(kind === 'and' ? ' AND ' : ' OR '),
    tree: children.every((c) => c !== null) ? { kind, children: children as MatchTree[] } : null,
  };
}

/** Parts joined by OR without parentheses: FTS5 reads one OR of all their alternatives (AND and NOT bind tighter). */
function alternatives(parts: Part[]): Part {
  if (parts.length === 1) return parts[0] as Part;
  const children: MatchTree[] = [];
  for (const p of parts) {
    if (p.tree === null) return { fts: parts.map((x) => x.fts).join(' OR '), tree: null };
    if (p.tree.kind === 'or') children.push(...p.tree.children);
    else children.push(p.tree);
  }
  return { fts: parts.map((p) => p.fts).join(' OR '), tree: children.length > 0 ? { kind: 'or', children } : null };
}

/** `(keep) NOT (drop)`. */
function without(keep: Part, drop: Part): Part {
  return { fts: `(${keep.fts}) NOT (${drop.fts})`, tree: keep.tree && drop.tree ? { kind: 'not', children: [keep.tree, drop.tree] } : null };
}

export function compileQuery(root: QueryNode | null, ex: Expansions): CompiledQuery {
  const c = new Compiler(ex);
  const out: CompiledQuery = { match: null, exclude: null, never: false, filters: [], highlights: c.highlights, notes: c.notes, singleTerm: null, preferred: null, tree: null, words: null };
  if (!root) return out;
  // The top-level conjunction: SQL filters come out of it, NOT-only parts become `exclude`.
  const parts = root.kind === 'and' ? root.children : [root];
  const positives: Expr[] = [];
  const negatives: Expr[] = [];
  for (const part of c.mergeAliasRuns(parts)) {
    const filter = toFilter(part, ex.codes);
    if (filter) {
      out.filters.push(filter);
      continue;
    }
    if (part.kind === 'not') negatives.push(c.expr(part.child, false));
    else positives.push(c.expr(part, true));
  }
  const pos = positives.filter((p) => p !== null);
  const neg = negatives.filter((n): n is Part => typeof n === 'object' && n !== null);
  if (pos.includes(NEVER)) out.never = true;
  const posParts = pos.filter((p): p is Part => typeof p === 'object' && p !== null);
  if (posParts.length > 0) {
    const all = grouped('and', posParts);
    const whole = neg.length > 0 ? without(all, alternatives(neg)) : all;
    out.match = whole.fts;
    out.tree = whole.tree;
    out.words = whole.tree && onlyWords(whole.tree) ? whole.tree : null;
    if (posParts.length === 1 && neg.length === 0 && out.filters.length === 0 && c.lastSimple === posParts[0]?.fts) out.singleTerm = c.lastToken;
  } else if (neg.length > 0) {
    out.exclude = alternatives(neg).fts;
  }
  if (out.match && c.exactForms.size > 0) out.preferred = [...c.exactForms].map((t) => quote([t])).join(' OR ');
  return out;
}

/** A field filter (or a NOT / OR of them) at the top level becomes SQL; anything else stays text. */
function toFilter(node: QueryNode, codes: CodeResolver | undefined): SqlFilter | null {
  if (node.kind === 'filter' || node.kind === 'date') return filterSql(node, codes);
  if (node.kind === 'not' && (node.child.kind === 'filter' || node.child.kind === 'date' || node.child.kind === 'or')) {
    const inner = toFilter(node.child, codes);
    return inner ? { sql: `NOT (${inner.sql})`, params: inner.params, label: `not ${inner.label}` } : null;
  }
  if (node.kind === 'or' && node.children.every((ch) => toFilter(ch, codes) !== null)) {
    const inner = node.children.map((ch) => toFilter(ch, codes) as SqlFilter);
    return { sql: inner.map((f) => `(${f.sql})`).join(' OR '), params: inner.flatMap((f) => f.params), label: inner.map((f) => f.label).join(' or ') };
  }
  return null;
}

function filterPos(node: QueryNode): number | null {
  if (node.kind === 'filter' || node.kind === 'date') return node.pos;
  if (node.kind === 'not') return filterPos(node.child);
  if (node.kind === 'and' || node.kind === 'or') {
    for (const ch of node.children) {
      const p = filterPos(ch);
      if (p !== null) return p;
    }
  }
  if (node.kind === 'column') return filterPos(node.child);
  return null;
}

class Compiler {
  readonly highlights: HighlightTerm[] = [];
  readonly notes: string[] = [];
  /** Arabic-script words typed (positive) that also match their other forms. */
  readonly exactForms = new Set<string>();
  /** The FTS text of the last plain word or phrase compiled without expansion. */
  lastSimple: string | null = null;
  lastToken: string | null = null;
  private readonly ex: Expansions;
  constructor(ex: Expansions) {
    this.ex = ex;
  }

  /** Adjacent plain words that together spell a multi-word alias variant become one phrase. */
  mergeAliasRuns(parts: QueryNode[]): QueryNode[] {
    if (this.ex.longestAlias < 2) return parts;
    const out: QueryNode[] = [];
    for (let i = 0; i < parts.length; i++) {
      let merged = false;
      for (let n = Math.min(this.ex.longestAlias, parts.length - i); n >= 2; n--) {
        const run = parts.slice(i, i + n);
        if (!run.every((p) => p.kind === 'term' && !p.prefix && !p.substring)) continue;
        const text = run.map((p) => (p as { text: string }).text).join(' ');
        if (this.ex.alias(queryTokens(text).join(' '))) {
          out.push({ kind: 'phrase', text, pos: (run[0] as { pos: number }).pos });
          i += n - 1;
          merged = true;
          break;
        }
      }
      if (!merged) out.push(parts[i] as QueryNode);
    }
    return out;
  }

  expr(node: QueryNode, positive: boolean): Expr {
    switch (node.kind) {
      case 'term':
        return this.term(node.text, node.prefix, node.substring, positive);
      case 'phrase':
        return this.term(node.text, false, false, positive);
      case 'near': {
        const phrases = node.terms.map((t) => queryTokens(t)).filter((t) => t.length > 0);
        if (phrases.length < 2) throw invalidQuery(`NEAR ${at(node.pos)} needs at least two words, e.g. NEAR(word1 word2, 10).`);
        if (positive) for (const tokens of phrases) this.highlights.push({ tokens, prefix: false });
        return { fts: `NEAR(${phrases.map(quote).join(' ')}, ${node.distance})`, tree: { kind: 'near', phrases } };
      }
      case 'column': {
        const inner = this.expr(node.child, positive);
        return typeof inner === 'object' && inner !== null ? { fts: `{${node.column}} : (${inner.fts})`, tree: inner.tree && { kind: 'column', child: inner.tree } } : inner;
      }
      case 'and': {
        const pos: Expr[] = [];
        const neg: Expr[] = [];
        for (const ch of this.mergeAliasRuns(node.children)) {
          if (ch.kind === 'not') neg.push(this.expr(ch.child, !positive));
          else pos.push(this.expr(ch, positive));
        }
        const p = pos.filter((x) => x !== null);
        if (p.includes(NEVER)) return NEVER;
        const ps = p as Part[];
        const ns = neg.filter((x): x is Part => typeof x === 'object' && x !== null);
        if (ps.length === 0) {
          if (ns.length === 0) return null;
          throw invalidQuery(`NOT ${at(node.children[0] && 'pos' in node.children[0] ? node.children[0].pos : 0)} inside a group needs a word to subtract from, e.g. (cat NOT dog).`);
        }
        const all = grouped('and', ps);
        return ns.length > 0 ? without(all, alternatives(ns)) : all;
      }
      case 'or': {
        const parts = node.children.map((ch) => {
          if (ch.kind === 'not') throw invalidQuery(`NOT ${at(ch.pos)} cannot be one side of an OR; write (a OR b) NOT c.`);
          return this.expr(ch, positive);
        });
        const live = parts.filter((x): x is Part => typeof x === 'object' && x !== null);
        if (live.length === 0) return parts.includes(NEVER) ? NEVER : null;
        return grouped('or', live);
      }
      case 'not':
        throw invalidQuery(`NOT ${at(node.pos)} needs a word to subtract from, e.g. "cat NOT dog".`);
      case 'filter':
      case 'date': {
        const pos = filterPos(node) ?? 0;
        throw invalidQuery(`The filter ${at(pos)} can only narrow the whole query; it cannot sit inside OR, NOT groups or NEAR with words.`);
      }
    }
  }

  private term(text: string, prefix: boolean, substring: boolean, positive: boolean): Expr {
    const tokens = queryTokens(text);
    if (tokens.length === 0) {
      this.notes.push(`ignored "${text}" (no letters or digits)`);
      return null;
    }
    const key = tokens.join(' ');
    if (substring && tokens.length === 1) {
      const { terms, truncated } = this.ex.substring(key);
      if (truncated) this.notes.push(`*${text}* matched many words; used the ${terms.length} most frequent`);
      if (terms.length === 0) return NEVER;
      if (positive) this.highlights.push({ tokens: [key], prefix: false }, ...terms.map((t) => ({ tokens: [t], prefix: false })));
      return alternatives(terms.map((t) => phrasePart([t])));
    }
    if (!prefix) {
      const alias = this.ex.alias(key);
      if (alias) {
        const variants = alias.variants.map((v) => ({ v, tokens: queryTokens(v) })).filter((x) => x.tokens.length > 0);
        this.notes.push(`"${text}" also as ${alias.variants.filter((v) => queryTokens(v).join(' ') !== key).map((v) => `"${v}"`).join(', ')} (alias group ${alias.group})`);
        if (positive) for (const x of variants) this.highlights.push({ tokens: x.tokens, prefix: false, variant: x.v });
        return alternatives(variants.map((x) => phrasePart(x.tokens)));
      }
      if (tokens.length === 1) {
        const forms = this.ex.arabicForms?.(key) ?? [];
        if (forms.length > 0) {
          // Each word isolated (FSI … PDI): right-to-left words in a left-to-right line otherwise run together with the quotes and commas between them.
          const isolate = (w: string) => `"\u2068${w}\u2069"`;
          this.notes.push(`${isolate(text)} also as ${forms.map(isolate).join(', ')} (Arabic-script forms)`);
          if (positive) {
            this.exactForms.add(key);
            for (const t of [key, ...forms]) this.highlights.push({ tokens: [t], prefix: false, variant: t === key ? undefined : t });
          }
          // The word typed is written twice: bm25 adds up each phrase's score, so an entry with the
          // exact form weighs more than one with only a form carrying the article or a suffix.
          return alternatives([key, key, ...forms].map((t) => phrasePart([t])));
        }
        const similar = this.ex.transliterate(key);
        if (similar && similar.length > 0) {
          const all = [...new Set([key, ...similar])];
          if (all.length > 1) this.notes.push(`"${text}" also spelled ${all.filter((t) => t !== key).map((t) => `"${t}"`).join(', ')}`);
          if (positive) for (const t of all) this.highlights.push({ tokens: [t], prefix: false, variant: t === key ? undefined : t });
          return alternatives(all.map((t) => phrasePart([t])));
        }
      }
    }
    if (positive) this.highlights.push({ tokens, prefix });
    if (prefix && tokens.length === 1) {
      const words = this.ex.prefixWords?.(key) ?? null;
      if (words && words.length === 0) return NEVER;
      if (words) {
        const part = alternatives(words.map((w) => phrasePart([w])));
        if (words.length === 1) {
          // One word: counted and ranked like that word typed whole.
          this.lastSimple = part.fts;
          this.lastToken = words[0] as string;
        }
        return part;
      }
    }
    const part = prefix ? { fts: `${quote(tokens)} *`, tree: null } : phrasePart(tokens);
    if (!prefix && tokens.length === 1) {
      this.lastSimple = part.fts;
      this.lastToken = key;
    }
    return part;
  }
}
