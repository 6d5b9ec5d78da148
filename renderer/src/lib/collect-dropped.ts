// Turns a drop into a flat list of files with their relative paths, walking dropped folders
// recursively (browser mode). Entries must be taken from the DataTransfer synchronously, during
// the drop event; the walk itself can then run asynchronously.

export interface DroppedFile {
  file: File;
  relativePath: string;
}

type Pending = { kind: 'entry'; entry: FileSystemEntry } | { kind: 'file'; file: File };

/** Call inside the drop handler: captures what was dropped before the DataTransfer is emptied. */
export function captureDrop(dt: DataTransfer): Pending[] {
  const pending: Pending[] = [];
  const items = Array.from(dt.items ?? []).filter((i) => i.kind === 'file');
  if (items.length > 0) {
    for (const item of items) {
      const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
      if (entry) pending.push({ kind: 'entry', entry });
      else {
        const file = item.getAsFile();
        if (file) pending.push({ kind: 'file', file });
      }
    }
    return pending;
  }
  for (const file of Array.from(dt.files)) pending.push({ kind: 'file', file });
  return pending;
}

/** The top-level File objects of a drop (Electron resolves their paths, folders included). */
export function topLevelFiles(dt: DataTransfer): File[] {
  return Array.from(dt.files);
}

export async function walkDrop(pending: Pending[]): Promise<DroppedFile[]> {
  const out: DroppedFile[] = [];
  for (const p of pending) {
    if (p.kind === 'file') out.push({ file: p.file, relativePath: p.file.webkitRelativePath || p.file.name });
    else await walkEntry(p.entry, '', out);
  }
  return out;
}

async function walkEntry(entry: FileSystemEntry, prefix: string, out: DroppedFile[]): Promise<void> {
  const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ file, relativePath: rel });
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries returns at most ~100 entries per call: keep reading until it returns none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    for (const child of batch) await walkEntry(child, rel, out);
  }
}

/** Files chosen with <input type=file> (webkitdirectory inputs carry relative paths). */
export function fromInput(list: FileList | null): DroppedFile[] {
  return Array.from(list ?? []).map((file) => ({ file, relativePath: file.webkitRelativePath || file.name }));
}
