// Search within results ANDs a second query onto the first and shows it as a removable chip; the
// "Spelling variants" toggle makes romanised spellings of a name (Mohammad / Muhammad) match.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listedTitles, openApp, waitForTitles, seedArchive, waitForCount, writeTextFiles, type AppSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';

// Invented people and places.
const FILES = {
  'mill-talk.txt': 'Mohammad Rezvani at the mill\nPosted on: 2022/01/10\n\nMohammad Rezvani spoke to the millers about the river level and the harbour dues.\n',
  'market-visit.txt': 'Muhammad Rezvani visits the market\nPosted on: 2022/02/03\n\nMuhammad Rezvani walked through the market and bought lamp oil.\n',
  'harbour-dues.txt': 'Harbour dues go up\nPosted on: 2022/02/20\n\nThe harbour board raised the dues for every boat that stays the winter.\n',
  'school-fair.txt': 'School fair draws a crowd\nPosted on: 2022/03/05\n\nThe school fair on the green raised money for new books.\n',
};

describe('search within and spelling variants', () => {
  const dir = tempDir();
  let app: AppSession;
  const search = () => app.page.getByRole('searchbox', { name: 'Search entries' });
  const variants = () => app.page.getByRole('checkbox', { name: 'Spelling variants' });
  beforeAll(async () => {
    app = await openApp(path.join(dir, 'within.quire'));
    await seedArchive(app, writeTextFiles(path.join(dir, 'texts'), FILES));
    await waitForCount(app.page, 4);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('matches only the exact spelling with the toggle off, both spellings with it on', async () => {
    await search().fill('Mohammad');
    await waitForCount(app.page, 1);
    expect(await listedTitles(app.page)).toEqual(['Mohammad Rezvani at the mill']);

    expect(await variants().isChecked()).toBe(false);
    await variants().check();
    await waitForTitles(app.page, ['Mohammad Rezvani at the mill', 'Muhammad Rezvani visits the market'], { anyOrder: true });
    // The row says which spelling matched, and the reader highlights it.
    const other = app.page.locator('.entry-row', { hasText: 'Muhammad Rezvani visits' });
    expect(await other.locator('.entry-snippet mark').first().textContent()).toBe('Muhammad');
    await other.click();
    expect(await app.page.getByRole('article').locator('.reader-body mark').first().textContent()).toBe('Muhammad');
    // The title is marked too, by the archive's own matching (the same as search's).
    await app.page.getByRole('article').locator('h2 mark').first().waitFor();
    expect(await app.page.getByRole('article').locator('h2 mark').allTextContents()).toEqual(['Muhammad']);

    await variants().uncheck();
    await waitForTitles(app.page, ['Mohammad Rezvani at the mill']);
  });

  it('searches within the results: the first query stays as a chip, the second narrows it, removing the chip widens again', async () => {
    await search().fill('harbour');
    await waitForCount(app.page, 2);
    await app.page.getByRole('button', { name: 'Search within' }).click();
    const chip = app.page.getByRole('button', { name: 'Remove Within: harbour' });
    await chip.waitFor();
    expect(await search().inputValue()).toBe('');
    await waitForCount(app.page, 2);

    await search().fill('Mohammad');
    await waitForTitles(app.page, ['Mohammad Rezvani at the mill']);
    await search().fill('winter');
    await waitForTitles(app.page, ['Harbour dues go up']);
    await search().fill('school');
    await app.page.getByText(/No entries match/).waitFor();

    // Stack a second step, then remove the first: only "school" is left.
    await search().fill('boat OR school');
    await waitForTitles(app.page, ['Harbour dues go up']);
    await app.page.getByRole('button', { name: 'Search within' }).click();
    await app.page.getByRole('button', { name: 'Remove Within: boat OR school' }).waitFor();
    await chip.click();
    await chip.waitFor({ state: 'detached' });
    await waitForTitles(app.page, ['Harbour dues go up', 'School fair draws a crowd'], { anyOrder: true });
    await app.page.getByRole('button', { name: 'Remove Within: boat OR school' }).click();
    await waitForCount(app.page, 4);
    expect(app.consoleErrors).toEqual([]);
  });
});
