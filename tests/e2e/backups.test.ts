// Backups from the app: make one from the sidebar's Backups… dialog, see it listed, restore it and
// see the archive as it was (the replaced state kept as a backup); a read-only archive says so.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openApp, screenshotDir, seedArchive, waitForCount, writeTextFiles, type AppSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('backups in the app', () => {
  const dir = tempDir();
  const open: AppSession[] = [];
  afterAll(async () => {
    for (const app of open) await app.close();
  });

  it('backs up from the dialog, then restores that backup in place', async () => {
    const app = await openApp(path.join(dir, 'study.quire'));
    open.push(app);
    const [first] = writeTextFiles(path.join(dir, 'in'), { 'ferry.txt': 'Ferry notes\n\nThe early ferry leaves at six.' });
    await seedArchive(app, [first!]);
    await waitForCount(app.page, 1);

    await app.page.getByRole('button', { name: 'Backups…' }).click();
    const dialog = app.page.getByRole('dialog', { name: 'Backups' });
    await dialog.waitFor();
    await expect.poll(() => dialog.getByText('No backups yet.').count()).toBe(1);
    await dialog.getByRole('button', { name: 'Back up now' }).click();
    await expect.poll(async () => (await dialog.getByRole('status').textContent()) ?? '', { timeout: 30_000 }).toMatch(/^Backed up \(/);
    await expect.poll(() => dialog.getByRole('listitem').count(), { timeout: 15_000 }).toBe(1);
    expect(await dialog.getByRole('listitem').first().textContent()).toContain('Made by you');
    await dialog.getByRole('button', { name: 'Close' }).last().click();

    const [later] = writeTextFiles(path.join(dir, 'in'), { 'lighthouse.txt': 'Lighthouse notes\n\nThe keeper logged the fog.' });
    await seedArchive(app, [later!]);
    await waitForCount(app.page, 2);

    await app.page.getByRole('button', { name: 'Backups…' }).click();
    await dialog.getByRole('button', { name: /^Restore the backup of/ }).first().click();
    await dialog.screenshot({ path: path.join(screenshotDir(), 'backups-dialog.png') });
    await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
    await expect.poll(async () => (await dialog.getByRole('status').textContent()) ?? '', { timeout: 30_000 }).toMatch(/Restored the backup of .* What it replaced is kept/);
    // Two backups now: the one restored and the state it replaced.
    await expect.poll(() => dialog.getByRole('listitem').count(), { timeout: 15_000 }).toBe(2);
    expect(await dialog.textContent()).toContain('Before a restore');
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    await waitForCount(app.page, 1);
  });

  it('says plainly when the archive is open read-only', async () => {
    const file = path.join(dir, 'shelf.quire');
    const writer = await openApp(file);
    await seedArchive(writer, writeTextFiles(path.join(dir, 'shelf'), { 'a.txt': 'Shelf list\n\nBooks on the shelf.' }));
    await writer.close();
    const app = await openApp(file, { host: { readOnly: true } });
    open.push(app);
    const banner = app.page.getByRole('status').filter({ hasText: 'Read-only:' });
    await banner.waitFor();
    expect(await banner.textContent()).toContain('opened read-only');
    await waitForCount(app.page, 1);
  });
});
