// importProject: a Quire JSON export or a REFI-QDA project, told apart by their bytes (a zip is a
// project; JSON with format "quire-export" is ours), read from a path or an upload.
import fs from 'node:fs';
import path from 'node:path';
import type { ImportProjectReport, ImportProjectRequest } from '../../../shared/contract.ts';
import { QuireError } from '../../../shared/errors.ts';
import type { Db } from '../db/open-archive.ts';
import { importJsonExport, isJsonExport } from './import-json-export.ts';
import { importQdpx } from './import-qdpx.ts';

export function importProject(db: Db, req: ImportProjectRequest, jobId: string): ImportProjectReport {
  let bytes: Uint8Array;
  let name: string;
  if (req.file) {
    bytes = req.file.data;
    name = req.file.name;
  } else {
    name = path.basename(req.path!);
    try {
      bytes = fs.readFileSync(req.path!);
    } catch {
      throw new QuireError('not-found', `Quire could not read ${req.path}.`);
    }
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    return { jobId, format: 'qdpx', ...importQdpx(db, bytes, name) };
  }
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''));
  } catch {
    throw new QuireError('invalid-input', `${name} is neither a .qdpx project nor a Quire JSON export.`);
  }
  if (!isJsonExport(data)) throw new QuireError('invalid-input', `${name} is JSON but not a Quire export (its "format" is not "quire-export"). To read JSON records as entries, import it as a file.`);
  return { jobId, format: 'quire-json', ...importJsonExport(db, data) };
}
