// HTML read as a browser reads it: quoted attributes, the whole HTML5 entity table, dates from
// wherever a page puts them, and comment threads kept out of the article.
import { describe, expect, it } from 'vitest';
import { decodeEntities } from '../../../../electron/core/import/formats/html-entities.ts';
import { find, parseHtml } from '../../../../electron/core/import/formats/html-tree.ts';
import { parseDocument } from '../../../../electron/core/import/parse-document.ts';
import { utf8 } from '../fixtures/encode-legacy.ts';

const page = async (html: string) => parseDocument('page.html', utf8(html));

describe('HTML attributes', () => {
  it('keeps > and < inside quoted values as part of the value, the tag and the text around it intact', async () => {
    const html = `<html><body><article><h1>Ferry timetable changes</h1>
      <p>Boats leave <a title="a > b" href="https://port.example/t?x=1&amp;y=2">every hour</a> from May.</p>
      <p><img alt="x>y" src="map.png"> The <span data-note='5 < 6 > 4'>harbour</span> stays open.</p>
      <p><a href=https://port.example/u title=plain>unquoted</a> works too.</p>
      </article></body></html>`;
    const root = parseHtml(html);
    const link = find(root, (e) => e.tag === 'a');
    expect(link?.attrs.get('title')).toBe('a > b');
    expect(link?.attrs.get('href')).toBe('https://port.example/t?x=1&y=2');
    expect(find(root, (e) => e.tag === 'img')?.attrs.get('alt')).toBe('x>y');
    expect(find(root, (e) => e.tag === 'span')?.attrs.get('data-note')).toBe('5 < 6 > 4');
    const unquoted = find(root, (e) => e.tag === 'a' && e.attrs.get('title') === 'plain');
    expect(unquoted?.attrs.get('href')).toBe('https://port.example/u');

    const doc = await page(html);
    expect(doc.text).toContain('Boats leave every hour from May.');
    expect(doc.text).toContain('The harbour stays open.');
    for (const leak of ['b"', 'y"', '4\'', 'href', 'title']) expect(doc.text).not.toContain(leak);
  });

  it('reads a tag whose quote never closes up to its first >, without losing the rest of the page', async () => {
    const doc = await page('<html><body><p>Before <a href="broken>the link</a> and after.</p><p>Second paragraph.</p></body></html>');
    expect(doc.text).toContain('Second paragraph.');
    expect(doc.text).toContain('and after.');
  });
});

describe('HTML character references', () => {
  it('knows the rare named references of the HTML5 table', async () => {
    const doc = await page(
      '<html><body><p>&NotNestedGreaterGreater; &bigotimes; &Cconint; &frac78; &hookrightarrow; &Bernoullis; &ThickSpace;| &zigrarr; &Ugrave; &ncongdot; &vartriangleleft; &DoubleLongLeftRightArrow; &Zopf; &lbrkslu;</p></body></html>',
    );
    expect(doc.text).toBe('\u2aa2\u0338 ⨂ ∰ ⅞ ↪ ℬ \u205f\u200a| ⇝ Ù \u2a6d\u0338 ⊲ ⟺ ℤ ⦍');
  });

  it('decodes legacy names without a semicolon in text, but not before = or a letter in an attribute', async () => {
    const html = '<html><body><p>caf&eacute au lait &amp tea &copy2024 &notin; &notit; &nosuchname; &AMP</p><a href="/s?q=1&copy=2&lang=en&amp;p=3" title="Tom &amp Jerry &eacute">x</a></body></html>';
    const doc = await page(html);
    expect(doc.text).toContain('café au lait & tea ©2024 ∉ ¬it; &nosuchname; &');
    const a = find(parseHtml(html), (e) => e.tag === 'a')!;
    expect(a.attrs.get('href')).toBe('/s?q=1&copy=2&lang=en&p=3');
    expect(a.attrs.get('title')).toBe('Tom & Jerry é');
  });

  it('gives numeric references the HTML5 replacements: C1 as windows-1252, NUL, surrogates and out of range as U+FFFD', () => {
    expect(decodeEntities('&#128;&#130;&#131;&#133;&#138;&#140;&#145;&#146;&#147;&#148;&#149;&#150;&#151;&#152;&#153;&#156;&#159;')).toBe('€‚ƒ…ŠŒ‘’“”•–—˜™œŸ');
    expect(decodeEntities('&#x80;&#X9F;&#x81;')).toBe('€Ÿ\u0081');
    expect(decodeEntities('a&#0;b&#xD800;c&#55296;d&#x110000;e&#99999999999;f')).toBe('a\ufffdb\ufffdc\ufffdd\ufffde\ufffdf');
    expect(decodeEntities('&#0000065;&#x0000042 &#67')).toBe('AB C');
    expect(decodeEntities('&#; &#x; &# x')).toBe('&#; &#x; &# x');
  });
});

