// Web pages as scraped: the article chosen by Readability out of real page furniture (WordPress
// wrappers, share bars, sign-up boxes, related lists, comments), the text still in paragraphs, the
// date and title from the page, and the locator still pointing at the article's own markup.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EntryDetail, EntryOriginal, ImportReport, SourceLocator } from '../../../../shared/contract.ts';
import { Archive } from '../../../../electron/core/archive.ts';
import { readerNotes, readHtmlPage } from '../../../../electron/core/import/formats/import-html.ts';
import { renderText } from '../../../../electron/core/import/formats/html-to-text.ts';
import { type HtmlElement, parseHtml } from '../../../../electron/core/import/formats/html-tree.ts';
import { parseDocument } from '../../../../electron/core/import/parse-document.ts';
import { tempDir } from '../../../helpers/temp-dir.ts';
import { utf8 } from '../fixtures/encode-legacy.ts';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../fixtures/html', name), 'utf8');
const NEWS = fixture('news-wordpress.html');
const ADVOCACY = fixture('advocacy-sidebar-layout.html');
const LISTING = fixture('link-listing.html');
const PERSIAN = fixture('rtl-persian.html');

type HtmlLocator = Extract<SourceLocator, { kind: 'html' }>;

/** Follows a locator's path (`html > body > div:nth-of-type(2)`) in the page, as a reader of the file alone would. */
function follow(html: string, locator: HtmlLocator): HtmlElement {
  let el = parseHtml(html);
  for (const step of locator.path.split(' > ')) {
    const [, tag, nth] = /^([^:]+)(?::nth-of-type\((\d+)\))?$/u.exec(step)!;
    const same = el.children.filter((c): c is HtmlElement => typeof c !== 'string' && c.tag === tag);
    el = same[nth ? Number(nth) - 1 : 0]!;
    expect(el, `step ${step} of ${locator.path}`).toBeDefined();
  }
  return el;
}

/** The entry's body is that element's text, and the element's markup is the locator's span. */
function expectLocatorResolves(html: string, locator: HtmlLocator, paragraphs: string[]): void {
  const el = follow(html, locator);
  expect([el.start, el.end]).toEqual([locator.start, locator.end]);
  const region = renderText(parseHtml(html.slice(locator.start, locator.end)), { skip: () => false });
  for (const p of paragraphs) expect(region).toContain(p);
}

const paragraphsOf = (body: string) => body.split('\n\n');

