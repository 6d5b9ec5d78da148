// The index's own word list (fts5vocab), held in memory per connection for the lookups that cannot
// use an index: words containing a piece (*olit*) and words sharing a transliteration skeleton.
// Rebuilt when entries were added since it was read. Read from the statistics snapshot when it
// is current (40k words in milliseconds); the index's own vocabulary scan took 8 s at 1M.
import type { Db } from '../db/open-archive.ts';
import { basesOf, coresOf, formBeginnings } from './arabic-stem.ts';
import type { SearchStats } from './search-stats.ts';
import { skeleton, spellingVariants } from './transliteration.ts';

const MAX_SUBSTRING_TERMS = 200;
const MAX_VARIANTS = 40;
/** Words read per beginning of an Arabic-script form (a base's longer compounds are many; its forms few). */
const MAX_FORM_CANDIDATES = 2_000;

export class Vocabulary {
  private readonly stats: SearchStats;
  private readonly versionStmt;
  private readonly termsStmt;
  private readonly statsRangeStmt;
  private readonly indexRangeStmt;
  private version: string | null = null;
  private terms: { term: string; doc: number }[] = [];
  private skeletons = new Map<string, string[]>();

  constructor(db: Db, stats: SearchStats) {
    this.stats = stats;
    this.versionStmt = db.prepare<[], { v: string }>(`SELECT CAST(coalesce(max(id), 0) AS TEXT) AS v FROM entries`);
    this.termsStmt = db.prepare<[], { term: string; doc: number }>('SELECT term, doc FROM entry_terms');
    // Words in a term range, off the statistics' table when current, else off the index's own
    // vocabulary (fts5vocab answers a term range from its b-tree too): always as current as the index.
    this.statsRangeStmt = db.prepare<[string, string, number], { term: string; doc: number }>('SELECT term, docs AS doc FROM search_terms WHERE term >= ? AND term < ? LIMIT ?');
    this.indexRangeStmt = db.prepare<[string, string, number], { term: string; doc: number }>('SELECT term, doc FROM entry_terms WHERE term >= ? AND term < ? LIMIT ?');
  }

  private load(): void {
    const v = this.versionStmt.get()?.v ?? '0';
    if (v === this.version) return;
    // Words starting with U+E000 are the index's date words (date-tokens.ts), not vocabulary.
    this.terms = (this.stats.vocabulary() ?? this.termsStmt.all()).filter((t) => !t.term.startsWith('\uE000')).sort((a, b) => b.doc - a.doc);
    this.skeletons = new Map();
    for (const t of this.terms) {
      const key = skeleton(t.term);
      if (!key) continue;
      const list = this.skeletons.get(key);
      if (list) list.push(t.term);
      else this.skeletons.set(key, [t.term]);
    }
    this.version = v;
  }

  /** Indexed words containing `piece`, most frequent first. */
  containing(piece: string): { terms: string[]; truncated: boolean } {
    this.load();
    const out: string[] = [];
    for (const t of this.terms) {
      if (!t.term.includes(piece)) continue;
      if (out.length === MAX_SUBSTRING_TERMS) return { terms: out, truncated: true };
      out.push(t.term);
    }
    return { terms: out, truncated: false };
  }

  /** Indexed words spelled like `word` up to transliteration (the word itself excluded), most frequent first. */
  similar(word: string): string[] {
    const key = skeleton(word);
    if (!key) return [];
    this.load();
    return (this.skeletons.get(key) ?? []).filter((t) => spellingVariants(word, t)).slice(0, MAX_VARIANTS);
  }

  /**
   * Indexed Arabic-script words that are forms of `word` (arabic-stem.ts: the word with a
   * proclitic, the article or suffixes), most frequent first, at most `max`; the word itself is
   * not listed. Every form of a base begins with the base or with one proclitic and the base, so a
   * dozen term-range reads of the sorted vocabulary find them all at any archive size, with no
   * stem table to build or keep current after an import.
   */
  arabicForms(word: string, max: number): string[] {
    const bases = basesOf(word);
    if (bases.length === 0 || max <= 0) return [];
    const range = this.stats.current() ? this.statsRangeStmt : this.indexRangeStmt;
    const found = new Map<string, number>();
    const seen = new Set<string>();
    for (const base of bases) {
      for (const start of formBeginnings(base)) {
        if (seen.has(start)) continue;
        seen.add(start);
        for (const row of range.all(start, `${start}\uffff`, MAX_FORM_CANDIDATES)) {
          if (row.term === word || found.has(row.term)) continue;
          const cores = coresOf(row.term);
          if (bases.some((b) => cores.has(b))) found.set(row.term, row.doc);
        }
      }
    }
    return [...found].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, max).map(([t]) => t);
  }
}
