// When the archive process stops answering (quire serve stopped), one notice says so plainly and
// offers Reconnect, instead of "Failed to fetch" in every pane; once the server is back, Reconnect
// brings the list back.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveArchive } from '../../electron/serve/serve-archive.ts';
import { openApp, rendererDir, screenshotDir, seedArchive, waitForCount, type AppSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { POSTS, writeCorpus } from './fixtures/news-corpus.ts';

describe('the archive process gone', () => {
  const dir = tempDir();
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp(path.join(dir, 'gone.quire'));
    await seedArchive(app, writeCorpus(path.join(dir, 'corpus')));
    await waitForCount(app.page, POSTS.length);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('says so once, with Reconnect, and comes back when the server does', async () => {
    const page = app.page;
    const { port, token } = app.server;
    // Work the archive finishes in the background (band indexing, merges) tells the page through
    // the event stream, and the refetch that follows would bring the page back on its own once the
    // server is up. The stream is held off here so that only Reconnect can.
    await page.route('**/api/events', (route) => route.abort());
    await app.server.close();

    await page.getByRole('searchbox', { name: 'Search entries' }).fill('harbour');
    const notice = page.getByRole('alert').filter({ hasText: 'The archive process is not answering' });
    await notice.waitFor();
    expect(await page.getByText('Failed to fetch').count()).toBe(0);
    await notice.getByRole('button', { name: 'Reconnect' }).click();
    await notice.getByText('Still no answer.').waitFor();
    await page.screenshot({ path: path.join(screenshotDir(), 'archive-gone.png') });

    app.server = await serveArchive({ host: app.host, rendererDir: rendererDir(), port, token });
    await notice.getByRole('button', { name: 'Reconnect' }).click();
    await notice.waitFor({ state: 'detached' });
    await waitForCount(page, 3);
    await page.unroute('**/api/events');
  });
});
