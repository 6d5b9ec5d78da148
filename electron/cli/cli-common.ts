// What every `quire` command shares: the output channel, the parsed options, usage errors, and
// one way to call the archive's contract methods in-process.
import type { ArchiveArg, ArchiveMethod, ArchiveReturn } from '../../shared/contract.ts';
import { validateInput } from '../../shared/contract-schemas.ts';
import { Archive } from '../core/archive.ts';

/** A mistake in how the command was typed: exit code 2 and a one-line hint. */
export class UsageError extends Error {}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  rendererDir: string;
  isTTY: boolean;
}

export interface CliOptions {
  json: boolean;
  translit: boolean;
  /** search: wait for the exact count before printing. */
  'exact-count'?: boolean;
  limit?: string;
  sort?: string;
  port?: string;
  color?: string;
  mode?: string;
  into?: string;
  quote?: string;
  start?: string;
  end?: string;
  code?: string[];
  note?: string;
  collection?: string;
  query?: string;
  entry?: string[];
  source?: string[];
  /** import: `title=headline,date=date_raw` (shared/field-map.ts). */
  map?: string;
}

export interface CliContext {
  io: CliIo;
  archivePath: string;
  options: CliOptions;
  /** Positionals after the command (and after the sub-command for `code` and `collection`). */
  args: string[];
}

export type CallArchive = <M extends ArchiveMethod>(method: M, arg: ArchiveArg<M>) => Promise<ArchiveReturn<M>>;

/**
 * Opens the archive in this process for one command and closes it after. Arguments are
 * validated by the same schemas the Electron and HTTP boundaries use, so a script gets the same
 * answer as the app. (Only `import` and `serve` start the worker host: they need its progress
 * events, cancellation and the reader that serves the window during an import.)
 */
export async function withArchive<T>(archivePath: string, fn: (call: CallArchive) => Promise<T>): Promise<T> {
  const archive = new Archive(archivePath);
  const call: CallArchive = async <M extends ArchiveMethod>(method: M, arg: ArchiveArg<M>) => (await archive.call(method, validateInput(method, arg))) as ArchiveReturn<M>;
  try {
    return await fn(call);
  } finally {
    archive.close();
  }
}

/** A whole number option or argument, or a usage error that names it. */
export function wholeNumber(value: string | undefined, what: string, min = 0): number {
  const n = value === undefined || value.trim() === '' ? NaN : Number(value);
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`${what} must be a whole number${min > 0 ? ` from ${min}` : ''} (got ${value === undefined ? 'nothing' : JSON.stringify(value)})`);
  return n;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}
