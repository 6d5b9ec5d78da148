// The application menu. Actions are passed in so the menu holds no state of its own.
import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  importFiles(): void;
  importFolder(): void;
  newArchive(): void;
  openArchive(): void;
  /** Opens the page's export dialog. */
  exportArchive(): void;
  /** A Quire JSON export or a REFI-QDA project (.qdpx) into this archive. */
  importProject(): void;
  /** Opens the page's backups dialog (back up now, restore). */
  showBackups(): void;
  /** DevTools only in development builds: a packaged app never offers them. */
  devTools: boolean;
}

export function buildAppMenu(actions: MenuActions): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Import Files…', accelerator: 'CmdOrCtrl+I', click: () => actions.importFiles() },
        { label: 'Import Folder…', accelerator: 'CmdOrCtrl+Shift+I', click: () => actions.importFolder() },
        { type: 'separator' },
        { label: 'New Archive…', accelerator: 'CmdOrCtrl+Shift+N', click: () => actions.newArchive() },
        { label: 'Open Archive…', accelerator: 'CmdOrCtrl+O', click: () => actions.openArchive() },
        { type: 'separator' },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => actions.exportArchive() },
        { label: 'Import Project…', click: () => actions.importProject() },
        { label: 'Backups…', click: () => actions.showBackups() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...(actions.devTools ? [{ role: 'toggleDevTools' as const }] : []),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      role: 'help',
      submenu: [
        { label: 'About Quire', role: 'about' },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
