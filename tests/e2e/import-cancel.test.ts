// Cancelling a big import part-way: the report says cancelled, the files finished before the
// cancel are kept whole, the rest are not imported, and the list agrees with the archive.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropFiles, openApp, screenshotDir, waitForCount, type AppSession, type DropSpec } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const FILES = 30;
const files: DropSpec[] = Array.from({ length: FILES }, (_x, i) => ({
  name: `ledger-${String(i).padStart(2, '0')}.txt`,
  text: `Ledger page ${i}: barrels of salt, coils of rope, lamp oil and tar were counted at the quay. `,
  repeat: 11_000,
}));

describe('cancelling an import', () => {
  const dir = tempDir();
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp(path.join(dir, 'cancel.quire'));
    await app.page.getByText('Drop text dumps here').waitFor();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('stops part-way and keeps only whole files', async () => {
    await dropFiles(app.page, files);
    const progress = app.page.getByRole('region', { name: 'Import progress' });
    await progress.getByText(/Importing [1-9]\d* of 30 files/).waitFor({ timeout: 60_000 });
    await app.page.screenshot({ path: path.join(screenshotDir(), 'import-progress.png') });
    await progress.getByRole('button', { name: 'Cancel' }).click();

    const report = app.page.getByRole('dialog', { name: 'Import cancelled' });
    await report.waitFor({ timeout: 60_000 });
    const statuses = await report.locator('.import-file').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(statuses).toHaveLength(FILES);
    const imported = statuses.filter((s) => s === 'imported').length;
    const cancelled = statuses.filter((s) => s === 'cancelled').length;
    expect(imported).toBeGreaterThan(0);
    expect(cancelled).toBeGreaterThan(0);
    expect(imported + cancelled).toBe(FILES);
    expect(await report.locator('.import-file[data-status="cancelled"]').first().textContent()).toContain('Cancelled, not imported');
    expect(await report.getByTestId('import-summary').textContent()).toMatch(new RegExp(`${cancelled} cancelled`));
    await app.page.screenshot({ path: path.join(screenshotDir(), 'import-cancelled.png') });
    await report.getByRole('button', { name: 'Done' }).click();

    // The archive holds exactly the files the report calls imported, each whole.
    const sources = await app.host.invoke('listSources', undefined);
    if (!sources.ok) throw new Error(sources.error.message);
    const list = sources.value as { name: string; entries: number; size: number }[];
    expect(list).toHaveLength(imported);
    for (const s of list) expect(s.size).toBe(files.find((f) => s.name.endsWith(f.name))!.text!.length * 11_000);
    const stats = await app.host.invoke('stats', undefined);
    if (!stats.ok) throw new Error(stats.error.message);
    const entries = (stats.value as { entries: number }).entries;
    expect(entries).toBe(list.reduce((n, s) => n + s.entries, 0));
    await waitForCount(app.page, entries);
    expect(app.consoleErrors).toEqual([]);
  });
});
