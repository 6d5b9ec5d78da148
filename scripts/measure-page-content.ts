// What Readability costs a web page import: CPU time per page of readHtmlPage on a few hundred
// generated pages in three shapes, with Readability run where pageContent runs it and forced. Run:
//   node --experimental-strip-types scripts/measure-page-content.ts [pages]
import { readHtmlPage } from '../electron/core/import/formats/import-html.ts';
import type { ContentOptions } from '../electron/core/import/formats/page-content.ts';

const WORDS = 'harbour council bridge river market library storm quay tender engineers residents budget vote school ferry lamps the of and to'.split(' ');
let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const sentence = () => `${Array.from({ length: 12 + Math.floor(random() * 14) }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ')}.`;

/** A WordPress-shaped news page: a menu of 40 links, 4-24 paragraphs, related links, up to 10 comments, a sidebar, 5 inline scripts. */
function newsPage(i: number, wrapper: string): string {
  const menu = Array.from({ length: 40 }, (_, k) => `<li class="menu-item"><a href="/section/${k}/">Section ${k}</a></li>`).join('');
  const related = Array.from({ length: 8 }, (_, k) => `<li><a href="/2023/${k}/story-${i}-${k}/">${sentence()}</a></li>`).join('');
  const comments = Array.from({ length: Math.floor(random() * 10) }, (_, k) => `<li id="comment-${k}" class="comment"><article class="comment-body"><footer class="comment-meta"><b class="fn">Reader ${k}</b></footer><div class="comment-content"><p>${sentence()}</p></div></article></li>`).join('');
  const body = Array.from({ length: 4 + Math.floor(random() * 20) }, () => `<p>${sentence()} ${sentence()} <a href="/x">${sentence()}</a> ${sentence()}</p>`).join('\n');
  const script = `<script>var config = ${JSON.stringify({ a: Array.from({ length: 200 }, (_, k) => k) })};</script>`.repeat(5);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Story ${i} | Gazette</title>${script}</head>
<body class="single"><div id="page" class="site"><div class="top-bar">EDITION: INTERNATIONAL <a href="/signup">Sign up</a></div>
<header class="site-header"><nav class="main-navigation"><ul class="menu">${menu}</ul></nav></header>
<div id="content" class="site-content"><div class="${wrapper}"><div id="primary" class="content-area">
<article class="post hentry"><header class="entry-header"><h1 class="entry-title">Story ${i}</h1><span class="posted-on">Published 3 March 2021</span></header>
<div class="entry-content">${body}</div></article>
<section class="related-posts"><ul>${related}</ul></section><div id="comments" class="comments-area"><ol class="comment-list">${comments}</ol></div>
</div></div><aside class="widget-area"><ul>${related}</ul></aside></div><footer class="site-footer">© Gazette</footer></div></body></html>`;
}

function listingPage(i: number): string {
  const items = Array.from({ length: 30 }, (_, k) => `<li><a href="/2022/${i}/${k}/">${sentence()}</a> <span>${k + 1} March 2022</span></li>`).join('');
  return `<!doctype html><html><head><title>Archive ${i}</title></head><body><div class="header"><a href="/">Club</a></div><div class="content"><h1>Archive</h1><ul>${items}</ul></div></body></html>`;
}

function measure(label: string, pages: string[], options: ContentOptions = {}): void {
  for (const p of pages.slice(0, 10)) readHtmlPage(p, options);
  const readers: Record<string, number> = {};
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const before = process.cpuUsage();
    for (const p of pages) {
      const { reader } = readHtmlPage(p, options);
      if (round === 0) readers[reader] = (readers[reader] ?? 0) + 1;
    }
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1000 / pages.length);
  }
  const kb = pages.reduce((n, p) => n + p.length, 0) / pages.length / 1024;
  console.log(`${label.padEnd(44)} ${kb.toFixed(1).padStart(5)} KB  ${best.toFixed(2).padStart(6)} CPU ms/page  ${JSON.stringify(readers)}`);
}

const n = Number(process.argv[2] ?? 300);
const plain = Array.from({ length: n }, (_, i) => newsPage(i, 'wrap'));
measure('article in a plain page (Readability not run)', plain);
measure('the same, Readability forced', plain, { markedShare: 2 });
measure('article in a has-sidebar wrapper', Array.from({ length: n }, (_, i) => newsPage(i, 'wrap has-sidebar')));
const listings = Array.from({ length: n }, (_, i) => listingPage(i));
measure('listing of links (Readability not run)', listings);
measure('the same, Readability forced', listings, { minArticleChars: 0 });
