// A .qdpx as other tools write it (`Sources/` capitalised, another *.qde name, GUIDs upper-case in
// braces, a byte-order mark and CRLF line ends in the text, #RGB colours, a picture source and a
// loose note), and Quire's own .qdpx brought into an empty archive.
import fs from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { Archive } from '../../../electron/core/archive.ts';
import type { Code, ImportProjectReport } from '../../../shared/contract.ts';
import { entryText, sliceCodePoints } from '../../../shared/entry-text.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { buildCollection } from './build-collection.ts';

const G = {
  src: '{6F9619FF-8B86-D011-B42D-00C04FC964FF}',
  codeParent: '{A1B2C3D4-0000-4000-8000-000000000001}',
  codeChild: '{A1B2C3D4-0000-4000-8000-000000000002}',
  sel1: '{B1B2C3D4-0000-4000-8000-000000000001}',
  sel2: '{B1B2C3D4-0000-4000-8000-000000000002}',
  note: '{C1B2C3D4-0000-4000-8000-000000000001}',
  loose: '{C1B2C3D4-0000-4000-8000-000000000002}',
  pic: '{D1B2C3D4-0000-4000-8000-000000000001}',
  set: '{E1B2C3D4-0000-4000-8000-000000000001}',
  user: '{F1B2C3D4-0000-4000-8000-000000000001}',
};

/** Code point offsets of a quote in a text, as another tool counts them (CRLF is two). */
function span(text: string, quote: string): [number, number] {
  const at = text.indexOf(quote);
  const start = Array.from(text.slice(0, at)).length;
  return [start, start + Array.from(quote).length];
}

function otherToolProject(): Uint8Array {
  const text = 'Q: How was the flood?\r\nA: Terrible 😢 and the باران came fast.\r\nQ: And after?\r\n';
  const [s1, e1] = span(text, 'the flood');
  const [s2, e2] = span(text, 'باران came fast');
  const qde = `<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Flood interviews" origin="Another QDA 3.1">
  <Users><User guid="${G.user}" name="Researcher"/></Users>
  <CodeBook><Codes>
    <Code guid="${G.codeParent}" name="Weather" isCodable="false" color="#36c">
      <Description>Anything about weather</Description>
      <Code guid="${G.codeChild}" name="Rain" isCodable="true" color="#1E90FF"/>
    </Code>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="${G.src}" name="Interview one" plainTextPath="internal://${G.src}.txt">
      <PlainTextSelection guid="${G.sel1}" startPosition="${s1}" endPosition="${e1}">
        <Coding guid="{99999999-0000-4000-8000-000000000001}"><CodeRef targetGUID="${G.codeParent.toLowerCase()}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="${G.sel2}" startPosition="${s2}" endPosition="${e2}">
        <Description>Persian word for rain</Description>
        <Coding guid="{99999999-0000-4000-8000-000000000002}"><CodeRef targetGUID="${G.codeChild}"/></Coding>
      </PlainTextSelection>
      <NoteRef targetGUID="${G.note}"/>
    </TextSource>
    <PictureSource guid="${G.pic}" name="Photo" path="internal://photo.jpg"/>
  </Sources>
  <Notes>
    <Note guid="${G.note}" name="memo"><PlainTextContent>Second visit planned.</PlainTextContent></Note>
    <Note guid="${G.loose}" name="other"><PlainTextContent>Unattached.</PlainTextContent></Note>
  </Notes>
  <Sets><Set guid="${G.set}" name="Wave 1"><MemberSource targetGUID="${G.src}"/></Set></Sets>
</Project>`;
  return zipSync({
    'Another Project.qde': strToU8(qde),
    [`Sources/${G.src}.txt`]: new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8(text)]),
    'Sources/photo.jpg': new Uint8Array([0xff, 0xd8, 0xff]),
  });
}

describe('import a .qdpx project', () => {
  const dir = tempDir('quire-qdpx-');
  const archives: Archive[] = [];
  afterAll(() => archives.forEach((a) => a.close()));
  const open = (name: string) => {
    const a = new Archive(path.join(dir, name));
    archives.push(a);
    return a;
  };

  it("reads another tool's codebook, text source and codings, and says what it left out", async () => {
    const file = path.join(dir, 'flood.qdpx');
    fs.writeFileSync(file, otherToolProject());
    const archive = open('other.quire');
    const report = (await archive.call('importProject', { path: file })) as ImportProjectReport;
    expect(report).toMatchObject({ format: 'qdpx', created: { sources: 1, entries: 1, codes: 2, highlights: 2, notes: 1, collections: 1 } });
    expect(report.warnings.join('\n')).toMatch(/1 PictureSource left out/);
    expect(report.warnings.join('\n')).toMatch(/1 project note not attached/);

    const codes = archive.call('listCodes', undefined) as Code[];
    expect(codes.map((c) => [c.path, c.color, c.description])).toEqual([
      ['Weather', '#3366cc', 'Anything about weather'],
      ['Weather/Rain', '#1e90ff', null],
    ]);
    const entry = archive.db.prepare('SELECT id, guid, title, body FROM entries').get() as { id: number; guid: string; title: string; body: string };
    expect(entry.guid).toBe('6f9619ff-8b86-d011-b42d-00c04fc964ff');
    expect(entry.title).toBe('Interview one');
    expect(entry.body.startsWith('Q: How')).toBe(true); // the byte-order mark is gone
    expect(entry.body).not.toContain('\r');
    const text = entryText(entry.title, entry.body);
    const hs = archive.db.prepare('SELECT guid, start, end, exact, note FROM highlights ORDER BY start').all() as { guid: string; start: number; end: number; exact: string; note: string | null }[];
    expect(hs.map((h) => h.exact)).toEqual(['the flood', 'باران came fast']);
    for (const h of hs) expect(sliceCodePoints(text, h.start, h.end)).toBe(h.exact);
    expect(hs[1]).toMatchObject({ guid: 'b1b2c3d4-0000-4000-8000-000000000002', note: 'Persian word for rain' });
    expect(archive.db.prepare('SELECT text FROM entry_notes').pluck().get()).toBe('Second visit planned.');
    expect(archive.db.prepare('SELECT name FROM collections').pluck().get()).toBe('Wave 1');

    // Twice: nothing new.
    const again = (await archive.call('importProject', { path: file })) as ImportProjectReport;
    expect(again.created).toEqual({ sources: 0, entries: 0, codes: 0, highlights: 0, notes: 0, collections: 0 });
  });

  it("Quire's own .qdpx comes back into an empty archive with every highlight in place", async () => {
    const built = await buildCollection(dir, 'source.quire');
    archives.push(built.archive);
    const file = path.join(dir, 'own.qdpx');
    await built.archive.call('exportArchive', { scope: { kind: 'collection', collectionId: built.collection.id }, format: 'qdpx', path: file });
    const archive = open('own-copy.quire');
    const report = (await archive.call('importProject', { path: file })) as ImportProjectReport;
    expect(report.created).toMatchObject({ entries: 4, codes: 5, highlights: 8 });
    const pick = (a: Archive) =>
      a.db
        .prepare(
          `SELECT h.guid, e.guid AS entry, e.title, h.start, h.end, h.exact, h.note FROM highlights h JOIN entries e ON e.id = h.entry_id ORDER BY h.guid`,
        )
        .all();
    expect(pick(archive)).toEqual(pick(built.archive));
  });
});
