// REFI-QDA project (.qdpx, QDA-XML 1.0): a zip of project.qde and a flat lowercase `sources/`
// folder. Each entry is a TextSource whose plain text is `sources/GUID.txt`: the entry text
// (title, blank line, body) in UTF-8 without a byte-order mark, lines ending in "\n" (one
// position each). PlainTextSelection positions are the highlights' own code points of exactly
// that text, as the standard counts them. GUIDs are the archive's, lowercase. Entry notes are
// project Notes (NoteRef from their source); a highlight's note is its selection's Description;
// collections are Sets of their sources. project.qde is streamed to a scratch file first, because
// zip members are written one after another and the sources go in as entries are read.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { guidFromHash } from '../db/guids.ts';
import { citedSource } from './citation.ts';
import type { ExportCode, Exporter } from './export-model.ts';
import { ExportSink, ZipWriter } from './export-sink.ts';
import { xmlAttr, xmlText } from './xml-text.ts';

/** The one user Quire names as the author of everything it exports (REFI asks for named Users). */
export const QUIRE_USER_GUID = guidFromHash(crypto.createHash('sha256').update('quire-user').digest('hex'));

export const exportQdpx: Exporter = async (job) => {
  const { options } = job;
  const zip = new ZipWriter(job.sink);
  const qdePath = `${job.scratchPath}.qde`;
  const notesPath = `${job.scratchPath}.notes`;
  const qde = await ExportSink.open(qdePath);
  const notes = await ExportSink.open(notesPath);
  let hasNotes = false;
  try {
    const user = QUIRE_USER_GUID;
    const when = options.exportedAt.replace(/\.\d+Z$/, 'Z');
    await qde.write(
      `<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="${xmlAttr(options.title)}" origin="Quire ${xmlAttr(options.appVersion)}" creatingUserGUID="${user}" creationDateTime="${when}">\n` +
        `<Users><User guid="${user}" name="Quire"/></Users>\n`,
    );
    if (job.codes.length > 0) await qde.write(`<CodeBook><Codes>\n${codeTree(job.codes, null)}</Codes></CodeBook>\n`);
    let sources = 0;
    for await (const page of job.pages()) {
      for (const entry of page) {
        if (sources === 0) await qde.write('<Sources>\n');
        sources++;
        const guid = entry.guid.toLowerCase();
        // Stored, not deflated: fflate sets up a deflate stream per member, milliseconds each, which
        // made 2,000 small texts take seconds; project.qde, the one big member, is deflated.
        await zip.add(`sources/${guid}.txt`, entry.text, true);
        const meta = [
          entry.title,
          [entry.date, entry.author, entry.outlet].filter(Boolean).join(' · '),
          entry.url ?? '',
          ...entry.provenance.map(citedSource).map((c) => `Source: ${c.file} (SHA-256 ${c.sha256}), ${c.locator}`),
        ]
          .filter(Boolean)
          .join('\n');
        const parts = [
          `<TextSource guid="${guid}" name="${xmlAttr(sourceName(entry.title, entry.text))}" plainTextPath="internal://${guid}.txt" creatingUser="${user}" creationDateTime="${stamp(entry.createdAt)}">`,
          `<Description>${xmlText(meta)}</Description>`,
        ];
        for (const h of entry.highlights) {
          parts.push(
            `<PlainTextSelection guid="${h.guid.toLowerCase()}" name="${xmlAttr(truncate(h.exact, 80))}" startPosition="${h.start}" endPosition="${h.end}" creatingUser="${user}" creationDateTime="${stamp(h.createdAt)}">`,
          );
          if (h.note) parts.push(`<Description>${xmlText(h.note)}</Description>`);
          for (const c of h.codes) {
            const coding = guidFromHash(crypto.createHash('sha256').update(`${h.guid}:${c.guid}`).digest('hex'));
            parts.push(`<Coding guid="${coding}" creatingUser="${user}"><CodeRef targetGUID="${c.guid.toLowerCase()}"/></Coding>`);
          }
          parts.push('</PlainTextSelection>');
        }
        for (const n of entry.notes) {
          parts.push(`<NoteRef targetGUID="${n.guid.toLowerCase()}"/>`);
          if (!hasNotes) await notes.write('<Notes>\n');
          hasNotes = true;
          await notes.write(
            `<Note guid="${n.guid.toLowerCase()}" name="${xmlAttr(truncate(n.text, 80))}" creatingUser="${user}" creationDateTime="${stamp(n.createdAt)}"><PlainTextContent>${xmlText(n.text)}</PlainTextContent></Note>\n`,
          );
        }
        parts.push('</TextSource>\n');
        await qde.write(parts.join(''));
      }
      await qde.drain();
    }
    if (sources > 0) await qde.write('</Sources>\n');
    if (hasNotes) {
      await notes.write('</Notes>\n');
      await notes.close();
      await qde.drain();
      await appendFile(qde, notesPath);
    }
    const sets: string[] = [];
    for await (const c of job.collections()) {
      if (c.entryGuids.length === 0) continue; // a Set lists sources; single highlights cannot be members
      sets.push(
        `<Set guid="${c.collection.guid.toLowerCase()}" name="${xmlAttr(c.collection.name)}">${c.collection.description ? `<Description>${xmlText(c.collection.description)}</Description>` : ''}${c.entryGuids.map((g) => `<MemberSource targetGUID="${g.toLowerCase()}"/>`).join('')}</Set>\n`,
      );
    }
    if (sets.length > 0) await qde.write(`<Sets>\n${sets.join('')}</Sets>\n`);
    await qde.write('</Project>\n');
    await qde.close();
    await zip.addFile('project.qde', qdePath);
    await zip.end();
  } finally {
    await notes.close().catch(() => {});
    await qde.close().catch(() => {});
    await fs.promises.rm(qdePath, { force: true });
    await fs.promises.rm(notesPath, { force: true });
  }
};

function codeTree(codes: ExportCode[], parentId: number | null): string {
  return codes
    .filter((c) => c.parentId === parentId)
    .map((c) => {
      const inner = `${c.description ? `<Description>${xmlText(c.description)}</Description>` : ''}${codeTree(codes, c.id)}`;
      return `<Code guid="${c.guid.toLowerCase()}" name="${xmlAttr(c.name)}" isCodable="true" color="${hexColor(c.color)}"${inner ? `>${inner}</Code>` : '/>'}\n`;
    })
    .join('');
}

async function appendFile(sink: ExportSink, file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.alloc(256 * 1024);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      await sink.write(buffer.subarray(0, bytesRead).slice());
    }
  } finally {
    await handle.close();
  }
}

/** #RRGGBB only: other forms have crashed importers. */
function hexColor(color: string): string {
  const c = color.trim();
  if (/^#[0-9a-fA-F]{6}$/.test(c)) return c.toUpperCase();
  if (/^#[0-9a-fA-F]{3}$/.test(c)) return `#${[...c.slice(1)].map((x) => x + x).join('')}`.toUpperCase();
  return '#F2C94C';
}

function stamp(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? new Date(0).toISOString().replace(/\.\d+Z$/, 'Z') : d.toISOString().replace(/\.\d+Z$/, 'Z');
}

/** The title itself (an importer that finds it opening the text takes it back as the title), else the text's start. */
function sourceName(title: string, text: string): string {
  return title || truncate(text, 100) || 'Untitled';
}

function truncate(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(oneLine);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : oneLine;
}
