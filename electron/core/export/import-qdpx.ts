// A REFI-QDA project (.qdpx) from any tool: its codebook (hierarchy, colours, memos), its text
// sources (each becomes a source row and an entry: the source's name as title, its plain text as
// body) and their PlainTextSelections with codings (highlights). Accepts `sources/` or
// `Sources/`, any *.qde name, GUIDs in either case or braces, and a leading byte-order mark
// (stripped before counting). Positions count code points of the plain text; it is stored with
// "\n" line ends and NFC, so each selection's ends are carried through that normalisation piece
// by piece. Everything else (pictures, PDFs, audio, video, cases, variables, links, graphs,
// notes not attached to a text source) is discarded with a warning, as REFI asks.
import crypto from 'node:crypto';
import { unzipSync } from 'fflate';
import { entryText, toUtf16 } from '../../../shared/entry-text.ts';
import { QuireError } from '../../../shared/errors.ts';
import type { Db } from '../db/open-archive.ts';
import { canonicalGuid, ImportRows, type ImportCounts } from './import-rows.ts';
import { child, childrenNamed, parseXml, type XmlElement } from './parse-xml.ts';

const TEXT_DECODER = new TextDecoder('utf-8');

export function importQdpx(db: Db, zipBytes: Uint8Array, fileName: string): ImportCounts {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zipBytes);
  } catch {
    throw new QuireError('invalid-input', `${fileName} is not a readable zip (.qdpx) file.`);
  }
  const names = Object.keys(files);
  const qdeName = names.find((n) => n.toLowerCase() === 'project.qde') ?? names.find((n) => /\.qde$/i.test(n) && !n.includes('/')) ?? names.find((n) => /\.qde$/i.test(n));
  if (!qdeName) throw new QuireError('invalid-input', `${fileName} has no project file (*.qde) inside.`);
  const project = parseXml(TEXT_DECODER.decode(files[qdeName]!));
  if (project.name !== 'Project') throw new QuireError('invalid-input', `${qdeName} is not a QDA-XML project (its root is <${project.name}>).`);
  const byLowerName = new Map(names.map((n) => [n.toLowerCase(), n]));
  const rows = new ImportRows(db);

  db.transaction(() => {
    const codeIds = new Map<string, number>();
    const codebook = child(project, 'CodeBook');
    const addCodes = (parent: XmlElement, parentId: number | null) => {
      childrenNamed(parent, 'Code').forEach((c, position) => {
        const name = (c.attrs['name'] ?? '').trim() || 'Unnamed code';
        const guid = canonicalGuid(c.attrs['guid']);
        const description = child(c, 'Description')?.text.trim() || null;
        const id = rows.code({ guid, parentId, name, color: hexColor(c.attrs['color']), description, position });
        if (guid) codeIds.set(guid, id);
        addCodes(c, id);
      });
    };
    if (codebook) addCodes(child(codebook, 'Codes') ?? codebook, null);

    const notes = new Map<string, string>();
    for (const n of childrenNamed(child(project, 'Notes') ?? project, 'Note')) {
      const g = canonicalGuid(n.attrs['guid']);
      const text = child(n, 'PlainTextContent')?.text ?? readInternal(files, byLowerName, n.attrs['plainTextPath']);
      if (g && text) notes.set(g, text);
    }
    const usedNotes = new Set<string>();
    const sourceEntries = new Map<string, number>();
    const sources = child(project, 'Sources');
    const others = new Map<string, number>();
    for (const s of sources?.children ?? []) {
      if (s.name !== 'TextSource') {
        others.set(s.name, (others.get(s.name) ?? 0) + 1);
        continue;
      }
      const label = s.attrs['name'] ?? '';
      const raw = child(s, 'PlainTextContent')?.text ?? readInternal(files, byLowerName, s.attrs['plainTextPath']);
      if (raw === null) {
        rows.warn(`The text source “${label || s.attrs['guid']}” has no plain text in the project (rich text alone is not read); it was left out.`);
        continue;
      }
      const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
      const selections = childrenNamed(s, 'PlainTextSelection');
      const cuts = selections.flatMap((sel) => [Number(sel.attrs['startPosition']), Number(sel.attrs['endPosition'])]);
      const { text: body, map } = normalise(text, cuts);
      // A text that opens with its source's name and a blank line (as Quire writes entries) keeps
      // that as the title; otherwise the name becomes the title, ahead of the whole text.
      const name = label.trim();
      const own = name !== '' && body.startsWith(`${name}\n\n`);
      const title = name;
      const entryBody = own ? body.slice(name.length + 2) : body;
      const entry = rows.entry({ guid: canonicalGuid(s.attrs['guid']), title, body: entryBody, date: null, dateSource: null, author: null, outlet: null, url: null, language: null, direction: /[\u0590-\u08FF]/.test(entryBody.slice(0, 500)) ? 'rtl' : 'ltr' });
      // A text already here (this archive's own export coming back) keeps its sources; a new one
      // gets the project's text as its source file.
      if (entry.created) {
        const bytes = new TextEncoder().encode(text);
        const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
        const sourceId = rows.source({
          guid: null,
          sha256,
          name: `${fileName}: ${title || s.attrs['guid'] || 'text'}.txt`,
          path: null,
          size: bytes.byteLength,
          format: 'text',
          encoding: 'utf-8',
          importedAt: new Date().toISOString(),
          bytes,
          text: body,
        });
        rows.link(entry.id, sourceId, { start: 0, end: body.length, bodyStart: own ? name.length + 2 : 0, bodyEnd: body.length, locator: { kind: 'text', extractor: 'quire-qdpx/1', start: 0, end: body.length, bodyStart: own ? name.length + 2 : 0, bodyEnd: body.length } });
      }
      const guid = canonicalGuid(s.attrs['guid']);
      if (guid) sourceEntries.set(guid, entry.id);
      if (!entry.created && entry.text !== entryText(title, entryBody) && selections.length > 0) {
        rows.warn(`“${title || guid}” is already in this archive with a different text; its ${selections.length} coded passages were left out.`);
        continue;
      }
      // Highlight positions count the entry text: the title, a blank line, then this body.
      const shift = title && !own ? Array.from(title).length + 2 : 0;
      for (const sel of selections) {
        const start = map.get(Number(sel.attrs['startPosition']));
        const end = map.get(Number(sel.attrs['endPosition']));
        if (start === undefined || end === undefined) {
          rows.warn(`A selection in “${title}” has positions that are not whole numbers; it was left out.`);
          continue;
        }
        const codes = childrenNamed(sel, 'Coding')
          .map((c) => codeIds.get(canonicalGuid(child(c, 'CodeRef')?.attrs['targetGUID']) ?? ''))
          .filter((x): x is number => x !== undefined);
        const note = child(sel, 'Description')?.text.trim() || null;
        rows.highlight({ guid: canonicalGuid(sel.attrs['guid']), entryId: entry.id, start: start + shift, end: end + shift, note, codeIds: codes }, entry.text);
      }
      for (const c of childrenNamed(s, 'Coding')) {
        rows.warn(`A coding of the whole source “${title}” (not of a passage) was left out.`);
        void c;
      }
      for (const ref of childrenNamed(s, 'NoteRef')) {
        const g = canonicalGuid(ref.attrs['targetGUID']);
        const text = g ? notes.get(g) : undefined;
        if (g && text) {
          rows.note(entry.id, { guid: g, text });
          usedNotes.add(g);
        }
      }
    }
    for (const [kind, n] of others) rows.warn(`${n} ${kind}${n === 1 ? '' : 's'} left out: Quire reads text sources only.`);
    const loose = [...notes.keys()].filter((g) => !usedNotes.has(g)).length;
    if (loose > 0) rows.warn(`${loose} project note${loose === 1 ? '' : 's'} not attached to a text source left out.`);
    for (const set of childrenNamed(child(project, 'Sets') ?? project, 'Set')) {
      const members = childrenNamed(set, 'MemberSource')
        .map((m) => sourceEntries.get(canonicalGuid(m.attrs['targetGUID']) ?? ''))
        .filter((x): x is number => x !== undefined);
      if (members.length > 0) rows.collection({ guid: canonicalGuid(set.attrs['guid']), name: (set.attrs['name'] ?? '').trim() || 'Set', description: child(set, 'Description')?.text.trim() || null }, members, []);
    }
    for (const kind of ['Cases', 'Variables', 'Links', 'Graphs']) {
      if (child(project, kind)) rows.warn(`The project's ${kind.toLowerCase()} were left out: Quire has no place for them.`);
    }
  })();
  return rows.counts;
}

