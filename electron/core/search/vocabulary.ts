// The index's own word list (fts5vocab), held in memory per connection for the lookups that cannot
// use an index: words containing a piece (*olit*) and words sharing a transliteration skeleton.
// Rebuilt when entries were added since it was read. Read from the statistics snapshot when it
// is current (40k words in milliseconds); the index's own vocabulary scan took 8 s at 1M.
import type { Db } from '../db/open-archive.ts';
import type { SearchStats } from './search-stats.ts';
import { skeleton, spellingVariants } from './transliteration.ts';

const MAX_SUBSTRING_TERMS = 200;
const MAX_VARIANTS = 40;

export class Vocabulary {
  private readonly stats: SearchStats;
  private readonly versionStmt;
  private readonly termsStmt;
  private version: string | null = null;
  private terms: { term: string; doc: number }[] = [];
  private skeletons = new Map<string, string[]>();

  constructor(db: Db, stats: SearchStats) {
    this.stats = stats;
    this.versionStmt = db.prepare<[], { v: string }>(`SELECT CAST(coalesce(max(id), 0) AS TEXT) AS v FROM entries`);
    this.termsStmt = db.prepare<[], { term: string; doc: number }>('SELECT term, doc FROM entry_terms');
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
}
