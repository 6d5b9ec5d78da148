// The whole window is a drop zone: an overlay while files are dragged over it, and the dropped
// files (folders walked) handed on once they land.
import { useEffect, useRef, useState } from 'react';
import { captureDrop, topLevelFiles, walkDrop, type DroppedFile } from '../lib/collect-dropped.ts';

function carriesFiles(e: DragEvent): boolean {
  return Array.from(e.dataTransfer?.types ?? []).includes('Files');
}

/**
 * In Electron the shell resolves each dropped item's path (folders are walked by the archive), so
 * only the top-level items are needed; in the browser the folders are walked here.
 */
export function useWindowDrop(mode: 'electron' | 'browser', onFiles: (files: DroppedFile[]) => void): boolean {
  const [over, setOver] = useState(false);
  const depth = useRef(0);
  const handler = useRef(onFiles);
  handler.current = onFiles;

  useEffect(() => {
    const enter = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth.current++;
      setOver(true);
    };
    const overEv = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      setOver(true);
    };
    const leave = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setOver(false);
    };
    const drop = (e: DragEvent) => {
      e.preventDefault();
      depth.current = 0;
      setOver(false);
      if (!e.dataTransfer) return;
      if (mode === 'electron') {
        handler.current(topLevelFiles(e.dataTransfer).map((file) => ({ file, relativePath: file.name })));
        return;
      }
      const pending = captureDrop(e.dataTransfer);
      void walkDrop(pending).then((files) => handler.current(files));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', overEv);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', overEv);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [mode]);
  return over;
}
