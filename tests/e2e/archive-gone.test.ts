// When the archive process stops answering (quire serve stopped), one notice says so plainly and
// offers Reconnect, instead of "Failed to fetch" in every pane; once the server is back, Reconnect
// brings the list back.
import path from 'node:path';
import type { Request, Response, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveArchive } from '../../electron/serve/serve-archive.ts';
import { openApp, rendererDir, screenshotDir, seedArchive, waitForCount, type AppSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { POSTS, writeCorpus } from './fixtures/news-corpus.ts';

describe('the archive process gone', () => {
  const dir = tempDir();
  let app: AppSession;
  let port: number;
  let token: string;
  let serverUp = true;
  beforeAll(async () => {
    app = await openApp(path.join(dir, 'gone.quire'));
    ({ port, token } = app.server);
    await seedArchive(app, writeCorpus(path.join(dir, 'corpus')));
    await waitForCount(app.page, POSTS.length);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('says so once, with Reconnect, and comes back when the server does', async () => {
    const page = app.page;
    // Each attempt starts with the server up and the page fresh (CI retries a failed browser test once).
    if (!serverUp) {
      app.server = await serveArchive({ host: app.host, rendererDir: rendererDir(), port, token });
      serverUp = true;
    }
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.reload();
    await waitForCount(page, POSTS.length);

    // Work the archive finishes in the background (band indexing, merges) tells the page through
    // the event stream; the refetch that follows would bring the page back by itself once the
    // server is up. The stream is held off here.
    await page.route('**/api/events', (route) => route.abort());
    await app.server.close();
    serverUp = false;
    // What reached the page from here on: if the notice goes away before Reconnect is clicked (it
    // has, now and then, on a busy machine), the failure says which answer brought the page back.
    const traffic: string[] = [];
    const onResponse = (r: Response) => void (r.url().includes('/api/') && traffic.push(`${r.status()} ${new URL(r.url()).pathname}`));
    const onFailed = (r: Request) => void (r.url().includes('/api/') && traffic.push(`failed ${new URL(r.url()).pathname}`));
    page.on('response', onResponse);
    page.on('requestfailed', onFailed);
    const saying = async <T>(step: Promise<T>): Promise<T> => {
      try {
        return await step;
      } catch (error) {
        throw new Error(`${(error as Error).message}\nThe page's calls since the server stopped: ${traffic.join(', ') || 'none'}; notices shown: ${await notice.count()}`, { cause: error });
      }
    };

    await page.getByRole('searchbox', { name: 'Search entries' }).fill('harbour');
    const notice = page.getByRole('alert').filter({ hasText: 'The archive process is not answering' });
    await saying(notice.waitFor());
    expect(await page.getByText('Failed to fetch').count()).toBe(0);
    await saying(notice.getByRole('button', { name: 'Reconnect' }).click());
    await saying(notice.getByText('Still no answer.').waitFor());
    await page.screenshot({ path: path.join(screenshotDir(), 'archive-gone.png') });

    // The page asks for other things on its own too (a list page scrolled into view, the facets
    // after the list, the archive's info again): any answer brings it back, which is right for a
    // user, but then Reconnect is not what did it, and its button may be gone before the click.
    // Every call is held (not failed) until Reconnect has been clicked; then the info calls
    // (Reconnect's own among them) are let through, and the rest once the notice is gone.
    const held: Route[] = [];
    let holding = true;
    await page.route('**/api/invoke/**', (route) => {
      if (holding) held.push(route);
      else void route.continue();
    });
    app.server = await serveArchive({ host: app.host, rendererDir: rendererDir(), port, token });
    serverUp = true;
    const isInfo = (route: Route) => route.request().url().endsWith('/api/invoke/info');
    const infosBefore = held.filter(isInfo).length;
    await saying(notice.getByRole('button', { name: 'Reconnect' }).click());
    await expect.poll(() => held.filter(isInfo).length, { timeout: 5_000 }).toBeGreaterThan(infosBefore);
    for (const route of held.filter(isInfo)) await route.continue();
    await notice.waitFor({ state: 'detached' });
    holding = false;
    for (const route of held.filter((r) => !isInfo(r))) await route.continue();
    held.length = 0;
    await waitForCount(page, 3);
    page.off('response', onResponse);
    page.off('requestfailed', onFailed);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  });
});
