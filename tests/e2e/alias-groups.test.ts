// Alias groups in the sidebar: add a group, and searching one name finds entries that use another;
// edit it, import and export groups as a text file, delete it.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, seedArchive, waitForCount, writeTextFiles, type AppSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('alias group editor', () => {
  const dir = tempDir();
  let app: AppSession;
  const search = () => app.page.getByRole('searchbox', { name: 'Search entries' });
  const groups = () => app.page.getByRole('region', { name: 'Alias groups' });
  beforeAll(async () => {
    app = await openApp(path.join(dir, 'alias.quire'));
    await seedArchive(
      app,
      writeTextFiles(path.join(dir, 'texts'), {
        'guild-full.txt': 'The Northwind Guild met in the old mill to plan the winter fair.\n',
        'guild-short.txt': 'Members of the NWG handed out leaflets at the station.\n',
        'other.txt': 'The orchard stayed quiet all week.\n',
      }),
    );
    await waitForCount(app.page, 3);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('adds a group; searching one variant finds the other', async () => {
    await search().fill('NWG');
    await waitForCount(app.page, 1);

    await groups().getByRole('button', { name: 'Add group' }).click();
    const form = groups().getByRole('form', { name: 'New alias group' });
    await form.getByLabel('Name').fill('Northwind Guild');
    await form.getByLabel('Variants, one per line').fill('Northwind Guild\nNWG');
    await form.getByRole('button', { name: 'Save group' }).click();
    await groups().getByRole('button', { name: 'Edit alias group Northwind Guild' }).waitFor();

    await waitForCount(app.page, 2);
    const snippets = await app.page.locator('.entry-row .entry-snippet').allTextContents();
    expect(snippets.some((s) => s.includes('Northwind Guild met'))).toBe(true);

    await app.page.locator('.entry-row', { hasText: 'Northwind Guild met' }).click();
    // The reader's highlights arrive with the entry (the archive's own matching): wait for them.
    await app.page.getByRole('article').locator('.reader-body mark', { hasText: 'Northwind Guild' }).first().waitFor();
    const marks = await app.page.getByRole('article').locator('.reader-body mark').allTextContents();
    expect(marks).toContain('Northwind Guild');
  });

  it('rejects a group with one variant, in plain words', async () => {
    await groups().getByRole('button', { name: 'Add group' }).click();
    const form = groups().getByRole('form', { name: 'New alias group' });
    await form.getByLabel('Name').fill('Lonely');
    await form.getByLabel('Variants, one per line').fill('Lonely');
    await form.getByRole('button', { name: 'Save group' }).click();
    expect(await form.getByRole('alert').textContent()).toBe('Add at least two variants, one per line.');
    await form.getByRole('button', { name: 'Cancel' }).click();
  });

  it('exports the groups as a text file and imports them back after deleting', async () => {
    const download = app.page.waitForEvent('download');
    await groups().getByRole('button', { name: 'Export…' }).click();
    const file = path.join(dir, 'groups.txt');
    await (await download).saveAs(file);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain('Northwind Guild');
    expect(text).toContain('NWG');

    await groups().getByRole('button', { name: 'Delete alias group Northwind Guild' }).click();
    await waitForCount(app.page, 1);

    // A bad line among good ones: the good groups come in, the bad line is named.
    fs.writeFileSync(file, `${text}this line has no colon\n`);
    await groups().getByLabel('Import alias groups file').setInputFiles(file);
    await groups().getByText(/^Imported 1 group\. Skipped 1 line: line \d+: it has no ":"/).waitFor();
    await waitForCount(app.page, 2);
    expect(app.consoleErrors).toEqual([]);
  });
});
