// Nothing leaves the app's origin: one browser-mode session imports an HTML page and a Markdown
// file that point at remote images, scripts, stylesheets, frames, fonts and a refresh, searches,
// reads both (the HTML one with Show original), codes a highlight and writes its note, and exports.
// Every request Chromium makes or tries to make (network requests, failed ones, websockets, service
// workers, other pages and frames, and requests the Content-Security-Policy blocked before they
// were sent) is recorded; each must be the app's own origin, data:, blob: or about:blank.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntryAnnotations } from '../../shared/contract.ts';
import { dropFiles, openApp, waitForCount, writeTextFiles, type AppSession } from '../helpers/browser.ts';
import { dragSelect } from '../helpers/drag-select.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const OUTSIDE = 'https://example.invalid';

// Every way a page can ask for something remote; shown in the archive only as text.
const GAZETTE_HTML = `<!doctype html>
<html>
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="0; url=${OUTSIDE}/refresh">
<title>Lantern Street gazette</title>
<link rel="stylesheet" href="${OUTSIDE}/gazette.css">
<link rel="preconnect" href="${OUTSIDE}">
<link rel="dns-prefetch" href="//tracker.example.invalid">
<link rel="prefetch" href="${OUTSIDE}/next.html">
<link rel="icon" href="${OUTSIDE}/favicon.ico">
<style>
@font-face { font-family: Gazette; src: url(${OUTSIDE}/gazette.woff2) format("woff2"); }
@import url("${OUTSIDE}/imported.css");
body { font-family: Gazette; background-image: url(${OUTSIDE}/paper.jpg); }
</style>
<script src="${OUTSIDE}/counter.js"></script>
<script>fetch("${OUTSIDE}/beacon?inline=1"); navigator.sendBeacon("${OUTSIDE}/beacon");</script>
</head>
<body>
<main>
<h1>Lantern Street gazette</h1>
<p>The lamplighters of Lantern Street voted to keep the gas lamps burning through the winter fair.</p>
<img src="${OUTSIDE}/lamps.png" srcset="${OUTSIDE}/lamps-2x.png 2x" alt="lamps">
<picture><source srcset="${OUTSIDE}/lamps.webp"><img src="${OUTSIDE}/lamps-fallback.png" alt=""></picture>
<video poster="${OUTSIDE}/poster.jpg" src="${OUTSIDE}/clip.mp4"></video>
<audio src="${OUTSIDE}/bell.ogg" autoplay></audio>
<iframe src="${OUTSIDE}/frame.html"></iframe>
<object data="${OUTSIDE}/chart.svg"></object>
<embed src="${OUTSIDE}/chart.swf">
<form action="${OUTSIDE}/submit"><input type="image" src="${OUTSIDE}/submit.png"></form>
<p style="background: url(${OUTSIDE}/inline-style.png)">Tickets for the fair are sold at the corner kiosk.</p>
<img src="x" onerror="new Image().src='${OUTSIDE}/onerror.png'">
</main>
</body>
</html>
`;

const FIELD_NOTES_MD = `# Orchard field notes

The pear trees on the north slope flowered a week early this spring.

![Sketch of the north slope](${OUTSIDE}/north-slope.png)

See the [grower's almanac](${OUTSIDE}/almanac) and <img src="${OUTSIDE}/raw-html.png"> for comparison.
`;

interface Seen {
  how: string;
  url: string;
}

