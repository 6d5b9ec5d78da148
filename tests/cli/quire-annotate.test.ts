// The annotation commands end to end: codes, highlights (offsets in code points of the entry
// text), collections, delete to the trash, undo and redo, on real archives of imported files.
// Runs the bundle `npm test` builds; QUIRE_CLI points at another build of cli.mjs to try a change
// without rebuilding dist/.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../helpers/temp-dir.ts';

const BIN = process.env['QUIRE_CLI'] ?? path.join(REPO_ROOT, 'bin', 'quire.mjs');

function run(archive: string, args: string[]) {
  const res = spawnSync(process.execPath, [BIN, ...args, '--archive', archive], { encoding: 'utf8' });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** Runs a command that must succeed and returns its stdout. */
function ok(archive: string, args: string[]): string {
  const r = run(archive, args);
  expect(r.code, `quire ${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

function json(archive: string, args: string[]) {
  return JSON.parse(ok(archive, [...args, '--json']));
}

/** A command that must fail with one plain line (no stack trace) and this exit code. */
function fails(archive: string, args: string[], code: number): string {
  const r = run(archive, args);
  expect(r.code, r.stdout).toBe(code);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^quire: /);
  return lines[0]!;
}

const HARBOUR_TITLE = 'Harbour report';
const HARBOUR_BODY = 'The storm closed the harbour at dawn. The storm passed by noon.';
// Persian with a zero-width non-joiner, and an emoji (two UTF-16 units, one code point) before the passages.
const PERSIAN_TITLE = 'گزارش بندر 🌊';
const PERSIAN_BODY = 'طوفان 😀 بندر را بست و کتاب‌خانه باز ماند.';
const MARKET_TITLE = 'Market day';
const MARKET_BODY = 'Fishermen sold the catch after the storm.';

function makeArchive(dir: string, name: string): { archive: string; ids: Record<'harbour' | 'persian' | 'market', number> } {
  const docs = path.join(dir, `${name}-docs`);
  fs.mkdirSync(docs);
  fs.writeFileSync(path.join(docs, 'harbour.txt'), `${HARBOUR_TITLE}\n\n${HARBOUR_BODY}\n`);
  fs.writeFileSync(path.join(docs, 'persian.txt'), `${PERSIAN_TITLE}\n\n${PERSIAN_BODY}\n`);
  fs.writeFileSync(path.join(docs, 'market.txt'), `${MARKET_TITLE}\n\n${MARKET_BODY}\n`);
  const archive = path.join(dir, `${name}.quire`);
  ok(archive, ['import', docs]);
  const idOf = (query: string) => {
    const found = json(archive, ['search', query]);
    expect(found.total).toBe(1);
    return found.hits[0].id as number;
  };
  return { archive, ids: { harbour: idOf('dawn'), persian: idOf('کتاب‌خانه'), market: idOf('fishermen') } };
}

const cp = (text: string) => Array.from(text);

// Each command is its own process on a shared 2-core machine: allow for a slow one.
describe('quire annotation commands', { timeout: 180_000 }, () => {
  const dir = tempDir();
  let archive: string;
  let ids: Record<'harbour' | 'persian' | 'market', number>;
  beforeAll(() => {
    ({ archive, ids } = makeArchive(dir, 'main'));
  });

  it('adds nested codes with their missing parents and lists the codebook as a tree', () => {
    expect(ok(archive, ['code', 'add', 'Topics/Weather/Storms', '--color', '#dd3333'])).toMatch(/Added code Topics\/Weather\/Storms .*parents Topics, Topics\/Weather/);
    ok(archive, ['code', 'add', 'Topics/People']);
    const tree = json(archive, ['codes']);
    expect(tree).toHaveLength(1);
    expect(tree[0]).toMatchObject({ name: 'Topics', path: 'Topics', highlights: 0 });
    expect(tree[0].children.map((c: { path: string }) => c.path)).toEqual(['Topics/Weather', 'Topics/People']);
    expect(tree[0].children[0].children).toEqual([expect.objectContaining({ name: 'Storms', path: 'Topics/Weather/Storms', color: '#dd3333', children: [] })]);
    expect(fails(archive, ['code', 'add', 'topics/weather/storms'], 1)).toMatch(/already exists/);
    expect(ok(archive, ['codes'])).toMatch(/^Topics .*\n {2}Weather .*\n {4}Storms .*#dd3333\n {2}People /);
  });

  it('highlights a quoted passage and prints the JSON shape scripts read', () => {
    const h = json(archive, ['highlight', String(ids.harbour), '--quote', 'closed the harbour', '--code', 'Topics/Weather/Storms', '--note', 'first storm']);
    expect(Object.keys(h)).toEqual(['id', 'guid', 'entry', 'start', 'end', 'exact', 'codes', 'note']);
    const text = `${HARBOUR_TITLE}\n\n${HARBOUR_BODY}`;
    expect(h).toMatchObject({ entry: ids.harbour, start: text.indexOf('closed'), end: text.indexOf('closed') + 18, exact: 'closed the harbour', codes: ['Topics/Weather/Storms'], note: 'first storm' });
    expect(h.guid).toMatch(/^[0-9a-f-]{36}$/);
    expect(ok(archive, ['highlight', String(ids.harbour), '--quote', 'by noon'])).toMatch(/^Highlight \d+ on entry \d+ \(code points \d+-\d+\):\n {2}“by noon”/);
  });

  it('refuses a quote that is not in the entry, or occurs more than once, and says what to do', () => {
    expect(fails(archive, ['highlight', String(ids.harbour), '--quote', 'tsunami'], 1)).toMatch(/does not occur in entry/);
    const ambiguous = fails(archive, ['highlight', String(ids.harbour), '--quote', 'The storm'], 1);
    expect(ambiguous).toMatch(/occurs 2 times/);
    expect(ambiguous).toMatch(/--start and --end/);
    expect(fails(archive, ['highlight', String(ids.harbour)], 2)).toMatch(/--quote TEXT or --start S --end E/);
    expect(fails(archive, ['highlight', String(ids.harbour), '--quote', 'dawn', '--code', 'Nowhere'], 1)).toMatch(/no code "Nowhere"/);
  });

  it('counts offsets in code points of the title, a blank line and the body, emoji and ZWNJ included', () => {
    const text = `${PERSIAN_TITLE}\n\n${PERSIAN_BODY}`;
    const chars = cp(text);
    const passage = 'کتاب‌خانه باز';
    const start = cp(text.slice(0, text.indexOf(passage))).length;
    const end = start + cp(passage).length;
    // Two astral characters (🌊, 😀) come before it: its UTF-16 index is two more.
    expect(text.indexOf(passage)).toBe(start + 2);
    const byOffsets = json(archive, ['highlight', String(ids.persian), '--start', String(start), '--end', String(end)]);
    expect(byOffsets).toMatchObject({ start, end, exact: passage });
    const byQuote = json(archive, ['highlight', String(ids.persian), '--quote', '😀 بندر', '--code', 'Topics/People']);
    expect(byQuote.exact).toBe('😀 بندر');
    expect(chars.slice(byQuote.start, byQuote.end).join('')).toBe('😀 بندر');
    expect(byQuote.end - byQuote.start).toBe(cp('😀 بندر').length);
    expect(fails(archive, ['highlight', String(ids.persian), '--start', '3', '--end', String(chars.length + 1)], 1)).toMatch(new RegExp(`${chars.length} code points long`));
  });

  it('lists the highlights of a code together with those of its sub-codes', () => {
    const all = json(archive, ['highlights', '--code', 'Topics']);
    expect(all.highlights.map((h: { exact: string }) => h.exact).sort()).toEqual(['closed the harbour', '😀 بندر'].sort());
    expect(all.total).toBe(2);
    const people = json(archive, ['highlights', '--code', 'Topics/People']);
    expect(people.highlights.map((h: { exact: string }) => h.exact)).toEqual(['😀 بندر']);
    expect(people.highlights[0]).toMatchObject({ entry: ids.persian, codes: ['Topics/People'], entryExists: true });
    const text = ok(archive, ['highlights', '--code', 'Topics/Weather']);
    expect(text).toMatch(/^1 highlight\./);
    expect(text).toContain('“closed the harbour”');
    expect(text).toContain('note: first storm');
  });

  it('makes a collection from a search and lists the highlights on its entries', () => {
    // "storm" is in the harbour and market entries, not the Persian one.
    expect(ok(archive, ['collection', 'add', 'Storm coverage', '--query', 'storm'])).toMatch(/Created collection "Storm coverage": 2 entries added/);
    const listed = json(archive, ['highlights', '--collection', 'Storm coverage']);
    expect(listed.highlights.map((h: { exact: string }) => h.exact).sort()).toEqual(['by noon', 'closed the harbour']);
    expect(ok(archive, ['collection', 'add', 'storm coverage', '--entry', String(ids.persian)])).toMatch(/^Collection "Storm coverage": 1 entry added, 3 entries in all/);
    expect(json(archive, ['highlights', '--collection', 'Storm coverage']).total).toBe(4);
    expect(fails(archive, ['highlights', '--collection', 'Elsewhere'], 1)).toMatch(/no collection "Elsewhere"/);
  });
});

describe('quire code edits, delete to the trash, undo and redo', { timeout: 180_000 }, () => {
  const dir = tempDir();

  it('says there is nothing to undo or redo in a new archive', () => {
    const archive = path.join(dir, 'empty.quire');
    expect(ok(archive, ['undo']).trim()).toBe('Nothing to undo.');
    expect(ok(archive, ['redo']).trim()).toBe('Nothing to redo.');
  });

  it('undoes and redoes a change to the codebook, bringing back the same code', () => {
    const archive = path.join(dir, 'codes.quire');
    ok(archive, ['code', 'add', 'Methods']);
    const [before] = json(archive, ['codes']);
    expect(ok(archive, ['undo'])).toMatch(/^Undone: .*Methods/);
    expect(json(archive, ['codes'])).toEqual([]);
    expect(ok(archive, ['redo'])).toMatch(/^Redone: .*Methods/);
    expect(json(archive, ['codes'])).toEqual([before]);
    expect(ok(archive, ['redo']).trim()).toBe('Nothing to redo.');
  });

  it('moves a source to the trash, keeps its highlights listed as orphans, and restores them on undo', () => {
    const { archive, ids } = makeArchive(dir, 'trash');
    ok(archive, ['code', 'add', 'Weather']);
    json(archive, ['highlight', String(ids.harbour), '--quote', 'closed the harbour', '--code', 'Weather']);
    json(archive, ['highlight', String(ids.market), '--quote', 'sold the catch', '--code', 'Weather']);
    const said = ok(archive, ['delete', '--source', 'harbour.txt']);
    expect(said).toMatch(/1 source and 1 entry to the trash; 1 highlight is now orphaned/);
    expect(said).toContain('quire undo');
    expect(json(archive, ['stats']).entries).toBe(2);
    const orphaned = json(archive, ['highlights', '--code', 'Weather']);
    expect(orphaned.total).toBe(2);
    expect(orphaned.highlights.find((h: { entry: number }) => h.entry === ids.harbour)).toMatchObject({ exact: 'closed the harbour', entryExists: false, entryTitle: HARBOUR_TITLE });
    expect(ok(archive, ['highlights'])).toMatch(/orphaned: the entry is in the trash/);
    expect(ok(archive, ['undo'])).toMatch(/^Undone: /);
    expect(json(archive, ['stats']).entries).toBe(3);
    expect(json(archive, ['highlights', '--code', 'Weather']).highlights.every((h: { entryExists: boolean }) => h.entryExists)).toBe(true);
    expect(ok(archive, ['redo'])).toMatch(/^Redone: /);
    expect(json(archive, ['stats']).entries).toBe(2);
    expect(fails(archive, ['delete', '--source', 'nothing.txt'], 1)).toMatch(/No source is named "nothing.txt"/);
    expect(fails(archive, ['delete'], 2)).toMatch(/usage: quire delete/);
  });

  it('renames and merges codes, and their highlights follow', () => {
    const { archive, ids } = makeArchive(dir, 'rename-merge');
    ok(archive, ['code', 'add', 'Weather/Storm']);
    ok(archive, ['code', 'add', 'Weather/Gale/Night']);
    json(archive, ['highlight', String(ids.harbour), '--quote', 'closed the harbour', '--code', 'Weather/Gale']);
    expect(ok(archive, ['code', 'rename', 'Weather/Storm', 'Tempest'])).toMatch(/^Renamed Weather\/Storm to Weather\/Tempest\./);
    expect(fails(archive, ['code', 'rename', 'Weather/Tempest', 'A/B'], 2)).toMatch(/a name, not a path/);
    expect(ok(archive, ['code', 'merge', 'Weather/Gale', 'Weather/Tempest'])).toMatch(/Merged Weather\/Gale into Weather\/Tempest: 1 sub-code and 1 highlight moved/);
    expect(json(archive, ['codes'])[0].children.map((c: { path: string }) => c.path)).toEqual(['Weather/Tempest']);
    expect(json(archive, ['highlights', '--code', 'Weather/Tempest']).highlights[0].codes).toEqual(['Weather/Tempest']);
    expect(json(archive, ['codes'])[0].children[0].children.map((c: { path: string }) => c.path)).toEqual(['Weather/Tempest/Night']);
    expect(fails(archive, ['code', 'add', 'Other', '--color', 'red'], 1)).toMatch(/colour like #/);
    expect(json(archive, ['codes']).map((c: { name: string }) => c.name)).toEqual(['Weather']);
  });

  it('deletes a code as asked and says how much hung under it', () => {
    const { archive, ids } = makeArchive(dir, 'code-delete');
    ok(archive, ['code', 'add', 'Place/Port']);
    ok(archive, ['code', 'add', 'Place/Market']);
    ok(archive, ['code', 'add', 'Other']);
    json(archive, ['highlight', String(ids.harbour), '--quote', 'harbour at dawn', '--code', 'Place/Port']);
    json(archive, ['highlight', String(ids.market), '--quote', 'sold', '--code', 'Place/Market', '--code', 'Other']);
    expect(ok(archive, ['code', 'delete', 'Place', '--mode', 'delete'])).toMatch(/2 sub-codes deleted with it; of 2 highlights carrying them, 1 highlight had no other code and went to the trash/);
    expect(json(archive, ['highlights']).total).toBe(1);
    ok(archive, ['undo']);
    expect(json(archive, ['highlights']).total).toBe(2);
    expect(ok(archive, ['code', 'delete', 'Place'])).toMatch(/2 sub-codes moved up to the root/);
    expect(json(archive, ['codes']).map((c: { path: string }) => c.path).sort()).toEqual(['Market', 'Other', 'Port']);
    expect(fails(archive, ['code', 'delete', 'Port', '--mode', 'merge'], 2)).toMatch(/--into/);
    expect(ok(archive, ['code', 'delete', 'Port', '--into', 'Other'])).toMatch(/0 sub-codes and 1 highlight moved into Other/);
    expect(json(archive, ['highlights', '--code', 'Other']).total).toBe(2);
  });
});
