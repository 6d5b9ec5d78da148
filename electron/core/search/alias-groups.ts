// Alias groups: names that mean one entity. Searching any variant finds every variant.
// File format (import/export), UTF-8 text, one group per line:
//   Group name: variant | variant | variant
// Blank lines and lines starting with # are ignored. A group name may not contain ":".
import type { AliasGroup } from '../../../shared/contract.ts';
import { QuireError } from '../../../shared/errors.ts';
import type { Db } from '../db/open-archive.ts';
import { queryTokens } from './fold-text.ts';

export interface AliasLookup {
  get(key: string): { group: string; variants: string[] } | null;
  longest: number;
}

function cleanVariants(variants: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of variants) {
    const v = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
    if (v === '' || seen.has(v)) continue;
    seen.add(v);
    out.push(v);
  }
  return out;
}

export class AliasGroups {
  private readonly db: Db;
  private readonly listStmt;
  private readonly variantsStmt;
  constructor(db: Db) {
    this.db = db;
    this.listStmt = db.prepare<[], { id: number; name: string }>('SELECT id, name FROM alias_groups ORDER BY name COLLATE NOCASE, id');
    this.variantsStmt = db.prepare<[], { group_id: number; variant: string }>('SELECT group_id, variant FROM aliases ORDER BY group_id, variant');
  }

  list(): AliasGroup[] {
    const byGroup = new Map<number, string[]>();
    for (const r of this.variantsStmt.all()) {
      const list = byGroup.get(r.group_id);
      if (list) list.push(r.variant);
      else byGroup.set(r.group_id, [r.variant]);
    }
    return this.listStmt.all().map((g) => ({ id: g.id, name: g.name, variants: byGroup.get(g.id) ?? [] }));
  }

  save(req: { id?: number; name: string; variants: string[] }): AliasGroup {
    const name = req.name.trim();
    if (name === '') throw new QuireError('invalid-input', 'An alias group needs a name.');
    if (name.includes(':') || /[\r\n]/.test(name)) throw new QuireError('invalid-input', 'An alias group name may not contain ":" or line breaks.');
    const variants = cleanVariants(req.variants);
    if (variants.some((v) => v.includes('|'))) throw new QuireError('invalid-input', 'An alias variant may not contain "|".');
    if (variants.length < 2) throw new QuireError('invalid-input', `The alias group "${name}" needs at least two different variants.`);
    if (variants.some((v) => queryTokens(v).length === 0)) throw new QuireError('invalid-input', `Every variant of "${name}" needs letters or digits.`);
    return this.db.transaction(() => {
      let id = req.id;
      if (id !== undefined) {
        const changed = this.db.prepare('UPDATE alias_groups SET name = ? WHERE id = ?').run(name, id).changes;
        if (changed === 0) throw new QuireError('not-found', `Alias group ${id} is not in this archive.`);
        this.db.prepare('DELETE FROM aliases WHERE group_id = ?').run(id);
      } else {
        id = Number(this.db.prepare('INSERT INTO alias_groups (name, created_at) VALUES (?, ?)').run(name, new Date().toISOString()).lastInsertRowid);
      }
      const insert = this.db.prepare('INSERT INTO aliases (group_id, variant) VALUES (?, ?)');
      for (const v of variants) insert.run(id, v);
      return { id, name, variants };
    })();
  }

  delete(id: number): { deleted: boolean } {
    return { deleted: this.db.prepare('DELETE FROM alias_groups WHERE id = ?').run(id).changes > 0 };
  }

  /** Imports a file in the format above; a group with the same name is replaced. All or nothing. */
  /** Imports every good line; a bad line is skipped and reported (line number and why), never the whole file refused. */
  importText(text: string): { groups: number; skipped: { line: number; reason: string }[] } {
    const parsed: { name: string; variants: string[] }[] = [];
    const skipped: { line: number; reason: string }[] = [];
    text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).forEach((line, i) => {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#')) return;
      const skip = (reason: string) => skipped.push({ line: i + 1, reason });
      const colon = trimmed.indexOf(':');
      if (colon < 0) return skip('it has no ":"; write it as "Group name: variant | variant".');
      const name = trimmed.slice(0, colon).trim();
      if (name === '') return skip('it has no group name before the ":".');
      const variants = cleanVariants(trimmed.slice(colon + 1).split('|'));
      if (variants.length < 2) return skip(`"${name}" needs at least two variants separated by "|".`);
      if (variants.some((v) => queryTokens(v).length === 0)) return skip(`"${name}" has a variant without letters or digits.`);
      parsed.push({ name, variants });
    });
    if (parsed.length === 0 && skipped.length > 0) {
      throw new QuireError('invalid-input', `No alias group could be read: line ${skipped[0]!.line} ${skipped[0]!.reason}`);
    }
    this.db.transaction(() => {
      const existing = new Map(this.listStmt.all().map((g) => [g.name, g.id]));
      for (const g of parsed) this.save({ id: existing.get(g.name), name: g.name, variants: g.variants });
    })();
    return { groups: parsed.length, skipped };
  }

  exportText(): { text: string } {
    const lines = this.list().map((g) => `${g.name}: ${g.variants.join(' | ')}`);
    return { text: `# Quire alias groups: one group per line, "Group name: variant | variant | ..."\n${lines.join('\n')}${lines.length > 0 ? '\n' : ''}` };
  }

  /** Folded variant (tokens joined by spaces) → its group, for the query compiler. */
  lookup(): AliasLookup {
    const map = new Map<string, { group: string; variants: string[] }>();
    let longest = 0;
    for (const g of this.list()) {
      for (const v of g.variants) {
        const tokens = queryTokens(v);
        longest = Math.max(longest, tokens.length);
        const key = tokens.join(' ');
        const prev = map.get(key);
        // A variant in two groups expands to both groups' variants.
        map.set(key, prev ? { group: `${prev.group}, ${g.name}`, variants: cleanVariants([...prev.variants, ...g.variants]) } : { group: g.name, variants: g.variants });
      }
    }
    return { get: (key) => map.get(key) ?? null, longest };
  }
}
