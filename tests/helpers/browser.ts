// Starts `quire serve` in-process on a temporary archive and drives the real renderer in
// Debian's Chromium with playwright-core. Every request is recorded so tests can assert that
// nothing leaves 127.0.0.1.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ArchiveHost, type HostOptions } from '../../electron/core/worker/archive-host.ts';
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

/** The built renderer; QUIRE_RENDERER_DIR points at another build (e.g. one not shared with a parallel `npm run build`). */
export function rendererDir(): string {
  const dir = process.env['QUIRE_RENDERER_DIR'] ?? path.join(REPO_ROOT, 'dist', 'renderer');
  if (!fs.existsSync(path.join(dir, 'index.html'))) throw new Error('dist/renderer is missing: run `npm run build` first (npm test does).');
  return dir;
}

export async function openApp(
  archivePath: string,
  options: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number }; host?: HostOptions } = {},
): Promise<AppSession> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH).`);
  const host = await ArchiveHost.open(archivePath, options.host);
  const server = await serveArchive({ host, rendererDir: rendererDir() });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
  const context = await browser.newContext({ colorScheme: options.colorScheme ?? 'light', viewport: options.viewport ?? { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
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

/** A file to drop: text (optionally repeated to make it big) or raw bytes. */
export interface DropSpec {
  name: string;
  text?: string;
  repeat?: number;
  bytes?: number[];
}

/**
 * Drops files on the window the way a user's drag does: dragenter, dragover, then drop, with a
 * real DataTransfer holding real File objects. The files are built inside the page.
 */
export async function dropFiles(page: Page, files: DropSpec[], options: { holdBeforeDrop?: (page: Page) => Promise<void> } = {}): Promise<void> {
  const dt = await page.evaluateHandle((specs: DropSpec[]) => {
    const transfer = new DataTransfer();
    for (const s of specs) {
      const part = s.bytes ? new Uint8Array(s.bytes) : (s.text ?? '').repeat(s.repeat ?? 1);
      transfer.items.add(new File([part], s.name, { type: 'text/plain' }));
    }
    return transfer;
  }, files);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: dt });
  await page.dispatchEvent('body', 'dragover', { dataTransfer: dt });
  if (options.holdBeforeDrop) await options.holdBeforeDrop(page);
  await page.dispatchEvent('body', 'drop', { dataTransfer: dt });
  await dt.dispose();
}

/** Writes small text files (one entry each) into dir and returns their paths. */
export function writeTextFiles(dir: string, files: Record<string, string>): string[] {
  fs.mkdirSync(dir, { recursive: true });
  return Object.entries(files).map(([name, text]) => {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  });
}

/** Imports files straight through the archive (not the UI), then reloads the page to show them. */
export async function seedArchive(app: AppSession, paths: string[]): Promise<void> {
  const result = await app.host.invoke('importFiles', { paths });
  if (!result.ok) throw new Error(`seeding failed: ${result.error.message}`);
  await app.page.reload();
}

/** The "N entries" count the app shows for the current search. */
export async function shownCount(page: Page): Promise<number | null> {
  const text = (await page.getByTestId('result-count').textContent()) ?? '';
  const m = /([\d,]+) entr/.exec(text);
  return m ? Number(m[1]!.replace(/,/g, '')) : null;
}

export async function waitForCount(page: Page, expected: number): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const t = document.querySelector('[data-testid="result-count"]')?.textContent ?? '';
      const m = /([\d,]+) entr/.exec(t);
      return m !== null && Number(m[1]!.replace(/,/g, '')) === n;
    },
    expected,
    { timeout: 15_000 },
  );
}

/** Titles of the rows currently rendered in the result list, top to bottom. */
export async function listedTitles(page: Page): Promise<string[]> {
  return page.$$eval('.entry-row .entry-title', (els) =>
    els
      .map((e) => ({ top: (e.parentElement as HTMLElement).offsetTop, text: e.textContent ?? '' }))
      .sort((a, b) => a.top - b.top)
      .map((x) => x.text),
  );
}

/** Waits until the rendered rows' titles are exactly these, in this order (or any order when sorted). */
export async function waitForTitles(page: Page, expected: string[], options: { anyOrder?: boolean } = {}): Promise<void> {
  await page.waitForFunction(
    ({ want, anyOrder }) => {
      const rows = Array.from(document.querySelectorAll<HTMLElement>('.entry-row'));
      if (rows.some((r) => r.classList.contains('is-loading'))) return false;
      let got = rows.sort((a, b) => a.offsetTop - b.offsetTop).map((r) => r.querySelector('.entry-title')?.textContent ?? '');
      if (anyOrder) got = got.sort();
      return JSON.stringify(got) === JSON.stringify(anyOrder ? [...want].sort() : want);
    },
    { want: expected, anyOrder: options.anyOrder ?? false },
    { timeout: 15_000 },
  );
}
