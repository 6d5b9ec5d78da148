import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshotDir, type AppSession } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('the app in browser mode (quire serve + Chromium)', () => {
  const dir = tempDir();
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp(path.join(dir, 'e2e-shell.quire'));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('loads and shows the empty state', async () => {
    await app.page.getByText('Drop text dumps here').waitFor();
    expect(await app.page.title()).toBe('Quire');
    await app.page.screenshot({ path: path.join(screenshotDir(), 'empty-state-light.png') });
  });

  it('has no console errors and no request leaves 127.0.0.1', async () => {
    expect(app.consoleErrors).toEqual([]);
    expect(app.requests.length).toBeGreaterThan(0);
    for (const url of app.requests) expect(new URL(url).hostname).toBe('127.0.0.1');
  });

  it('refuses API calls without the token', async () => {
    const res = await fetch(`http://127.0.0.1:${app.server.port}/api/invoke/stats`, { method: 'POST' });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { code: string } };
    expect(body.error.code).toBe('unauthorized');
  });

  it('renders in dark mode', async () => {
    await app.page.emulateMedia({ colorScheme: 'dark' });
    const bg = await app.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).not.toBe('rgb(251, 250, 247)');
    await app.page.screenshot({ path: path.join(screenshotDir(), 'empty-state-dark.png') });
  });
});
