// The words of a query worth highlighting in an entry's body: plain words, "phrases", prefix*,
// and title:/author:/outlet: values. Operators, negations and non-text filters are left out.
import type { HighlightSpan } from '../../../shared/contract.ts';

export interface Term {
  text: string;
  prefix: boolean;
}

const OPERATORS = new Set(['OR', 'AND', 'NOT']);
const SKIP_FIELDS = new Set(['date', 'before', 'after', 'lang', 'source', 'tag', 'code']);

export function queryTerms(query: string, extra: readonly string[] = []): Term[] {
  const terms: Term[] = [];
  const re = /(-?)(?:([A-Za-z]+):)?(?:"([^"]*)"|([^\s()"]+))/g;
  const src = query.replace(/NEAR\(/g, '(');
  let m: RegExpExecArray | null;
  while ((m = re.exec(src)) !== null) {
    const [, neg, field, phrase, word] = m;
    if (neg) continue;
    if (field && SKIP_FIELDS.has(field.toLowerCase())) continue;
    if (phrase !== undefined) {
      if (phrase.trim()) terms.push({ text: phrase.trim(), prefix: false });
      continue;
    }
    if (!word || OPERATORS.has(word) || /^,?\d+\)?$/.test(word)) continue;
    const prefix = word.endsWith('*');
    const text = word.replace(/\*+$/, '').replace(/[,]+$/, '');
    if (text) terms.push({ text, prefix });
  }
  for (const v of extra) if (v.trim()) terms.push({ text: v.trim(), prefix: false });
  return terms;
}

/** Folds one character for matching without changing string length (case, accents, Arabic letter forms). */
function foldChar(c: string): string {
  const base = c.normalize('NFD')[0] ?? c;
  const lower = base.toLowerCase();
  const ch = lower.length === 1 ? lower : c;
  switch (ch) {
    case 'ي':
    case 'ى':
      return 'ی';
    case 'ك':
      return 'ک';
    case 'ة':
      return 'ه';
    case 'أ':
    case 'إ':
    case 'آ':
    case 'ٱ':
      return 'ا';
    default:
      return ch;
  }
}

export function fold(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += foldChar(text[i]!);
  return out;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/** Spans of every occurrence of the terms in text, whole words (or word starts for prefix*). */
export function findTerms(text: string, terms: readonly Term[], limit = 2000): HighlightSpan[] {
  if (terms.length === 0) return [];
  const hay = fold(text);
  const spans: HighlightSpan[] = [];
  for (const term of terms) {
    const needle = fold(term.text);
    if (!needle) continue;
    let from = 0;
    while (spans.length < limit) {
      const at = hay.indexOf(needle, from);
      if (at < 0) break;
      let end = at + needle.length;
      const before = at > 0 ? hay[at - 1]! : ' ';
      if (!WORD_CHAR.test(before)) {
        if (term.prefix) {
          while (end < hay.length && WORD_CHAR.test(hay[end]!)) end++;
          spans.push({ start: at, end });
        } else {
          // Allow a short suffix (plurals, Persian/Arabic attached endings) but not a different word.
          let tail = end;
          while (tail < hay.length && WORD_CHAR.test(hay[tail]!)) tail++;
          if (tail - end <= 3) spans.push({ start: at, end });
        }
      }
      from = at + Math.max(1, needle.length);
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}
