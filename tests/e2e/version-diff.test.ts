// Two versions of one notice, two words apart: Compare on the other version shows word by word what
// changed (removed words struck through, added ones underlined) and counts them, legibly in both schemes.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshotDir, seedArchive, waitForCount, writeTextFiles, type AppSession } from '../helpers/browser.ts';
import { lowContrast } from '../helpers/contrast.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const NOTICE = [
  'The ferry company of Saltmere announced on Tuesday that the winter timetable will start a week early this year.',
  'Crossings to the outer islands will run twice a day instead of four times, and the late boat on Fridays is dropped',
  'until the spring. The company blamed the price of fuel and a shortage of deckhands, and said that the harbour master',
  'had agreed to keep the night berth open for emergencies. Islanders who need to reach the clinic on the mainland',
  'are asked to book a seat the day before, and the school bus will meet the morning boat as it did last winter.',
  'A meeting about the changes is planned at the village hall, where the company will answer questions from residents.',
].join(' ');
const FIRST = `Winter ferry timetable starts early\nPosted on: 2023/10/02\n\n${NOTICE}\n`;
const SECOND = `Winter ferry timetable starts early\nPosted on: 2023/10/05\n\n${NOTICE.replace('Tuesday', 'Monday').replace('deckhands', 'engineers')}\n`;

describe('comparing two versions word by word', () => {
  const dir = tempDir();
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp(path.join(dir, 'diff.quire'));
    await seedArchive(app, writeTextFiles(path.join(dir, 'texts'), { 'ledger-ferry.txt': FIRST, 'gazette-ferry.txt': SECOND }));
    await waitForCount(app.page, 2);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the changed words between the other version and the one being read', async () => {
    const page = app.page;
    await page.locator('.entry-row', { hasText: '5 Oct 2023' }).click();
    const versions = page.getByRole('region', { name: 'Versions' });
    await versions.waitFor();
    await versions.getByRole('button', { name: 'Compare with the version of 2 Oct 2023' }).click();
    const diff = page.getByRole('region', { name: 'Changes between versions' });
    await diff.waitFor();
    expect(await diff.locator('.version-diff-summary').textContent()).toBe('From 2 Oct 2023 to this one: 2 words removed, 2 added.');
    expect((await diff.locator('del').allTextContents()).map((t) => t.trim())).toEqual(['Tuesday', 'deckhands,']);
    expect((await diff.locator('ins').allTextContents()).map((t) => t.trim())).toEqual(['Monday', 'engineers,']);
    expect(await diff.locator('.version-diff-text').textContent()).toContain('announced on Tuesday Monday that the winter timetable will start a week early');
    await page.screenshot({ path: path.join(screenshotDir(), 'version-diff.png') });
    for (const scheme of ['dark', 'light'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await lowContrast(page, 4.5), scheme).toEqual([]);
    }

    await versions.getByRole('button', { name: 'Compare with the version of 2 Oct 2023' }).click();
    await diff.waitFor({ state: 'detached' });
    expect(app.consoleErrors).toEqual([]);
  });
});
