// The contract methods for export and project import, spread into Archive's handler map. Both
// are jobs: the host gives them a cancel flag, and their progress goes out as events.
import type { ArchiveEvent, ArchiveHandlers } from '../../../shared/contract.ts';
import { QuireError } from '../../../shared/errors.ts';
import type { Db } from '../db/open-archive.ts';

export interface ExportHooks {
  isCancelled(jobId: string): boolean;
  /** Events other than an import's progress (an export's). */
  emit?(event: ArchiveEvent): void;
}

let counter = 0;
const newId = () => `job-${Date.now().toString(36)}-x${++counter}`;

export function exportHandlers(db: Db, hooks: ExportHooks): Pick<ArchiveHandlers, 'exportArchive' | 'importProject'> {
  return {
    exportArchive: async (req) => {
      const jobId = req.jobId ?? newId();
      // An export reads the archive once, front to back. Through the memory map every page it read
      // would stay resident in this process; SQLite's own page cache keeps memory bounded.
      const mmap = db.pragma('mmap_size', { simple: true }) as number;
      db.pragma('mmap_size = 0');
      try {
        // Loaded on first use (with the DOCX and zip writers), not when the archive opens.
        const { runExport } = await import('./run-export.ts');
        return await runExport(db, req, {
          jobId,
          isCancelled: () => hooks.isCancelled(jobId),
          onProgress: (progress) => hooks.emit?.({ type: 'export-progress', progress }),
        });
      } finally {
        db.pragma(`mmap_size = ${Number(mmap)}`);
      }
    },
    importProject: async (req) => {
      if (db.readonly) throw new QuireError('invalid-input', 'This archive is open read-only.');
      const { importProject } = await import('./import-project.ts');
      return importProject(db, req, req.jobId ?? newId());
    },
  };
}