/** A URL the app may use without leaving the machine: its own origin, or nothing fetched at all. */
function isInside(url: string, origin: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank' || url === 'about:srcdoc') return true;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

describe('no request leaves the app', () => {
  const dir = tempDir('quire-e2e-offline-');
  let app: AppSession;
  let origin: string;
  // Every URL Chromium asked for or tried to, with how it was seen.
  const seen: Seen[] = [];

  beforeAll(async () => {
    app = await openApp(path.join(dir, 'offline.quire'));
    origin = new URL(app.server.url).origin;
    // The first load was recorded by openApp; from here on everything else is watched too.
    for (const url of app.requests) seen.push({ how: 'request (first load)', url });
    const context = app.page.context();
    context.on('request', (r) => seen.push({ how: `request (${r.resourceType()})`, url: r.url() }));
    context.on('requestfailed', (r) => seen.push({ how: `failed request (${r.failure()?.errorText ?? '?'})`, url: r.url() }));
    context.on('serviceworker', (w) => seen.push({ how: 'service worker', url: w.url() }));
    context.on('page', (p) => seen.push({ how: 'new page', url: p.url() }));
    app.page.on('websocket', (ws) => seen.push({ how: 'websocket', url: ws.url() }));
    app.page.on('framenavigated', (f) => seen.push({ how: 'frame navigation', url: f.url() }));
    // Some loads the Content-Security-Policy refuses (frames, objects, media) never reach the
    // network layer, so Playwright sees no request; the page reports them as violations, and each
    // counts as a request the app tried to make.
    await app.page.exposeFunction('quireReportViolation', (url: string, directive: string) => seen.push({ how: `blocked by CSP (${directive})`, url }));
    await app.page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        // Inline styles or scripts are not requests; anything with an address is.
        if (e.blockedURI === 'inline' || e.blockedURI === 'eval') return;
        void (window as unknown as { quireReportViolation: (u: string, d: string) => Promise<void> }).quireReportViolation(e.blockedURI, e.effectiveDirective);
      });
    });
    await app.page.reload();
    await app.page.getByText('Drop text dumps here').waitFor();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('imports, searches, reads, annotates and exports without asking anything of another origin', async () => {
    const page = app.page;

    // Import: the HTML page dropped on the window, the Markdown file through the file picker.
    await dropFiles(page, [{ name: 'lantern-gazette.html', text: GAZETTE_HTML }]);
    let report = page.getByRole('dialog', { name: 'Import finished' });
    await report.locator('.import-file[data-status="imported"]', { hasText: 'lantern-gazette.html' }).waitFor();
    await report.getByRole('button', { name: 'Done' }).click();
    await report.waitFor({ state: 'detached' });
    const [notes] = writeTextFiles(path.join(dir, 'picked'), { 'orchard-notes.md': FIELD_NOTES_MD });
    await page.getByLabel('Choose files to import').first().setInputFiles(notes!);
    report = page.getByRole('dialog', { name: 'Import finished' });
    await report.locator('.import-file[data-status="imported"]', { hasText: 'orchard-notes.md' }).waitFor();
    await report.getByRole('button', { name: 'Done' }).click();
    await report.waitFor({ state: 'detached' });
    await waitForCount(page, 2);

    // Search, then read the Markdown entry.
    const search = page.getByRole('searchbox', { name: 'Search entries' });
    await search.fill('pear');
    await waitForCount(page, 1);
    await page.locator('.entry-row', { hasText: 'Orchard field notes' }).click();
    const reader = page.locator('article.reader');
    await reader.locator('#reader-title', { hasText: 'Orchard field notes' }).waitFor();
    await reader.locator('.reader-body', { hasText: 'flowered a week early' }).waitFor();

    // The HTML entry, and its original markup (shown as text, never rendered).
    await search.fill('lamplighters');
    await waitForCount(page, 1);
    await page.locator('.entry-row', { hasText: 'Lantern Street gazette' }).click();
    await reader.locator('#reader-title', { hasText: 'Lantern Street gazette' }).waitFor();
    await reader.locator('.reader-body', { hasText: 'voted to keep the gas lamps' }).waitFor();
    await reader.getByRole('button', { name: 'Show original' }).click();
    const original = reader.getByLabel('Original text');
    await original.filter({ hasText: `${OUTSIDE}/lamps.png` }).waitFor();
    expect(await original.locator('img, iframe, script, link, object, embed, video, audio').count()).toBe(0);
    await reader.getByRole('button', { name: 'Hide original' }).click();
    await original.waitFor({ state: 'detached' });

    // A code made in the codebook, a highlight coded with it, and the highlight's note.
    const codebook = page.getByRole('region', { name: 'Codebook' });
    await codebook.getByRole('button', { name: 'Add code' }).click();
    const codeName = codebook.getByRole('textbox', { name: 'Name of the new code' });
    await codeName.fill('Street lighting');
    await codeName.press('Enter');
    await codebook.locator('.code-label', { hasText: /^Street lighting$/ }).waitFor();
    await page.getByRole('textbox', { name: 'Add a tag' }).waitFor();
    const entryId = Number(await reader.getAttribute('data-entry-id'));
    await dragSelect(page, '.reader-body', 'keep the gas lamps burning');
    await page.getByRole('toolbar', { name: 'Annotate the selection' }).getByRole('button', { name: /Street lighting/ }).waitFor();
    await page.keyboard.press('1');
    const drawn = reader.locator('.reader-body [data-hl]', { hasText: 'gas lamps' }).first();
    await drawn.waitFor();
    await drawn.click();
    const popover = page.getByRole('region', { name: 'Highlight' });
    await popover.getByRole('textbox').fill('Lamps kept lit for the fair');
    await popover.getByRole('textbox').press('Control+Enter');
    await expect
      .poll(
        async () => {
          const r = await app.host.invoke('getEntryAnnotations', { entryId });
          if (!r.ok) throw new Error(r.error.message);
          return (r.value as EntryAnnotations).highlights.map((h) => ({ exact: h.exact, codes: h.codes.map((c) => c.name), note: h.note }));
        },
        { timeout: 10_000 },
      )
      .toEqual([{ exact: 'keep the gas lamps burning', codes: ['Street lighting'], note: 'Lamps kept lit for the fair' }]);
    await page.keyboard.press('Escape');
    await popover.waitFor({ state: 'detached' });

    // Export everything as an HTML file and download it.
    await search.fill('');
    await waitForCount(page, 2);
    await page.locator('.list-actions').getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.getByLabel('Format').selectOption('html');
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export and download' }).click()]);
    const file = path.join(dir, 'export.html');
    await download.saveAs(file);
    await dialog.getByRole('status').filter({ hasText: /Exported 2 entries/ }).waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(fs.readFileSync(file, 'utf8')).toContain('Lamps kept lit for the fair');
    // The exported page, opened on its own (apart from the app's session), asks for nothing either,
    // though it quotes the hostile page and the Markdown image link.
    const reading = await app.browser.newContext();
    try {
      const view = await reading.newPage();
      const asked: string[] = [];
      reading.on('request', (r) => asked.push(r.url()));
      await view.goto(`file://${file}`);
      await view.getByText('keep the gas lamps burning').first().waitFor();
      expect(await view.content()).toContain(`${OUTSIDE}/north-slope.png`);
      expect(asked).toEqual([`file://${file}`]);
    } finally {
      await reading.close();
    }

    // The recording saw the app's own traffic (so it was listening), and nothing else.
    const urls = seen.map((s) => s.url);
    expect(urls.some((u) => u.startsWith(`${origin}/api/upload`))).toBe(true);
    expect(urls.some((u) => u.startsWith(`${origin}/api/`) && !u.includes('upload'))).toBe(true);
    const outsiders = seen.filter((s) => !isInside(s.url, origin)).map((s) => `${s.how}: ${s.url}`);
    expect(outsiders, `requests outside ${origin}:\n${outsiders.join('\n')}`).toEqual([]);
  });
});
