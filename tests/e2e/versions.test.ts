// Near-duplicate versions: the same article republished with two words changed, under another
// title and date, opens with "2 versions · earliest …", and each version can be opened from the other.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshotDir, seedArchive, waitForCount, writeTextFiles, type AppSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';

// About 150 invented words.
const ARTICLE = [
  'The town council of Brackwater met late on Thursday to settle the long quarrel over the old toll bridge.',
  'For eleven years the crossing has been closed to carts, and farmers on the eastern bank have taken their grain',
  'the long way round through the hills, adding half a day to every trip to market. Engineers told the council',
  'that the stone piers are sound but the timber deck must be replaced before the autumn floods. The cost,',
  'they said, would be shared between the town and the two villages upstream, which depend on the bridge for',
  'their mail and their doctor. Several members asked why the work had been delayed for so long, and the clerk',
  'read out letters from families who had waited years for an answer. In the end the vote was carried by nine',
  'to four, and the first carpenters are expected on site before the harvest begins.',
].join(' ');

const EARLY = `Council agrees to rebuild the toll bridge\nPosted on: 2019/05/04\n\n${ARTICLE}\n`;
const LATE = `Bridge vote settles eleven-year quarrel\nPosted on: 2019/05/11\n\n${ARTICLE.replace('Thursday', 'Wednesday').replace('carpenters', 'builders')}\n`;
const OTHER = 'Lamp oil prices\nPosted on: 2019/05/20\n\nThe price of lamp oil rose again at the market, and the chandlers blamed the ships.\n';

describe('near-duplicate versions in the reader', () => {
  const dir = tempDir();
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp(path.join(dir, 'versions.quire'));
    await seedArchive(app, writeTextFiles(path.join(dir, 'texts'), { 'courier-bridge.txt': EARLY, 'gazette-bridge.txt': LATE, 'oil.txt': OTHER }));
    await waitForCount(app.page, 3);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows "2 versions" with the earliest date, and clicks through to the other version', async () => {
    const late = app.page.locator('.entry-row', { hasText: 'Bridge vote settles' });
    expect(await late.locator('.badge', { hasText: '2 versions' }).count()).toBe(1);
    expect(await app.page.locator('.entry-row', { hasText: 'Lamp oil prices' }).locator('.badge').count()).toBe(0);

    await late.click();
    const reader = app.page.getByRole('article');
    await reader.getByRole('heading', { name: 'Bridge vote settles eleven-year quarrel', level: 2 }).waitFor();
    const versions = reader.getByRole('region', { name: 'Versions' });
    expect(await versions.getByRole('heading').textContent()).toBe('2 versions · earliest 4 May 2019');
    const current = versions.locator('[aria-current="true"]');
    expect(await current.textContent()).toContain('Bridge vote settles');
    await app.page.screenshot({ path: path.join(screenshotDir(), 'reader-versions.png') });

    await versions.getByRole('button', { name: /Council agrees to rebuild the toll bridge/ }).click();
    await reader.getByRole('heading', { name: 'Council agrees to rebuild the toll bridge', level: 2 }).waitFor();
    expect(await reader.locator('time').first().getAttribute('datetime')).toBe('2019-05-04');
    expect(await reader.locator('.reader-body').textContent()).toContain('met late on Thursday');
    expect(await versions.locator('[aria-current="true"]').textContent()).toContain('Council agrees');

    await versions.getByRole('button', { name: /Bridge vote settles/ }).click();
    expect(await reader.locator('.reader-body').textContent()).toContain('met late on Wednesday');
  });

  it('an entry with no other version shows no versions block', async () => {
    await app.page.locator('.entry-row', { hasText: 'Lamp oil prices' }).click();
    await app.page.getByRole('article').getByRole('heading', { name: 'Lamp oil prices', level: 2 }).waitFor();
    expect(await app.page.getByRole('region', { name: 'Versions' }).count()).toBe(0);
    expect(app.consoleErrors).toEqual([]);
  });
});
