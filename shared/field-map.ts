// The entry fields a JSON or CSV record is mapped to, and the `--map title=headline,…` option that
// names which source field fills each (the CLI reads it; the contract's schemas check it).

export const MAPPED_FIELDS = ['title', 'body', 'date', 'author', 'outlet', 'url'] as const;

/** An entry field a JSON or CSV record is mapped to. */
export type MappedField = (typeof MAPPED_FIELDS)[number];
/** Entry field → the record's field it is read from (a key, or a dotted path like `author.name`). */
export type FieldMap = Partial<Record<MappedField, string>>;

export function isMappedField(name: string): name is MappedField {
  return (MAPPED_FIELDS as readonly string[]).includes(name);
}

/**
 * Reads `title=headline,date=date_raw` (pairs separated by commas, a target at most once).
 * Throws an Error whose message says what is wrong and what would work.
 */
export function parseFieldMap(text: string): FieldMap {
  const map: FieldMap = {};
  const pairs = text.split(',').map((p) => p.trim());
  if (pairs.every((p) => p === '')) throw new Error(`--map needs FIELD=SOURCE pairs, e.g. --map title=headline,date=date_raw (fields: ${MAPPED_FIELDS.join(', ')})`);
  for (const pair of pairs) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const target = eq < 0 ? pair : pair.slice(0, eq).trim();
    const source = eq < 0 ? '' : pair.slice(eq + 1).trim();
    if (eq < 0 || !target || !source) throw new Error(`--map: "${pair}" is not FIELD=SOURCE (e.g. title=headline)`);
    if (!isMappedField(target)) throw new Error(`--map: "${target}" is not a field Quire fills; use ${MAPPED_FIELDS.join(', ')}`);
    if (map[target] !== undefined) throw new Error(`--map: ${target} is mapped twice`);
    map[target] = source;
  }
  return map;
}
