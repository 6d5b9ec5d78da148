// Starts `quire serve` in-process on a temporary archive and drives the real renderer in
// Debian's Chromium with playwright-core. Every request is recorded so tests can assert that
// nothing leaves 127.0.0.1.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ArchiveHost } from '../../electron/core/worker/archive-host.ts';
import { serveArchive, type RunningServer } from '../../electron/serve/serve-archive.ts';
import { REPO_ROOT } from './temp-dir.ts';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface AppSession {
  host: ArchiveHost;
  server: RunningServer;
  browser: Browser;
  page: Page;
  requests: string[];
  consoleErrors: string[];
  close(): Promise<void>;
}

export function rendererDir(): string {
  const dir = path.join(REPO_ROOT, 'dist', 'renderer');
  if (!fs.existsSync(path.join(dir, 'index.html'))) throw new Error('dist/renderer is missing: run `npm run build` first (npm test does).');
  return dir;
}

export async function openApp(archivePath: string, options: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } } = {}): Promise<AppSession> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH).`);
  const host = await ArchiveHost.open(archivePath);
  const server = await serveArchive({ host, rendererDir: rendererDir() });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
  const context = await browser.newContext({ colorScheme: options.colorScheme ?? 'light', viewport: options.viewport ?? { width: 1280, height: 800 } });
  const page = await context.newPage();
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(server.url);
  return {
    host,
    server,
    browser,
    page,
    requests,
    consoleErrors,
    async close() {
      await browser.close();
      await server.close();
      await host.close();
    },
  };
}

export function screenshotDir(): string {
  const dir = path.join(REPO_ROOT, 'test-results', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