const BODY = '<p>The allotment society planted forty new pear trees along the canal path this spring.</p>';

describe('HTML dates', () => {
  it('takes the date from JSON-LD @graph when nothing else has one, even on an object without a headline', async () => {
    const ld = JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'Organization', name: 'Canal Courier' },
        { '@type': 'WebPage', '@id': '#page', datePublished: '2019-03-03T08:00:00+00:00', dateModified: '2020-01-01' },
        { '@type': 'BreadcrumbList', itemListElement: [] },
        { '@type': 'Article', headline: 'Pear trees along the canal', author: { '@type': 'Person', name: 'Ines Barros' } },
      ],
    });
    const doc = await page(`<html><head><title>Pear trees</title><script type="application/ld+json">${ld}</script></head><body>${BODY}</body></html>`);
    expect(doc.entries[0]).toMatchObject({ date: '2019-03-03', dateSource: 'json-ld' });
  });

  it('takes datePublished from a JSON-LD array of objects and from a mainEntity', async () => {
    const arr = JSON.stringify([{ '@type': 'WebSite', name: 'x' }, { '@type': 'NewsArticle', headline: 'Pears', dateModified: '2021-06-01', datePublished: '2021-05-20' }]);
    const a = await page(`<html><head><script type="application/ld+json">${arr}</script></head><body>${BODY}</body></html>`);
    expect(a.entries[0]).toMatchObject({ date: '2021-05-20', dateSource: 'json-ld' });
    const main = JSON.stringify({ '@type': 'WebPage', mainEntity: { '@type': 'Article', headline: 'Pears', datePublished: '2018-11-02' } });
    const b = await page(`<html><head><script type="application/ld+json">${main}</script></head><body>${BODY}</body></html>`);
    expect(b.entries[0]).toMatchObject({ date: '2018-11-02', dateSource: 'json-ld' });
  });

  it('takes the date from meta tags: article:published_time, itemprop datePublished, and modified only when nothing is published', async () => {
    const published = await page(`<html><head><meta property="article:modified_time" content="2022-02-02"><meta property="article:published_time" content="2020-07-14T10:00:00Z"></head><body>${BODY}</body></html>`);
    expect(published.entries[0]).toMatchObject({ date: '2020-07-14', dateSource: 'meta' });
    const itemprop = await page(`<html><body><article><h1>Pears</h1><span itemprop="datePublished" content="2017-09-30"></span>${BODY}</article></body></html>`);
    expect(itemprop.entries[0]).toMatchObject({ date: '2017-09-30' });
    const modifiedOnly = await page(`<html><head><meta property="article:modified_time" content="2022-02-02"></head><body>${BODY}</body></html>`);
    expect(modifiedOnly.entries[0]).toMatchObject({ date: '2022-02-02' });
  });

  it('prefers the published date to the modified one wherever each is written', async () => {
    const ld = JSON.stringify({ '@type': 'Article', headline: 'Pears', dateModified: '2023-04-04' });
    const doc = await page(`<html><head><meta property="og:updated_time" content="2023-04-05"><script type="application/ld+json">${ld}</script></head>
      <body><article><header><h1>Pears</h1><p class="meta">Updated 4 April 2023 · Published 3 March 2019</p></header>${BODY}</article></body></html>`);
    expect(doc.entries[0]).toMatchObject({ date: '2019-03-03' });
  });

  it('takes the date of a <time> in the article header, not one from a sidebar or a comment', async () => {
    const doc = await page(`<html><body>
      <aside class="sidebar"><time datetime="2024-12-24">Latest</time></aside>
      <article><header><h1>Pears along the canal</h1><time>12 October 2016</time></header>${BODY}
      <div id="comments"><time datetime="2016-10-15">3 days later</time><p>Lovely trees.</p></div></article></body></html>`);
    expect(doc.entries[0]).toMatchObject({ date: '2016-10-12', dateSource: 'html-time' });
  });

  it('takes the date of a visible dateline near the headline', async () => {
    const doc = await page(`<html><body><main><h1>Pears along the canal</h1><div class="byline">By Ines Barros</div>
      <p class="dateline">Published 3 March 2019</p>${BODY}<p>The oldest tree dates from 1887 and was planted on 4 May 1887.</p></main></body></html>`);
    expect(doc.entries[0]).toMatchObject({ date: '2019-03-03', dateSource: 'dateline' });
    const short = await page(`<html><body><main><h1>Pears along the canal</h1><p>Ines Barros | March 3rd, 2019</p>${BODY}</main></body></html>`);
    expect(short.entries[0]).toMatchObject({ date: '2019-03-03', dateSource: 'dateline' });
  });

  it("never takes a comment's date for the article's", async () => {
    const doc = await page(`<html><body><article><h1>Pears along the canal</h1>${BODY}
      <ol class="comment-list"><li class="comment"><time datetime="2016-10-15">15 October 2016</time><p>Lovely trees.</p></li></ol></article></body></html>`);
    expect(doc.entries[0]).toMatchObject({ date: null });
  });

  it('takes no dateline from a date inside a body sentence, nor from an update line', async () => {
    const doc = await page(`<html><body><main><h1>Pears along the canal</h1><p>Updated 4 April 2023</p>
      <p>The oldest tree on the path was planted by the lock keeper on 4 May 1887.</p>${BODY}</main></body></html>`);
    expect(doc.entries[0]).toMatchObject({ date: null, dateSource: null });
  });
});

