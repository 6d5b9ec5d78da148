// A generated corpus shaped like real text at small scale: word frequencies on a Zipf curve (a few
// words in most entries, a long tail of rare ones), authors and outlets, dates over thirty years
// (some missing). Each entry keeps its tokens per column, so a query can be evaluated on it in
// JavaScript, independently of FTS5 (see evaluate()).
import type { SeedEntry } from './seed-entries.ts';

/** A small seeded generator (mulberry32): the same seed gives the same corpus and queries. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Column = 'title' | 'body' | 'author' | 'outlet';
export interface ModelEntry {
  id: number;
  cols: Record<Column, string[]>;
  date: string | null;
  outlet: string | null;
}

const CONSONANTS = 'bdfgklmprstvz';
const VOWELS = 'aeiou';

/** Distinct pronounceable words of two or three syllables (never FTS5 or query keywords). */
function makeWords(rand: () => number, n: number, mark: string): string[] {
  const out = new Set<string>();
  while (out.size < n) {
    let w = mark;
    const syllables = 2 + Math.floor(rand() * 2);
    for (let i = 0; i < syllables; i++) w += (CONSONANTS[Math.floor(rand() * CONSONANTS.length)] ?? 'b') + (VOWELS[Math.floor(rand() * VOWELS.length)] ?? 'a');
    out.add(w);
  }
  return [...out];
}

export interface Corpus {
  /** Body and title words, most frequent first. */
  words: string[];
  authors: string[];
  outlets: string[];
  entries: SeedEntry[];
}

export function makeCorpus(seed: number, n: number): Corpus {
  const rand = rng(seed);
  const words = makeWords(rand, 600, '');
  // Zipf weights (s = 1.1) as a cumulative table for drawing.
  const cumulative: number[] = [];
  let sum = 0;
  for (let r = 0; r < words.length; r++) cumulative.push((sum += 1 / Math.pow(r + 1, 1.1)));
  const draw = () => {
    const x = rand() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo] ?? 'baba';
  };
  const names = makeWords(rand, 24, 'n');
  const authors = Array.from({ length: 12 }, (_, i) => `${names[i] ?? 'na'} ${names[i + 12] ?? 'nb'}`);
  const outletWords = makeWords(rand, 6, 'o');
  const outlets = outletWords.map((w, i) => (i % 2 === 0 ? `${w} ledger` : w));
  const entries: SeedEntry[] = [];
  for (let i = 0; i < n; i++) {
    const title = Array.from({ length: 2 + Math.floor(rand() * 4) }, draw);
    const body = Array.from({ length: 8 + Math.floor(rand() * 40) }, draw);
    const year = 1995 + Math.floor(rand() * 30);
    const date = rand() < 0.06 ? null : `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    entries.push({
      title: title.join(' '),
      body: body.join(' '),
      date,
      author: rand() < 0.1 ? null : (authors[Math.floor(rand() * authors.length)] ?? null),
      outlet: outlets[Math.floor(rand() * outlets.length)] ?? null,
    });
  }
  return { words, authors, outlets, entries };
}

export function modelEntries(corpus: Corpus, ids: number[]): ModelEntry[] {
  return corpus.entries.map((e, i) => ({
    id: ids[i] ?? -1,
    date: e.date ?? null,
    outlet: e.outlet ?? null,
    cols: {
      title: (e.title ?? '').split(' ').filter(Boolean),
      body: e.body.split(' ').filter(Boolean),
      author: (e.author ?? '').split(' ').filter(Boolean),
      outlet: (e.outlet ?? '').split(' ').filter(Boolean),
    },
  }));
}

/** A query as a tree, rendered to Quire's query language and evaluated on the model. */
export type Q =
  | { kind: 'word'; word: string }
  | { kind: 'prefix'; piece: string }
  | { kind: 'phrase'; words: string[] }
  | { kind: 'column'; column: 'title' | 'author' | 'outlet'; child: Q }
  | { kind: 'and'; children: Q[] }
  | { kind: 'or'; children: Q[] }
  | { kind: 'minus'; left: Q; right: Q; style: '-' | 'NOT' }
  | { kind: 'date'; field: 'date' | 'before' | 'after'; value: string };

export function render(q: Q): string {
  switch (q.kind) {
    case 'word':
      return q.word;
    case 'prefix':
      return `${q.piece}*`;
    case 'phrase':
      return `"${q.words.join(' ')}"`;
    case 'column':
      return `${q.column}:${q.child.kind === 'word' || q.child.kind === 'phrase' ? render(q.child) : `(${render(q.child)})`}`;
    case 'and':
      return q.children.map((c) => (c.kind === 'or' ? `(${render(c)})` : render(c))).join(' ');
    case 'or':
      return q.children.map((c) => (c.kind === 'and' || c.kind === 'minus' ? `(${render(c)})` : render(c))).join(' OR ');
    case 'minus': {
      const left = q.left.kind === 'or' ? `(${render(q.left)})` : render(q.left);
      if (q.style === 'NOT') return `${left} NOT ${q.right.kind === 'word' || q.right.kind === 'phrase' ? render(q.right) : `(${render(q.right)})`}`;
      return `${left} -${q.right.kind === 'word' || q.right.kind === 'phrase' ? render(q.right) : `(${render(q.right)})`}`;
    }
    case 'date':
      return `${q.field}:${q.value}`;
  }
}

const COLUMNS: Column[] = ['title', 'body', 'author', 'outlet'];

function inColumns(e: ModelEntry, cols: readonly Column[], test: (tokens: string[]) => boolean): boolean {
  return cols.some((c) => test(e.cols[c]));
}

/** `same` says whether an indexed word stands for a typed one (spelling variants, when they are on). */
export function evaluate(q: Q, e: ModelEntry, cols: readonly Column[] = COLUMNS, same: (typed: string, indexed: string) => boolean = (a, b) => a === b): boolean {
  switch (q.kind) {
    case 'word':
      return inColumns(e, cols, (t) => t.some((w) => same(q.word, w)));
    case 'prefix':
      return inColumns(e, cols, (t) => t.some((w) => w.startsWith(q.piece)));
    case 'phrase':
      return inColumns(e, cols, (t) => {
        for (let i = 0; i + q.words.length <= t.length; i++) if (q.words.every((w, j) => t[i + j] === w)) return true;
        return false;
      });
    case 'column':
      return evaluate(q.child, e, [q.column], same);
    case 'and':
      return q.children.every((c) => evaluate(c, e, cols, same));
    case 'or':
      return q.children.some((c) => evaluate(c, e, cols, same));
    case 'minus':
      return evaluate(q.left, e, cols, same) && !evaluate(q.right, e, cols, same);
    case 'date': {
      if (e.date === null) return false;
      const [y = '', m = ''] = q.value.split('-');
      if (q.field === 'date') return m === '' ? e.date.startsWith(`${y}-`) : e.date.startsWith(`${y}-${m}-`);
      const start = m === '' ? `${y}-01-01` : `${y}-${m}-01`;
      const next = m === '' ? `${Number(y) + 1}-01-01` : Number(m) === 12 ? `${Number(y) + 1}-01-01` : `${y}-${String(Number(m) + 1).padStart(2, '0')}-01`;
      return q.field === 'before' ? e.date < start : e.date >= next;
    }
  }
}
