// Dropping a dump that overlaps one already imported: the report says how many entries are new,
// how many are versions of earlier ones and how many were exact duplicates, in total and per file.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropFiles, openApp, type AppSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const WORDS = 'tide pier lantern gull rope anchor harbour crane barge dock sail mast keel hull net buoy quay wharf'.split(' ');

/** A 30-word post on its own topic; `last` replaces its last word (a near-duplicate version). */
function post(topic: string, last?: string): { title: string; body: string } {
  let seed = [...topic].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 11);
  const words = Array.from({ length: 30 }, () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return WORDS[(seed >>> 8) % WORDS.length]!;
  });
  if (last) words[29] = last;
  return { title: `${topic} log`, body: `${words.join(' ')}.` };
}

describe('import report counts', () => {
  const dir = tempDir();
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp(path.join(dir, 'counts.quire'));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('counts new entries, versions and exact duplicates apart', async () => {
    const page = app.page;
    const report = page.getByRole('dialog', { name: 'Import finished' });
    await dropFiles(page, [{ name: 'first.json', text: JSON.stringify([post('north'), post('south')]) }]);
    await report.waitFor();
    expect(await page.getByTestId('import-summary').textContent()).toBe('2 entries added from 1 file.');
    await report.getByRole('button', { name: 'Done' }).click();
    await report.waitFor({ state: 'detached' });

    await dropFiles(page, [{ name: 'second.json', text: JSON.stringify([post('north'), post('south', 'evening'), post('east'), post('west')]) }]);
    await report.waitFor();
    expect(await page.getByTestId('import-summary').textContent()).toBe('2 new entries and 1 version of an earlier entry added from 1 file · 1 exact duplicate skipped.');
    expect(await report.locator('.import-file-outcome').textContent()).toBe('Imported 4 entries: 2 new, 1 version of an earlier entry, 1 exact duplicate');
    await report.getByRole('button', { name: 'Done' }).click();
    expect(app.consoleErrors).toEqual([]);
  });
});
