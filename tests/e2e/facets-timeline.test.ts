// Facets and the timeline narrow the list: click an outlet, add an author, clear; click a month
// bar, brush a range of months.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshotDir, seedArchive, waitForCount, type AppSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { POSTS, writeCorpus } from './fixtures/news-corpus.ts';

const count = (pred: (p: (typeof POSTS)[number]) => boolean) => POSTS.filter(pred).length;

describe('facets and timeline', () => {
  const dir = tempDir();
  let app: AppSession;
  const facet = (name: string) => app.page.locator(`.facet-group[data-facet="${name}"]`);
  beforeAll(async () => {
    app = await openApp(path.join(dir, 'facets.quire'));
    await seedArchive(app, writeCorpus(path.join(dir, 'corpus')));
    await waitForCount(app.page, POSTS.length);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows outlet counts; clicking outlets and authors narrows the list, combined; clear restores it', async () => {
    const outlet = facet('outlet');
    await outlet.waitFor();
    const courier = outlet.getByRole('button', { name: /Valley Courier/ });
    expect(await courier.locator('.facet-count').textContent()).toBe(String(count((p) => p.outlet === 'Valley Courier')));

    await courier.click();
    await waitForCount(app.page, count((p) => p.outlet === 'Valley Courier'));
    expect(await courier.getAttribute('aria-pressed')).toBe('true');
    await app.page.getByRole('button', { name: 'Remove Outlet: Valley Courier' }).waitFor();

    await facet('author').getByRole('button', { name: /Mira Holt/ }).click();
    await waitForCount(app.page, count((p) => p.outlet === 'Valley Courier' && p.author === 'Mira Holt'));

    await app.page.getByRole('button', { name: 'Clear all' }).click();
    await waitForCount(app.page, POSTS.length);
  });

  it('a click on a month bar shows only that month', async () => {
    const bar = app.page.locator('.timeline-bar[data-month="2021-08"]');
    // The timeline follows the list a moment later (it is asked for once the list shows the search).
    await app.page.locator('.timeline[aria-busy="false"]').waitFor();
    expect(await bar.getAttribute('aria-label')).toBe(`Aug 2021: ${count((p) => p.date.startsWith('2021-08'))} entries`);
    await app.page.screenshot({ path: path.join(screenshotDir(), 'search-facets-timeline.png') });
    await bar.click();
    await waitForCount(app.page, count((p) => p.date.startsWith('2021-08')));
    await app.page.getByRole('button', { name: /Remove Dates: 1 Aug 2021 – 31 Aug 2021/ }).waitFor();
    await app.page.screenshot({ path: path.join(screenshotDir(), 'timeline-month.png') });
    await app.page.getByRole('button', { name: /Remove Dates/ }).click();
    await waitForCount(app.page, POSTS.length);
  });

  it('dragging across bars brushes a date range', async () => {
    const from = await app.page.locator('.timeline-bar[data-month="2020-11"]').boundingBox();
    const to = await app.page.locator('.timeline-bar[data-month="2021-03"]').boundingBox();
    if (!from || !to) throw new Error('timeline bars are not on screen');
    await app.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await app.page.mouse.down();
    await app.page.mouse.move(from.x + from.width * 2, from.y + from.height / 2, { steps: 3 });
    await app.page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
    await app.page.mouse.up();
    await waitForCount(app.page, count((p) => p.date >= '2020-11-01' && p.date <= '2021-03-31'));
    await app.page.getByRole('button', { name: /Remove Dates: 1 Nov 2020 – 31 Mar 2021/ }).waitFor();
    expect(app.consoleErrors).toEqual([]);
  });
});