describe('web pages: the article chosen by Readability', () => {
  it('takes a WordPress news article out of its has-sidebar wrappers, without menus, share bar, sign-up box, related list, comments or footer', () => {
    const page = readHtmlPage(NEWS);
    expect(page.reader).toBe('readability');
    expect(page.entries).toHaveLength(1);
    const e = page.entries[0]!;
    expect(e).toMatchObject({
      title: 'Harbour cranes to be replaced after storm damage',
      date: '2023-11-14',
      dateSource: 'dateline',
      author: 'Tobias Lindqvist',
      outlet: 'The Estuary Ledger',
      url: 'https://ledger.example/2023/11/harbour-cranes-replaced/',
      language: 'en',
    });
    const paragraphs = paragraphsOf(e.body);
    expect(paragraphs).toHaveLength(4);
    expect(paragraphs[0]).toMatch(/^The two oldest cranes on the north quay .* tore loose a maintenance platform\.$/u);
    expect(paragraphs[2]).toContain('Dockworkers’ representatives welcomed the decision');
    expect(paragraphs[3]).toMatch(/^Until the replacements arrive, .* for larger vessels\.$/u);
    for (const furniture of [
      'EDITION', 'INTERNATIONAL', 'Sign up', 'Log in', 'Skip to content', 'Opinion', 'Independent news', 'SHARE THIS', 'Print', 'Email',
      'Morning Tide', 'inbox', 'Subscribe', 'Posted in', 'Related articles', 'ferry route', 'quay promenade', 'thoughts on', 'Gunnhild',
      'rattled', 'scrapped', 'Leave a Reply', 'Most read', 'Lifeboat', 'All rights reserved', 'Privacy',
    ]) {
      expect(e.body).not.toContain(furniture);
    }
    expect(page.text.slice(e.start, e.end)).toBe(e.body);
    expectLocatorResolves(NEWS, e.locator as HtmlLocator, [
      'The two oldest cranes on the north quay will be dismantled next spring',
      'where a mobile crane has been hired for four months',
    ]);
  });

  it('finds an advocacy page whose article sits in a sidebar-layout wrapper (which our class filter alone drops whole)', () => {
    const page = readHtmlPage(ADVOCACY);
    expect(page.reader).toBe('readability');
    const e = page.entries[0]!;
    expect(e).toMatchObject({ title: 'Keep the Millbrook library open', date: '2024-02-05', dateSource: 'json-ld', outlet: 'Friends of Millbrook Library' });
    expect(paragraphsOf(e.body)).toEqual([
      expect.stringMatching(/^The branch library on Weaver Street is the only public building .* forty minutes away by bus\.$/u),
      expect.stringMatching(/^Last year the branch lent more than eighteen thousand books/u),
      'What we are asking for',
      expect.stringMatching(/^We ask the council to keep the branch open on reduced hours/u),
      expect.stringMatching(/^Write to your councillor before the vote on 28 February.* at seven in the evening\.$/u),
    ]);
    for (const furniture of ['Donate', 'Volunteer', 'Members log in', 'Campaigns', 'Events', 'Sign the petition', '2,140', 'Follow us', 'registered charity', 'Cookies']) {
      expect(e.body).not.toContain(furniture);
    }
    expectLocatorResolves(ADVOCACY, e.locator as HtmlLocator, ['The branch library on Weaver Street', 'Write to your councillor']);
  });

  it('reads a right-to-left Persian article as written, without its menu, share buttons or related box', () => {
    const page = readHtmlPage(PERSIAN);
    expect(page.reader).toBe('readability');
    const e = page.entries[0]!;
    expect(e).toMatchObject({ title: 'بازگشایی پل قدیمی رودخانه پس از دو سال مرمت', date: '2022-10-09', dateSource: 'meta', author: 'نسرین کاظمی', outlet: 'خبرنامه دره سبز', language: 'fa' });
    const paragraphs = paragraphsOf(e.body);
    expect(paragraphs).toHaveLength(3);
    expect(paragraphs[0]).toMatch(/^پل سنگی قدیمی روی رودخانه،/u);
    expect(paragraphs[1]).toContain('کسبه‌ی بازارچه‌ی کنار پل'); // ZWNJ kept
    expect(paragraphs[2]).toMatch(/شب‌ها روشن می‌شوند\.$/u);
    for (const furniture of ['صفحه اصلی', 'آرشیو', 'ثبت‌نام', 'ورود', 'اشتراک‌گذاری', 'چاپ', 'خبرهای مرتبط', 'کاروانسرا', 'تمامی حقوق']) {
      expect(e.body).not.toContain(furniture);
    }
    expectLocatorResolves(PERSIAN, e.locator as HtmlLocator, ['پل سنگی قدیمی روی رودخانه', 'دوچرخه‌سواران باز است']);
  });

  it('keeps the line breaks of a post written with <br>s, which Readability rewrites into paragraphs of its own', () => {
    const lines = [
      'Dear members, the spring meeting of the society will be held in the reading room of the town library on the first Thursday of April, starting at half past seven.',
      'We will hear a short talk on the history of the canal locks and then agree the programme of walks for the summer months, including the long walk to the estuary.',
      'Please bring your subscription for the year if you have not yet paid it; the treasurer will be at the door from seven with the receipt book and the new membership cards.',
    ];
    const html = `<html><head><title>Spring meeting</title></head><body><div class="nav"><a href="/">Home</a> <a href="/walks">Walks</a></div>
      <div class="post has-sidebar">${lines[0]}<br><br>${lines[1]}<br>${lines[2]}</div><div class="footer">Canal Society</div></body></html>`;
    const page = readHtmlPage(html);
    expect(page.reader).toBe('readability');
    expect(page.text).toBe(lines.join('\n'));
  });

  it('falls back to the whole page, less its furniture, on a listing of links, and the report says so', async () => {
    const page = readHtmlPage(LISTING);
    expect(page.reader).toBe('whole-page');
    const e = page.entries[0]!;
    expect(e.locator).toMatchObject({ path: 'html > body' });
    expect(e.body).toContain('Spring sportive route published 31 March 2022\nSunday club run cancelled 27 March 2022');
    expect(e.body).toContain('Minutes of the annual meeting 2 March 2022');
    const doc = await parseDocument('march.html', utf8(LISTING));
    expect(doc.warnings).toEqual([expect.stringMatching(/^Readability found no article in this page \(a listing or a short page reads so\)/u)]);
    expect(readerNotes({ 'whole-page': 2, 'too-large': 1 }, 20)).toEqual([
      expect.stringMatching(/^Readability found no article in 2 of the 20 pages /u),
      expect.stringMatching(/^1 of the 20 pages has more than 5,000 elements/u),
    ]);
    expect((await parseDocument('news.html', utf8(NEWS))).warnings).toEqual([]);
  });
});

