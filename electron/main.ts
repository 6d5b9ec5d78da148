// The Electron shell: lifecycle, one window, the menu, and the IPC bridge to the archive host.
// Thin on purpose: the archive lives in electron/core and runs in worker threads.
import { app, BrowserWindow, dialog, ipcMain, Menu, session, type IpcMainInvokeEvent } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHANNELS, type ArchiveEvent, type ImportProjectReport, type WireResult } from '../shared/contract.ts';
import { defaultArchivePath } from './core/default-archive.ts';
import { ArchiveHost } from './core/worker/archive-host.ts';
import { buildAppMenu } from './app-menu.ts';
import { APP_ORIGIN, handleAppProtocol, registerAppScheme } from './app-protocol.ts';
import { loadSettings, saveSettings, type Settings } from './settings.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, 'renderer');
const preloadFile = path.join(here, 'preload.cjs');

let host: ArchiveHost | null = null;
/** The first archive while it opens (an older one is upgraded then, which can take minutes). */
let opening: Promise<void> | null = null;
/** The upgrade's latest step, for a page that loads after it was sent. */
let upgrading: ArchiveEvent | null = null;
let win: BrowserWindow | null = null;
let settings: Settings = {};

registerAppScheme();
app.setName('Quire');

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.whenReady().then(start, (error: unknown) => fatal(error));
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('activate', () => {
  if (BrowserWindow.getAllWindows().length === 0 && host) createWindow();
});

app.on('will-quit', () => {
  void host?.close();
});

// Every web contents, present or future: no navigation away, no new windows, no webviews.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (e, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) e.preventDefault();
  });
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

async function start(): Promise<void> {
  settings = loadSettings(app.getPath('userData'));
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  // Nothing remote, ever: any request that is not app:// (or devtools) is cancelled.
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const ok = details.url.startsWith(`${APP_ORIGIN}/`) || details.url.startsWith('devtools://');
    callback({ cancel: !ok });
  });
  handleAppProtocol(rendererDir);
  ipcMain.handle(CHANNELS.invoke, async (event, method: unknown, arg: unknown): Promise<WireResult<unknown>> => {
    if (!trustedSender(event)) return { ok: false, error: { code: 'unauthorized', message: 'Refused: the request did not come from Quire.' } };
    if (!host) await opening?.catch(() => {}); // the page's first calls wait for the archive
    if (!host) return { ok: false, error: { code: 'archive-unreadable', message: 'No archive is open.' } };
    return host.invoke(String(method), arg);
  });
  ipcMain.handle(CHANNELS.shell, async (event, action: unknown, kind: unknown) => {
    if (!trustedSender(event)) return [];
    if (action === 'save') return pickExportPath(String(kind));
    if (action !== 'pick') return [];
    return pickImportPaths(kind === 'folder' ? 'folder' : 'files');
  });
  Menu.setApplicationMenu(
    buildAppMenu({
      importFiles: () => void importFromDialog('files'),
      importFolder: () => void importFromDialog('folder'),
      newArchive: () => void chooseArchive('new'),
      openArchive: () => void chooseArchive('open'),
      exportArchive: () => send({ type: 'show-export' }),
      importProject: () => void importProjectFromDialog(),
      showBackups: () => send({ type: 'show-backups' }),
      devTools: !app.isPackaged,
    }),
  );
  // The window first, so that upgrading an older archive shows its progress instead of nothing.
  createWindow();
  opening = openArchiveFile(settings.lastArchive ?? defaultArchivePath());
  await opening;
}

function trustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && win !== null && event.sender === win.webContents && frame === win.webContents.mainFrame && frame.url.startsWith(`${APP_ORIGIN}/`);
}

