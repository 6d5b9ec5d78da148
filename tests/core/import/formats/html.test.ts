// HTML pages: main content only, metadata from meta tags and JSON-LD, never executed.
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../../electron/core/import/parse-document.ts';
import { encodeSingleByte, utf8 } from '../fixtures/encode-legacy.ts';

const PAGE = `<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Bridge repairs approved | Riverside Gazette</title>
<meta property="og:title" content="Bridge repairs approved">
<meta property="og:site_name" content="Riverside Gazette">
<meta property="article:published_time" content="2021-08-23T09:30:00+02:00">
<meta name="author" content="Mina Rahimi">
<link rel="canonical" href="https://gazette.example/2021/08/bridge">
<script>document.write('<p>injected</p>'); alert(1)</script>
<style>p { color: red }</style>
</head><body>
<header class="site-header"><a href="/">Riverside Gazette</a> — news for the valley</header>
<nav><ul><li>Home</li><li>Politics</li></ul></nav>
<main>
 <article>
  <h1>Bridge repairs approved</h1>
  <p>The council voted on Tuesday to fund repairs to the old stone bridge &amp; its lamps.</p>
  <div class="ad-slot">Buy cheap boats now!</div>
  <p>Work starts in <b>September</b>;<br>the bridge closes for six weeks.</p>
  <section class="comments"><p>Great news!! — a reader</p></section>
 </article>
</main>
<aside>Most read: the harvest fair</aside>
<footer>© Riverside Gazette</footer>
</body></html>`;

describe('HTML import', () => {
  it('keeps the article, drops navigation, scripts, ads and comments, and reads the metadata', async () => {
    const doc = await parseDocument('bridge.html', utf8(PAGE));
    expect(doc.format).toBe('html');
    expect(doc.entries).toHaveLength(1);
    const e = doc.entries[0]!;
    expect(e).toMatchObject({
      title: 'Bridge repairs approved',
      date: '2021-08-23',
      dateSource: 'meta',
      author: 'Mina Rahimi',
      outlet: 'Riverside Gazette',
      url: 'https://gazette.example/2021/08/bridge',
    });
    expect(doc.text).toContain('the old stone bridge & its lamps.');
    expect(doc.text).toContain('Work starts in September;\nthe bridge closes for six weeks.');
    for (const gone of ['injected', 'alert', 'color: red', 'Politics', 'cheap boats', 'Great news', 'Most read', '©', 'news for the valley']) {
      expect(doc.text).not.toContain(gone);
    }
    expect(doc.text.slice(e.start, e.end)).toBe(e.body);
  });

  it('takes title, date, author and publisher from JSON-LD when meta tags are missing', async () => {
    const html = `<html><head><title>x</title><script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Valley Weekly"},{"@type":"NewsArticle","headline":"Library opens on Sundays","datePublished":"2022-03-04","author":[{"@type":"Person","name":"Omar Haddad"}],"publisher":{"@type":"Organization","name":"Valley Weekly"}}]}</script></head>
      <body><p>The central library will open on Sundays from April.</p></body></html>`;
    const doc = await parseDocument('page', utf8(html));
    expect(doc.entries[0]).toMatchObject({ title: 'Library opens on Sundays', date: '2022-03-04', dateSource: 'json-ld', author: 'Omar Haddad', outlet: 'Valley Weekly' });
  });

  it('turns a page listing several articles into one entry each', async () => {
    const html = `<!doctype html><html><body><nav>Menu</nav>
      <article><h2><a href="https://news.example/a">Market moves to the square</a></h2><time datetime="2021-05-02">2 May</time><p>The Saturday market moves.</p></article>
      <article><h2>Night buses return</h2><span class="byline">By Lena Vogel</span><p>Three night lines return in June.</p></article>
      </body></html>`;
    const doc = await parseDocument('list.htm', utf8(html));
    expect(doc.entries.map((e) => e.title)).toEqual(['Market moves to the square', 'Night buses return']);
    expect(doc.entries[0]).toMatchObject({ date: '2021-05-02', url: 'https://news.example/a' });
    expect(doc.entries[1]).toMatchObject({ author: 'Lena Vogel' });
    for (const e of doc.entries) expect(doc.text.slice(e.start, e.end)).toBe(e.body);
    expect(doc.text).not.toContain('Menu');
  });

  it('detects HTML by content under a .txt name and honours a declared legacy charset', async () => {
    const text = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256"></head><body><p>شوراي شهر درباره‌ي بودجه‌ي کتابخانه گفتگو کرد.</p></body></html>';
    const doc = await parseDocument('saved.txt', encodeSingleByte(text, 'windows-1256'));
    expect(doc.format).toBe('html');
    expect(doc.encoding).toBe('windows-1256');
    expect(doc.text).toBe('شوراي شهر درباره‌ي بودجه‌ي کتابخانه گفتگو کرد.');
  });

  it('decodes entities, numeric references included', async () => {
    const doc = await parseDocument('e.html', utf8('<html><body><p>caf&eacute; &#8220;quoted&#x201D; &lt;tag&gt; &nbsp;x &zwnj;&rlm;</p></body></html>'));
    expect(doc.text).toContain('café “quoted” <tag>');
    expect(doc.text).toContain('\u200c');
  });
});