describe('web pages: when Readability is run', () => {
  // The same article in a plain WordPress page: its <article> is visible and holds the page's prose.
  const PLAIN = NEWS.replace(/ has-sidebar/gu, '');

  it('is not run where the page’s own <article> plainly holds its text, and both paths give the article', () => {
    const marked = readHtmlPage(PLAIN);
    expect(marked.reader).toBe('marked');
    expect(marked.entries[0]!.locator).toMatchObject({ path: 'html > body > div > div:nth-of-type(2) > div > main > article' });
    const forced = readHtmlPage(PLAIN, { markedShare: 2 });
    expect(forced.reader).toBe('readability');
    for (const page of [marked, forced]) {
      const body = page.entries[0]!.body;
      expect(body).toContain('The two oldest cranes on the north quay will be dismantled next spring');
      expect(body).toContain('\n\nUntil the replacements arrive, ships bound for the north quay will be diverted');
      for (const furniture of ['EDITION', 'SHARE THIS', 'Morning Tide', 'Related articles', 'Gunnhild', 'Leave a Reply']) expect(body).not.toContain(furniture);
      expect(page.entries[0]).toMatchObject({ date: '2023-11-14', title: 'Harbour cranes to be replaced after storm damage' });
    }
  });

  it('is run where the article holds too little of the page’s prose, a wrapper hides it, or there is no <article>', () => {
    // A comment thread is no part of the page's prose; a teaser outside the article is.
    const teaser = PLAIN.replace('<section class="related-posts">', `<div class="teaser"><p>${'A long teaser paragraph about the harbour festival. '.repeat(20)}</p></div><section class="related-posts">`);
    expect(readHtmlPage(teaser).reader).toBe('readability');
    expect(readHtmlPage(NEWS).reader).toBe('readability');
    const inside = readHtmlPage(PLAIN.replace('<div class="entry-content">', '<div class="entry-content has-sidebar">'));
    expect(inside.reader).toBe('readability');
    expect(inside.text).toContain('The two oldest cranes on the north quay');
    expect(readHtmlPage(PLAIN.replace(/<(\/?)article\b/gu, '<$1div').replace(/<(\/?)main\b/gu, '<$1div')).reader).toBe('readability');
  });

  it('is not run on a page of more elements than maxElements: the page is read by our own filter', () => {
    const page = readHtmlPage(ADVOCACY, { maxElements: 20 });
    expect(page.reader).toBe('too-large');
    expect(readHtmlPage(ADVOCACY, { maxElements: 200 }).reader).toBe('readability');
  });

  const NOTICE = 'The early ferry to the islands will not sail on Saturday while the pier is inspected; the timetable is back to normal on Sunday.';

  it('is not run on a page with less prose than an article (a listing, a scrap) when our own filter keeps it', () => {
    const scrap = `<html><body><div class="menu"><a href="/">Home</a> <a href="/news">News</a></div><div class="story"><h1>Ferry notice</h1><p>${NOTICE}</p></div></body></html>`;
    const page = readHtmlPage(scrap);
    expect(page.reader).toBe('whole-page');
    expect(page.text).toBe(`Ferry notice\n\n${NOTICE}`);
    expect(readHtmlPage(scrap, { minArticleChars: 100 }).reader).toBe('readability');
    expect(readHtmlPage(LISTING, { minArticleChars: 0 }).reader).toBe('whole-page'); // run, and its choice is a list of links
  });

  it('is run on such a page when our own filter would drop its prose with a wrapper, and its choice is taken', () => {
    const wrapped = `<html><body><div class="top-bar"><a href="/signup">Sign up</a> <a href="/login">Log in</a></div><div class="has-sidebar"><div class="story"><h1>Ferry notice</h1><p>${NOTICE}</p></div></div></body></html>`;
    const page = readHtmlPage(wrapped);
    expect(page.reader).toBe('readability');
    expect(page.text).toBe(`Ferry notice\n\n${NOTICE}`);
  });

  it('takes Readability’s choice on a page of short paragraphs (many news sites write one sentence a paragraph), leaving out the rest of the page', () => {
    const para = (n: string) => `<p>${n} The water board met in the old town hall and spoke at length about the dykes.</p>`;
    const html = `<html><head><title>Dyke repairs agreed</title></head><body><div class="masthead"><a href="/">Polder Post</a> <a href="/sport">Sport</a></div>
      <div class="column--primary"><div class="story-body"><h1>Dyke repairs agreed</h1><div class="byline">By Joris Vermeer</div>${para('First.')}${para('Second.')}<h2>What happens next</h2>
      <ul><li>Surveys in October</li><li>Works from March</li></ul>${para('Third.')}</div></div>
      <div class="column--secondary"><h2>Top Stories</h2><ul><li><a href="/3">Election called</a></li></ul></div><div id="orb-footer">Copyright Polder Post</div></body></html>`;
    const page = readHtmlPage(html);
    expect(page.reader).toBe('readability');
    expect(page.entries[0]).toMatchObject({ title: 'Dyke repairs agreed', author: 'Joris Vermeer' }); // the byline is outside Readability's content
    expect(page.text).toMatch(/^First\. The water board .*\n\nSecond\. .*\n\nWhat happens next\n\nSurveys in October\nWorks from March\n\nThird\. .* about the dykes\.$/u);
  });

  it('leaves the page to our own filter when Readability’s choice is a scrap and that filter keeps the prose', () => {
    const split =
      '<html><body><div class="menu"><a href="/">Home</a></div><div class="wrap"><div class="story"><div class="text"><p>The 7:40 ferry is cancelled today, says the harbour office, because of fog.</p></div></div></div><div class="notes"><span>Also:</span><p>The library opens late on Thursday.</p></div></body></html>';
    const page = readHtmlPage(split, { minArticleChars: 80 }); // Readability's choice has 75 characters of the page's 110
    expect(page.reader).toBe('whole-page');
    expect(page.text).toBe('The 7:40 ferry is cancelled today, says the harbour office, because of fog.\n\nAlso:\n\nThe library opens late on Thursday.');
    const taken = readHtmlPage(split, { minArticleChars: 60 });
    expect(taken.reader).toBe('readability');
    expect(taken.text).toBe('The 7:40 ferry is cancelled today, says the harbour office, because of fog.');
  });
});

