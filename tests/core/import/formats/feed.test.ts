// RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one entry per item with its title, link, date, author and
// text, imported through the real import path, each entry pointing back at its item in the file.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EntryDetail, EntryOriginal, EntryProvenance, ImportFileResult, ImportReport, SourceLocator } from '../../../../shared/contract.ts';
import { Archive } from '../../../../electron/core/archive.ts';
import { detectFormat } from '../../../../electron/core/import/formats/detect-format.ts';
import { tempDir } from '../../../helpers/temp-dir.ts';
import { encodeSingleByte, encodeUtf16 } from '../fixtures/encode-legacy.ts';
import { storedText as sourceText } from '../../../helpers/source-content.ts';

type FeedLocator = Extract<SourceLocator, { kind: 'feed' }>;

interface Imported {
  entry: EntryDetail;
  locator: FeedLocator;
  original: EntryOriginal;
}

const RSS2 = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>Harbourside Weekly</title>
  <link>https://harbourside.example/</link>
  <atom:link href="https://harbourside.example/feed" rel="self" type="application/rss+xml"/>
  <description>News from the quay</description>
  <item>
    <title>Ferry &amp; tram fares frozen</title>
    <link>https://harbourside.example/2019/fares</link>
    <guid isPermaLink="false">fares-2019</guid>
    <pubDate>Tue, 05 Mar 2019 08:30:00 +0000</pubDate>
    <dc:creator>Tomasz Wielgus</dc:creator>
    <description><![CDATA[<p>A short teaser only.</p>]]></description>
    <content:encoded><![CDATA[<p>The transit board froze <b>ferry</b> and tram fares for another year.</p>
<p>Season tickets stay at last year's price.</p><script>trackReader()</script>]]></content:encoded>
  </item>
  <item>
    <title>Lighthouse open day</title>
    <link>https://harbourside.example/2019/lighthouse</link>
    <pubDate>Sat, 16 Mar 2019 10:00:00 GMT</pubDate>
    <author>desk@harbourside.example (Ines Calderón)</author>
    <description>&lt;p&gt;Visitors may climb the lighthouse on Saturday.&lt;/p&gt;&lt;p&gt;Bring sturdy shoes &amp;amp; a coat.&lt;/p&gt;</description>
    <source url="https://coastalwire.example/rss">Coastal Wire</source>
  </item>
  <item>
    <title>Quay lights replaced</title>
    <guid>https://harbourside.example/2019/quay-lights</guid>
    <pubDate>Mon, 25 Mar 2019 07:15:00 +0100</pubDate>
    <description>The old sodium lamps on the quay gave way to LED lights this week.</description>
  </item>
</channel>
</rss>
`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title type="text">Valley Field Notes</title>
  <link href="https://fieldnotes.example/"/>
  <link rel="self" href="https://fieldnotes.example/atom.xml"/>
  <id>urn:uuid:6a1f0d52-field-notes</id>
  <updated>2018-06-02T12:00:00Z</updated>
  <author><name>Field Notes Desk</name></author>
  <entry>
    <title type="html">Orchard &lt;em&gt;survey&lt;/em&gt; finished</title>
    <link rel="alternate" type="text/html" href="/2018/orchard"/>
    <link rel="edit" href="https://fieldnotes.example/edit/1"/>
    <id>tag:fieldnotes.example,2018:1</id>
    <published>2018-05-30T09:00:00+02:00</published>
    <updated>2018-06-01T10:00:00Z</updated>
    <author><name>Ravi Menon</name></author>
    <author><name>Dagny Holm</name><email>dagny@fieldnotes.example</email></author>
    <summary>A summary that the full content outranks.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Volunteers counted 412 apple trees in the lower orchard.</p><p>Most of them were <strong>healthy</strong>; nine need pruning.</p></div></content>
  </entry>
  <entry>
    <title>Beehive census</title>
    <link href="https://fieldnotes.example/2018/bees"/>
    <id>tag:fieldnotes.example,2018:2</id>
    <updated>2018-06-02T08:00:00Z</updated>
    <content type="html">&lt;p&gt;Forty hives were checked on the south slope.&lt;/p&gt;&lt;p&gt;Two colonies had swarmed.&lt;/p&gt;</content>
  </entry>
</feed>
`;

const RDF = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://moorland.example/">
    <title>Moorland Bulletin</title>
    <link>https://moorland.example/</link>
    <description>Notes from the high moor</description>
    <items><rdf:Seq><rdf:li rdf:resource="https://moorland.example/n/1"/><rdf:li rdf:resource="https://moorland.example/n/2"/></rdf:Seq></items>
  </channel>
  <item rdf:about="https://moorland.example/n/1">
    <title>Peat bog restoration</title>
    <link>https://moorland.example/n/1</link>
    <description>Dams of heather bales now hold water on the upper bog.</description>
    <dc:date>2017-10-12T07:00:00Z</dc:date>
    <dc:creator>Agnes Thornbury</dc:creator>
  </item>
  <item rdf:about="https://moorland.example/n/2">
    <title>Curlew count</title>
    <description>Walkers logged eleven curlews along the east ridge.</description>
    <dc:date>2017-10-19</dc:date>
    <dc:creator>Bram Oduya</dc:creator>
  </item>
</rdf:RDF>
`;

describe('feed import', () => {
  const dir = tempDir();
  const archive = new Archive(path.join(dir, 'feeds.quire'));
  afterAll(() => archive.close());

  async function importFile(name: string, content: string | Uint8Array): Promise<ImportFileResult> {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    const report = (await archive.call('importFiles', { paths: [file] })) as ImportReport;
    return report.files[0]!;
  }

  /** Imports one feed and returns each of its entries, in file order, with its locator and its original. */
  async function importFeed(name: string, content: string | Uint8Array): Promise<Imported[]> {
    const result = await importFile(name, content);
    expect(result).toMatchObject({ status: 'imported', format: 'feed' });
    const ids = (archive.db.prepare('SELECT entry_id AS id FROM entry_sources WHERE source_id = ? ORDER BY ordinal').all(result.sourceId!) as { id: number }[]).map((r) => r.id);
    const storedText = sourceText(archive.db, result.sourceId!);
    const out: Imported[] = [];
    for (const id of ids) {
      const entry = (await archive.call('getEntry', { id })) as EntryDetail;
      const prov = entry.provenance.find((p: EntryProvenance) => p.sourceId === result.sourceId)!;
      // The body span a citation quotes (export verification reads it) is the body in the stored text.
      expect(storedText.slice(prov.bodyStart!, prov.bodyEnd!)).toBe(entry.body);
      out.push({ entry, locator: prov.locator as FeedLocator, original: await archive.call('getEntryOriginal', { id, sourceId: result.sourceId! }) });
    }
    return out;
  }

  /** The locator, followed in the decoded file alone, is the item's element and holds what the entry shows. */
  function expectLocatesItem(decoded: string, got: Imported, tag: 'item' | 'entry', written: string): void {
    const { locator, original, entry } = got;
    expect(locator).toMatchObject({ kind: 'feed', extractor: 'quire-feed/1' });
    const element = decoded.slice(locator.start, locator.end);
    expect(element).toMatch(new RegExp(`^<${tag}[\\s>][\\s\\S]*</${tag}>$`, 'u'));
    expect(element).toContain(written);
    expect(original.text).toBe(element);
    expect(original.label).toBe(`element ${locator.path}`);
    // Every other item's text is outside this span.
    expect(element.match(new RegExp(`<${tag}[\\s>]`, 'gu'))).toHaveLength(1);
    const titleMark = original.marks.find((m) => m.field === 'title');
    if (titleMark?.verbatim) expect(original.text.slice(titleMark.start, titleMark.end)).toBe(entry.title);
    expect(original.marks.some((m) => m.field === 'body')).toBe(true);
  }

  it('RSS 2.0: one entry per item, CDATA and entity-escaped HTML read as text, the channel as the outlet', async () => {
    const got = await importFeed('harbourside.rss', RSS2);
    expect(got).toHaveLength(3);
    const [fares, lighthouse, lights] = got.map((g) => g.entry);
    expect(fares).toMatchObject({
      title: 'Ferry & tram fares frozen',
      url: 'https://harbourside.example/2019/fares',
      date: '2019-03-05',
      author: 'Tomasz Wielgus',
      outlet: 'Harbourside Weekly',
      // content:encoded, not the teaser in description; paragraphs kept, markup and script gone.
      body: "The transit board froze ferry and tram fares for another year.\n\nSeason tickets stay at last year's price.",
    });
    expect(lighthouse).toMatchObject({
      title: 'Lighthouse open day',
      url: 'https://harbourside.example/2019/lighthouse',
      date: '2019-03-16',
      author: 'Ines Calderón',
      outlet: 'Coastal Wire',
      body: 'Visitors may climb the lighthouse on Saturday.\n\nBring sturdy shoes & a coat.',
    });
    // A permalink guid stands in for a missing <link>.
    expect(lights).toMatchObject({ title: 'Quay lights replaced', url: 'https://harbourside.example/2019/quay-lights', date: '2019-03-25', author: null, outlet: 'Harbourside Weekly' });
    for (const { entry } of got) expect(`${entry.title}\n${entry.body}`).not.toMatch(/<|&lt;|&amp;|CDATA|trackReader/u);

    expect(got.map((g) => g.locator.path)).toEqual([1, 2, 3].map((n) => `rss > channel > item:nth-of-type(${n})`));
    expectLocatesItem(RSS2, got[0]!, 'item', '<title>Ferry &amp; tram fares frozen</title>');
    expectLocatesItem(RSS2, got[1]!, 'item', 'Lighthouse open day');
    expectLocatesItem(RSS2, got[2]!, 'item', 'Quay lights replaced');
    // A paragraph of the CDATA HTML is marked where the file has it.
    const marked = got[0]!.original.marks.filter((m) => m.field === 'body').map((m) => got[0]!.original.text.slice(m.start, m.end));
    expect(marked).toContain("Season tickets stay at last year's price.");
  });

  it('Atom: xhtml and html content, several authors, relative links, the feed author when an entry has none', async () => {
    const got = await importFeed('fieldnotes.atom', ATOM);
    expect(got).toHaveLength(2);
    expect(got[0]!.entry).toMatchObject({
      title: 'Orchard survey finished',
      url: 'https://fieldnotes.example/2018/orchard',
      date: '2018-05-30',
      author: 'Ravi Menon, Dagny Holm',
      outlet: 'Valley Field Notes',
      body: 'Volunteers counted 412 apple trees in the lower orchard.\n\nMost of them were healthy; nine need pruning.',
    });
    expect(got[1]!.entry).toMatchObject({
      title: 'Beehive census',
      url: 'https://fieldnotes.example/2018/bees',
      date: '2018-06-02',
      author: 'Field Notes Desk',
      outlet: 'Valley Field Notes',
      body: 'Forty hives were checked on the south slope.\n\nTwo colonies had swarmed.',
    });
    expect(got.map((g) => g.locator.path)).toEqual(['feed > entry:nth-of-type(1)', 'feed > entry:nth-of-type(2)']);
    expectLocatesItem(ATOM, got[0]!, 'entry', 'Volunteers counted 412 apple trees');
    expectLocatesItem(ATOM, got[1]!, 'entry', '<title>Beehive census</title>');
  });

  it('RSS 1.0 (RDF): items beside the channel, dc:date and dc:creator, rdf:about as the link', async () => {
    const got = await importFeed('moorland.xml', RDF);
    expect(got.map((g) => g.entry)).toMatchObject([
      { title: 'Peat bog restoration', url: 'https://moorland.example/n/1', date: '2017-10-12', author: 'Agnes Thornbury', outlet: 'Moorland Bulletin', body: 'Dams of heather bales now hold water on the upper bog.' },
      { title: 'Curlew count', url: 'https://moorland.example/n/2', date: '2017-10-19', author: 'Bram Oduya', outlet: 'Moorland Bulletin', body: 'Walkers logged eleven curlews along the east ridge.' },
    ]);
    expect(got.map((g) => g.locator.path)).toEqual(['rdf:RDF > item:nth-of-type(1)', 'rdf:RDF > item:nth-of-type(2)']);
    got.forEach((g, i) => expectLocatesItem(RDF, g, 'item', ['Peat bog restoration', 'Curlew count'][i]!));
  });

  it('a video feed: the Media RSS description is the text of entries that have no content', async () => {
    const video = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
  <title>Canal Workshop Videos</title>
  <link rel="alternate" href="https://video.example/canal-workshop"/>
  <entry>
    <title>Rebuilding a lock gate</title>
    <link rel="alternate" href="https://video.example/watch/lock-gate"/>
    <author><name>Canal Workshop</name></author>
    <published>2016-02-11T15:00:00+00:00</published>
    <media:group>
      <media:title>Rebuilding a lock gate</media:title>
      <media:description>Oak beams are fitted to the new gate.
Filmed over three days at the lower lock.</media:description>
    </media:group>
  </entry>
</feed>
`;
    const [got] = await importFeed('videos.xml', video);
    expect(got!.entry).toMatchObject({
      title: 'Rebuilding a lock gate',
      url: 'https://video.example/watch/lock-gate',
      date: '2016-02-11',
      author: 'Canal Workshop',
      outlet: 'Canal Workshop Videos',
      body: 'Oak beams are fitted to the new gate.\nFilmed over three days at the lower lock.',
    });
    expectLocatesItem(video, got!, 'entry', 'Oak beams are fitted to the new gate.');
  });

  it('honours the encoding the XML prolog declares (windows-1252, ISO-8859-2, Shift_JIS, UTF-16)', async () => {
    const feed = (encoding: string, title: string, body: string) =>
      `<?xml version="1.0" encoding="${encoding}"?>\n<rss version="2.0"><channel><title>Gazette du Quai</title>\n<item><title>${title}</title><link>https://quai.example/a</link><description>${body}</description></item>\n</channel></rss>\n`;

    // Without the declaration these bytes read best as Cyrillic (windows-1251) and as windows-1252.
    const cp1252 = feed('windows-1252', 'Café “Les Tilleuls”: ½ tasse offerte', 'Recette du jour: ½ tasse de farine, ¼ de sucre — façade repeinte.');
    const [a] = await importFeed('quai-1252.xml', encodeSingleByte(cp1252, 'windows-1252'));
    expect(a!.entry).toMatchObject({ title: 'Café “Les Tilleuls”: ½ tasse offerte', body: 'Recette du jour: ½ tasse de farine, ¼ de sucre — façade repeinte.', outlet: 'Gazette du Quai' });
    expectLocatesItem(cp1252, a!, 'item', 'Café “Les Tilleuls”: ½ tasse offerte');

    const latin2 = feed('ISO-8859-2', 'Zażółć gęślą jaźń', 'Świętokrzyskie: nowa ścieżka rowerowa, źródło w Łodzi.');
    const [b] = await importFeed('szlak-latin2.xml', encodeSingleByte(latin2, 'iso-8859-2'));
    expect(b!.entry).toMatchObject({ title: 'Zażółć gęślą jaźń', body: 'Świętokrzyskie: nowa ścieżka rowerowa, źródło w Łodzi.' });
    expectLocatesItem(latin2, b!, 'item', 'Zażółć gęślą jaźń');

    // A multi-byte legacy encoding, bytes written by hand: 日本の港 and 港の新しい橋 in Shift_JIS.
    const sjis = Uint8Array.from([
      ...Buffer.from(feed('Shift_JIS', '@T@', '@B@').split('@T@')[0]!, 'latin1'),
      ...[0x93, 0xfa, 0x96, 0x7b, 0x82, 0xcc, 0x8d, 0x60],
      ...Buffer.from(feed('Shift_JIS', '@T@', '@B@').split('@T@')[1]!.split('@B@')[0]!, 'latin1'),
      ...[0x8d, 0x60, 0x82, 0xcc, 0x90, 0x56, 0x82, 0xb5, 0x82, 0xa2, 0x8b, 0xb4],
      ...Buffer.from(feed('Shift_JIS', '@T@', '@B@').split('@B@')[1]!, 'latin1'),
    ]);
    const [j] = await importFeed('minato-sjis.xml', sjis);
    expect(j!.entry).toMatchObject({ title: '日本の港', body: '港の新しい橋' });
    expectLocatesItem(feed('Shift_JIS', '日本の港', '港の新しい橋'), j!, 'item', '<title>日本の港</title>');

    const utf16 = feed('UTF-16', 'Ωδείο: νέα αίθουσα', 'Η νέα αίθουσα ανοίγει τον Μάιο.');
    const [c] = await importFeed('odeio.rss', encodeUtf16(utf16, 'le', true));
    expect(c!.entry).toMatchObject({ title: 'Ωδείο: νέα αίθουσα', body: 'Η νέα αίθουσα ανοίγει τον Μάιο.' });
    expectLocatesItem(utf16, c!, 'item', 'Ωδείο: νέα αίθουσα');
  });

  it('keeps the UTF-8 reading of a feed whose prolog declares a legacy code page its bytes are not in, and says so', async () => {
    // A common server misconfiguration: UTF-8 bytes under encoding="ISO-8859-1".
    const lying = '<?xml version="1.0" encoding="ISO-8859-1"?>\n<rss version="2.0"><channel><title>Gazette du Quai</title><item><title>Crème brûlée au marché</title><description>Dès samedi, stand n° 4.</description></item></channel></rss>\n';
    const result = await importFile('quai-lying.xml', new TextEncoder().encode(lying));
    expect(result).toMatchObject({ status: 'imported', encoding: 'utf-8', warnings: ['This feed declares ISO-8859-1, but its bytes are valid UTF-8 text; it was read as UTF-8.'] });
    const id = archive.db.prepare('SELECT entry_id FROM entry_sources WHERE source_id = ?').pluck().get(result.sourceId!) as number;
    expect(((await archive.call('getEntry', { id })) as EntryDetail).title).toBe('Crème brûlée au marché');
  });

  it('a feed with no items says so and imports nothing', async () => {
    const before = archive.call('stats', undefined);
    const empty = '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Quiet Parish News</title><link>https://parish.example/</link></channel></rss>\n';
    const result = await importFile('quiet.rss', empty);
    expect(result.status).toBe('rejected');
    expect(result.error).toMatch(/^This feed has no items/u);
    expect(result.error).toContain('Quiet Parish News');
    const atom = '<feed xmlns="http://www.w3.org/2005/Atom"><title>Empty Log</title></feed>';
    expect((await importFile('empty.atom', atom)).error).toMatch(/^This feed has no items.*<entry>/u);
    expect(archive.call('stats', undefined)).toEqual(before);
  });

  it('reads what real feeds hold though strict XML refuses it: HTML entities, a stray &', async () => {
    const loose = '<rss version="2.0"><channel><title>Mill Lane Notes</title><link>https://mill.example/</link><item><title>Tea&nbsp;&amp; cake at the mill</title><guid>mill-notes-42</guid><description>Scones, jam & cream &mdash; from noon.</description></item></channel></rss>';
    const [got] = await importFeed('mill.rss', loose);
    // A guid that is no URL is not made into a link.
    expect(got!.entry).toMatchObject({ title: 'Tea & cake at the mill', body: 'Scones, jam & cream — from noon.', url: null });
  });

  it('malformed XML is refused with where it breaks, and nothing is imported', async () => {
    const before = archive.call('stats', undefined);
    const broken = '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Broken Wire</title>\n<item><title>First</title><description>Fine text.</description></item>\n<item><title>Second</title><description>Never closed.</description>\n</channel></rss>\n';
    const result = await importFile('broken.rss', broken);
    expect(result.status).toBe('rejected');
    expect(result.error).toMatch(/^Quire could not read this feed: its XML is malformed at line 5, column 1 \(<\/channel> closes <item>, which was opened at line 4\)/u);
    // A download cut off between two tags, and one cut off inside a tag.
    const cut = RSS2.slice(0, RSS2.indexOf('<pubDate>Sat'));
    expect((await importFile('cut.rss', cut)).error).toMatch(/malformed at line 18, column 3 \(<item> is never closed \(the file may be cut off\)\)/u);
    expect((await importFile('cut-tag.rss', RSS2.slice(0, RSS2.indexOf('</title>') + 4))).error).toMatch(/the file ends inside an end tag \(it may be cut off\)/u);
    expect(archive.call('stats', undefined)).toEqual(before);
  });

  it('is recognised by its content whatever the file is called, and only a real feed root counts', () => {
    expect(detectFormat('harbourside.txt', RSS2)).toBe('feed');
    expect(detectFormat('download', ATOM)).toBe('feed');
    expect(detectFormat('moorland.dat', RDF)).toBe('feed');
    // A doctype and comment before the root, and an Atom feed whose namespace has a prefix.
    expect(detectFormat('x', '<?xml version="1.0"?>\n<!-- saved by a reader -->\n<!DOCTYPE rss [<!ENTITY x "y">]>\n<rss version="0.91"><channel></channel></rss>')).toBe('feed');
    expect(detectFormat('x', '<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"><atom:title>T</atom:title></atom:feed>')).toBe('feed');
    // A <feed> or <rdf:RDF> that is no Atom or RSS 1.0 feed is not taken for one.
    expect(detectFormat('config.xml', '<feed><source>db</source></feed>')).not.toBe('feed');
    expect(detectFormat('meta.xml', '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description/></rdf:RDF>')).not.toBe('feed');
    expect(detectFormat('page.html', '<html><body><p>About <rss> feeds</p></body></html>')).toBe('html');
  });
});
