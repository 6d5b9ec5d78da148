// The codebook as listCodes returns it (roots first, each followed by its sub-codes, in position
// order), reloaded whenever the annotation version moves. Keeps the last list while reloading.
import type { Code } from '../../../shared/contract.ts';
import type { Connection } from '../archive-client.ts';
import { useAsyncValue } from './use-async-value.ts';

const NONE: Code[] = [];

export function useCodes(connection: Connection, annotationVersion: number): Code[] {
  const codes = useAsyncValue(`codes#${annotationVersion}`, () => connection.api.listCodes());
  return codes.value ?? NONE;
}