function createWindow(): void {
  const b = settings.bounds;
  win = new BrowserWindow({
    width: b?.width ?? 1280,
    height: b?.height ?? 800,
    ...(b?.x !== undefined && b?.y !== undefined ? { x: b.x, y: b.y } : {}),
    minWidth: 720,
    minHeight: 480,
    title: 'Quire',
    show: false,
    backgroundColor: '#1b1c1e',
    webPreferences: {
      preload: preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  if (b?.maximized) win.maximize();
  win.once('ready-to-show', () => win?.show());
  win.webContents.on('did-finish-load', () => upgrading && send(upgrading));
  const remember = () => {
    if (!win || win.isDestroyed()) return;
    settings.bounds = { ...win.getNormalBounds(), maximized: win.isMaximized() };
    saveSettings(app.getPath('userData'), settings);
  };
  win.on('close', remember);
  win.on('closed', () => {
    win = null;
  });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
}

function send(event: ArchiveEvent): void {
  if (win && !win.isDestroyed()) win.webContents.send(CHANNELS.event, event);
}

async function openArchiveFile(file: string): Promise<void> {
  const onEvent = (e: ArchiveEvent) => {
    if (e.type === 'upgrade-progress') upgrading = e.progress.phase === 'done' ? null : e;
    send(e);
  };
  const next = await ArchiveHost.open(file, { workerFile: path.join(here, 'archive-worker.mjs'), onEvent }).finally(() => (upgrading = null));
  const previous = host;
  host = next;
  await previous?.close();
  settings.lastArchive = file;
  saveSettings(app.getPath('userData'), settings);
  win?.setTitle(`Quire — ${path.basename(file)}`);
  send({ type: 'archive-changed' });
}

async function pickImportPaths(kind: 'files' | 'folder'): Promise<string[]> {
  const options = {
    title: kind === 'folder' ? 'Import a folder of dumps' : 'Import files',
    properties: kind === 'folder' ? (['openDirectory', 'multiSelections'] as const) : (['openFile', 'multiSelections'] as const),
  };
  const result = win ? await dialog.showOpenDialog(win, { ...options, properties: [...options.properties] }) : await dialog.showOpenDialog({ ...options, properties: [...options.properties] });
  return result.canceled ? [] : result.filePaths;
}

/** Where to write an export: the user's choice in a save dialog, or null when cancelled. */
async function pickExportPath(suggestedName: string): Promise<string | null> {
  const name = path.basename(suggestedName).slice(0, 200) || 'quire-export';
  const ext = path.extname(name).slice(1);
  const options = { title: 'Export', defaultPath: name, ...(ext ? { filters: [{ name: ext.toUpperCase(), extensions: [ext] }] } : {}) };
  const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

/** File › Import Project…: a Quire JSON export or a .qdpx, then what came in (and what was left out). */
async function importProjectFromDialog(): Promise<void> {
  const options = { title: 'Import a project', filters: [{ name: 'REFI-QDA project or Quire export', extensions: ['qdpx', 'json'] }], properties: ['openFile' as const] };
  const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  const file = picked.filePaths[0];
  if (picked.canceled || !file || !host) return;
  const result = await host.invoke('importProject', { path: file });
  if (!result.ok) {
    dialog.showErrorBox('Quire could not import the project', result.error.message);
    return;
  }
  const r = result.value as ImportProjectReport;
  const c = r.created;
  const detail = [`New: ${c.entries} entries, ${c.codes} codes, ${c.highlights} highlights, ${c.notes} notes, ${c.collections} collections.`, ...r.warnings].join('\n');
  const box = { type: 'info' as const, message: `Imported ${path.basename(file)}`, detail };
  await (win ? dialog.showMessageBox(win, box) : dialog.showMessageBox(box));
}

async function importFromDialog(kind: 'files' | 'folder'): Promise<void> {
  const paths = await pickImportPaths(kind);
  if (paths.length > 0 && host) await host.invoke('importFiles', { paths });
}

async function chooseArchive(mode: 'new' | 'open'): Promise<void> {
  const filters = [{ name: 'Quire archive', extensions: ['quire'] }];
  const file =
    mode === 'new'
      ? (await dialog.showSaveDialog({ title: 'New archive', defaultPath: 'Archive.quire', filters })).filePath
      : (await dialog.showOpenDialog({ title: 'Open archive', filters, properties: ['openFile'] })).filePaths[0];
  if (!file) return;
  try {
    await openArchiveFile(file);
  } catch (error) {
    dialog.showErrorBox('Quire could not open the archive', error instanceof Error ? error.message : String(error));
  }
}

function fatal(error: unknown): void {
  dialog.showErrorBox('Quire could not start', error instanceof Error ? error.message : String(error));
  app.quit();
}
