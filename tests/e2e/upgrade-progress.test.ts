// Restoring a backup an older Quire made upgrades it as the archive reopens, and the page shows it:
// "Upgrading the archive… step X of Y" with a bar and what the step is doing, gone when it is done.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Archive } from '../../electron/core/archive.ts';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrations/index.ts';
import { backupsDir } from '../../electron/core/db/backups.ts';
import { archiveAtVersion6 } from '../helpers/archive-at-version-6.ts';
import { openApp, type AppSession } from '../helpers/browser.ts';
import { writeSlowUpgradeWorker } from '../helpers/slow-upgrade-worker.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('upgrading an older archive in the app', () => {
  const dir = tempDir('quire-e2e-upgrade-');
  let app: AppSession | null = null;
  afterAll(async () => {
    await app?.close();
  });

  it('shows each step with a bar while a restored older backup is upgraded', async () => {
    // A fresh folder and app for each attempt (CI retries a failed browser test once).
    await app?.close();
    const here = fs.mkdtempSync(path.join(dir, 'attempt-'));
    const archivePath = path.join(here, 'study.quire');
    // Enough sources that migration 7 takes a moment converting them one by one.
    const old = path.join(backupsDir(archivePath), 'study-20250301T000000000Z-manual.quire');
    fs.mkdirSync(path.dirname(old), { recursive: true });
    archiveAtVersion6(old, Array.from({ length: 300 }, (_, i) => `harbour-log-${i}.txt`));
    // The app opens an archive already at the latest version: a new one made by the slow worker
    // below would hold each of its own migrations too (14 s here), and only the restore is watched.
    new Archive(archivePath).close();
    // Each step held 300 ms, as a big archive's steps take minutes: this one's whole upgrade takes
    // tens of milliseconds, and events that reach the page together are drawn only as the last.
    app = await openApp(archivePath, { host: { workerFile: writeSlowUpgradeWorker(here, 300) } });
    const { page } = app;
    // Every text the upgrade region shows, however briefly.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { upgradeTexts: string[] }).upgradeTexts = seen;
      new MutationObserver(() => {
        const region = document.querySelector('[role="region"][aria-label="Upgrade progress"]');
        const text = region?.textContent ?? '';
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByRole('button', { name: 'Backups…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Backups' });
    await dialog.getByRole('button', { name: /^Restore the backup of/ }).first().click();
    await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
    await expect.poll(async () => (await dialog.getByRole('status').textContent()) ?? '', { timeout: 60_000 }).toMatch(/Restored the backup of/);
    const steps = 1 + 2 * (LATEST_SCHEMA_VERSION - 6);
    const texts = await page.evaluate(() => (window as unknown as { upgradeTexts: string[] }).upgradeTexts);
    expect(texts.some((t) => t.startsWith(`Upgrading the archive… step 1 of ${steps}`) && t.includes('Backing up the archive first'))).toBe(true);
    expect(texts.some((t) => new RegExp(`^Upgrading the archive… step 2 of ${steps}Migration 1 of ${LATEST_SCHEMA_VERSION - 6}: source content .*\\(\\d+%\\) · backup made in \\d+\\.\\d\\ss$`).test(t))).toBe(true);
    expect(texts.some((t) => t.includes(`step 3 of ${steps}`) && t.includes('Checking the archive after migration 1'))).toBe(true);
    // Done: the bar goes, and the archive holds the backup's sources.
    expect(await page.getByRole('region', { name: 'Upgrade progress' }).count()).toBe(0);
    expect(await app.host.invoke('listSources', undefined)).toMatchObject({ ok: true, value: { length: 300 } });
  });
});
