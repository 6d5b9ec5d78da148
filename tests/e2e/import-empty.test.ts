// An import that brings nothing says so plainly: an empty folder is named as such (not silence),
// and a file already in the archive gives "Nothing new was added", not "0 entries added from 0 files".
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropFiles, openApp, type AppSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('an import of nothing', () => {
  const dir = tempDir();
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp(path.join(dir, 'empty-import.quire'));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('names an empty folder instead of doing nothing', async () => {
    const empty = path.join(dir, 'empty-folder');
    fs.mkdirSync(empty);
    await app.page.getByLabel('Choose a folder to import').first().setInputFiles(empty);
    await app.page.getByText('Nothing to import: what was dropped or chosen holds no files (an empty folder?).').waitFor();
  });

  it('says nothing new was added when every file was already there', async () => {
    const page = app.page;
    const note = { name: 'note.txt', text: 'A note about the harbour wall.\n' };
    await dropFiles(page, [note]);
    const report = page.getByRole('dialog', { name: 'Import finished' });
    await report.waitFor();
    expect(await page.getByTestId('import-summary').textContent()).toBe('1 entry added from 1 file.');
    await report.getByRole('button', { name: 'Done' }).click();
    await report.waitFor({ state: 'detached' });

    await dropFiles(page, [{ ...note, name: 'note-again.txt' }]);
    await report.waitFor();
    expect(await page.getByTestId('import-summary').textContent()).toBe('Nothing new was added · 1 already in the archive.');
    await report.getByRole('button', { name: 'Done' }).click();
  });
});
