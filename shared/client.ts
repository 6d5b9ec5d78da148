// Derives the Promise-returning client from the contract: one generic transport, every method.
import { ARCHIVE_METHOD_NAMES, type ArchiveClient, type ArchiveEvent, type ArchiveMethod, type WireResult } from './contract.ts';
import { fromErrorData } from './errors.ts';

export interface Transport {
  invoke(method: ArchiveMethod, arg: unknown): Promise<WireResult<unknown>>;
  subscribe(listener: (event: ArchiveEvent) => void): () => void;
}

export interface QuireConnection {
  api: ArchiveClient;
  onEvent(listener: (event: ArchiveEvent) => void): () => void;
}

export function createClient(transport: Transport): QuireConnection {
  const api = {} as Record<ArchiveMethod, (arg?: unknown) => Promise<unknown>>;
  for (const method of ARCHIVE_METHOD_NAMES) {
    api[method] = async (arg?: unknown) => {
      const result = await transport.invoke(method, arg);
      if (result.ok) return result.value;
      throw fromErrorData(result.error);
    };
  }
  return { api: api as unknown as ArchiveClient, onEvent: (listener) => transport.subscribe(listener) };
}
