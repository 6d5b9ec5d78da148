// "Add files…" and "Add folder…": the shell's dialogs in Electron, file inputs in the browser.
import { useRef, type ChangeEvent } from 'react';
import type { Connection } from '../archive-client.ts';
import { fromInput, type DroppedFile } from '../lib/collect-dropped.ts';

interface Props {
  connection: Connection;
  onFiles(files: DroppedFile[]): void;
  onPaths(paths: string[]): void;
  disabled?: boolean;
  variant?: 'sidebar' | 'empty';
}

export function ImportButtons({ connection, onFiles, onPaths, disabled, variant = 'sidebar' }: Props) {
  const files = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  const folderInput = (el: HTMLInputElement | null) => {
    folder.current = el;
    // webkitdirectory is not in React's attribute list; set it on the element itself.
    if (el) el.webkitdirectory = true;
  };
  const pick = (kind: 'files' | 'folder') => {
    const pickFiles = connection.pickFiles;
    if (pickFiles) void pickFiles(kind).then(onPaths);
    else (kind === 'files' ? files : folder).current?.click();
  };
  const onPicked = (e: ChangeEvent<HTMLInputElement>) => {
    onFiles(fromInput(e.target.files));
    e.target.value = ''; // picking the same files again fires change again
  };
  const cls = variant === 'empty' ? 'primary-button' : 'text-button small';
  return (
    <div className={`import-buttons ${variant === "empty" ? "empty" : "in-sidebar"}`}>
      <button type="button" className={cls} onClick={() => pick('files')} disabled={disabled}>
        Add files…
      </button>
      <button type="button" className={variant === 'empty' ? 'secondary-button' : cls} onClick={() => pick('folder')} disabled={disabled}>
        Add folder…
      </button>
      <input
        ref={files}
        type="file"
        multiple
        hidden
        aria-label="Choose files to import"
        onChange={onPicked}
      />
      <input
        ref={folderInput}
        type="file"
        multiple
        hidden
        aria-label="Choose a folder to import"
        onChange={onPicked}
      />
    </div>
  );
}
