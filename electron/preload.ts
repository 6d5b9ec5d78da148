// Preload (CommonJS, sandbox-compatible): exposes ONE narrow object, window.quire. The page never
// sees ipcRenderer; it can only invoke contract methods and listen to archive events.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { CHANNELS, type ArchiveEvent, type ArchiveMethod } from '../shared/contract.ts';

contextBridge.exposeInMainWorld('quire', {
  invoke: (method: ArchiveMethod, arg: unknown) => ipcRenderer.invoke(CHANNELS.invoke, method, arg),
  onEvent: (listener: (event: ArchiveEvent) => void) => {
    const wrapped = (_e: IpcRendererEvent, event: ArchiveEvent) => listener(event);
    ipcRenderer.on(CHANNELS.event, wrapped);
    return () => ipcRenderer.off(CHANNELS.event, wrapped);
  },
  pathForFile: (file: File) => webUtils.getPathForFile(file),
  pickFiles: (kind: 'files' | 'folder') => ipcRenderer.invoke(CHANNELS.shell, 'pick', kind) as Promise<string[]>,
  pickSavePath: (suggestedName: string) => ipcRenderer.invoke(CHANNELS.shell, 'save', suggestedName) as Promise<string | null>,
});