describe('HTML comment sections', () => {
  it('keeps a WordPress comment list, its form and a Disqus thread out of the article body', async () => {
    const html = `<!doctype html><html lang="en"><head><title>Pruning pears in winter – Orchard Notes</title></head>
<body class="post-template-default single single-post postid-42 single-format-standard">
<div id="page" class="site"><div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-42" class="post-42 post type-post status-publish format-standard hentry category-trees">
 <header class="entry-header"><h1 class="entry-title">Pruning pears in winter</h1>
  <div class="entry-meta"><span class="posted-on"><time class="entry-date published" datetime="2020-01-15T09:00:00+00:00">15 January 2020</time></span></div></header>
 <div class="entry-content"><p>Cut back the leaders by a third while the trees are dormant.</p><p>Keep the centre of the tree open to light.</p></div>
</article>
<div id="comments" class="comments-area">
 <h2 class="comments-title">3 thoughts on “Pruning pears in winter”</h2>
 <ol class="comment-list">
  <li id="comment-7" class="comment even thread-even depth-1"><article id="div-comment-7" class="comment-body">
   <footer class="comment-meta"><b class="fn">Rosalind</b> <time datetime="2020-01-16T10:00:00+00:00">16 January 2020</time></footer>
   <div class="comment-content"><p>My grandmother swore by summer pruning instead.</p></div></article></li>
 </ol>
 <ul class="commentlist"><li class="comment"><p>Old theme comment about quinces.</p></li></ul>
 <div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3><p>Your email address will not be published.</p></div>
</div>
<section><article id="comment-9" class="comment"><h3>Tomas</h3><p>Does this apply to apples too?</p><time datetime="2020-01-17">17 Jan</time></article></section>
<div id="disqus_thread"><p>Disqus thread text about medlars.</p></div>
</main></div></div></div></body></html>`;
    const doc = await page(html);
    expect(doc.entries).toHaveLength(1);
    expect(doc.entries[0]).toMatchObject({ date: '2020-01-15', dateSource: 'html-time' });
    expect(doc.text).toContain('Cut back the leaders by a third while the trees are dormant.\n\nKeep the centre of the tree open to light.');
    for (const gone of ['grandmother', 'Rosalind', 'quinces', 'Leave a Reply', 'email address', 'apples', 'medlars', 'thoughts on']) {
      expect(doc.text).not.toContain(gone);
    }
  });
});