describe('web pages in the archive', () => {
  const dir = tempDir();
  const archive = new Archive(path.join(dir, 'pages.quire'));
  afterAll(() => archive.close());

  it('keeps the article’s locator: Show original is its markup, with its paragraphs marked', async () => {
    const file = path.join(dir, 'harbour-cranes.html');
    fs.writeFileSync(file, NEWS);
    const report = (await archive.call('importFiles', { paths: [file] })) as ImportReport;
    expect(report.files[0]).toMatchObject({ status: 'imported', entries: 1 });
    const id = (archive.db.prepare('SELECT entry_id AS id FROM entry_sources WHERE source_id = ?').get(report.files[0]!.sourceId!) as { id: number }).id;
    const entry = (await archive.call('getEntry', { id })) as EntryDetail;
    const locator = entry.provenance[0]!.locator as HtmlLocator;
    const original = (await archive.call('getEntryOriginal', { id, sourceId: report.files[0]!.sourceId! })) as EntryOriginal;
    expect(original.text).toBe(NEWS.slice(locator.start, locator.end));
    expect(original.text).toMatch(/^<div class="entry-content">\n  <p>The two oldest cranes/u);
    const marked = original.marks.filter((m) => m.field === 'body').map((m) => original.text.slice(m.start, m.end));
    expect(marked).toEqual(expect.arrayContaining([expect.stringContaining('The two oldest cranes on the north quay'), expect.stringContaining('Until the replacements arrive')]));
  });
});