function readInternal(files: Record<string, Uint8Array>, byLowerName: Map<string, string>, ref: string | undefined): string | null {
  if (!ref) return null;
  const rel = ref.replace(/^internal:\/\//i, '').replace(/\\/g, '/');
  const name = byLowerName.get(`sources/${rel}`.toLowerCase()) ?? byLowerName.get(rel.toLowerCase());
  if (!name) return null;
  return TEXT_DECODER.decode(files[name]!);
}

/**
 * The text as the archive stores it (NFC, "\n" line ends) and where each cut (a code point
 * offset of the original) lands in it, in code points. Each stretch between cuts is normalised
 * on its own, so every cut has an exact place.
 */
export function normalise(text: string, cuts: number[]): { text: string; map: Map<number, number> } {
  const points = [...new Set(cuts.filter((c) => Number.isInteger(c) && c >= 0))].sort((a, b) => a - b);
  const map = new Map<number, number>();
  let out = '';
  let outPoints = 0;
  let at16 = 0;
  let atPoints = 0;
  const norm = (s: string) => s.replace(/\r\n?/g, '\n').normalize('NFC');
  let pendingCr = false;
  for (const cut of points) {
    const to16 = toUtf16(text, cut);
    if (cut > atPoints && to16 === at16) {
      map.set(cut, outPoints + (cut - atPoints)); // past the end: the highlight check reports it
      continue;
    }
    let piece = text.slice(at16, to16);
    // A cut between \r and \n: the pair is one line end, placed before the cut.
    if (pendingCr && piece.startsWith('\n')) piece = piece.slice(1);
    pendingCr = piece.endsWith('\r');
    const n = norm(piece);
    out += n;
    outPoints += Array.from(n).length;
    map.set(cut, outPoints);
    at16 = to16;
    atPoints = cut;
  }
  let rest = text.slice(at16);
  if (pendingCr && rest.startsWith('\n')) rest = rest.slice(1);
  out += norm(rest);
  return { text: out, map };
}

function hexColor(color: string | undefined): string {
  const c = (color ?? '').trim();
  if (/^#[0-9a-fA-F]{6}$/.test(c)) return c.toLowerCase();
  if (/^#[0-9a-fA-F]{3}$/.test(c)) return `#${[...c.slice(1)].map((x) => x + x).join('')}`.toLowerCase();
  return '#f2c94c';
}
