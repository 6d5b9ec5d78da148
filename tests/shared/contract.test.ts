// The contract: one list of methods, a client derived from it, validation at the boundary.
import { describe, expect, it } from 'vitest';
import { createClient } from '../../shared/client.ts';
import { ARCHIVE_METHOD_NAMES, type ArchiveMethod } from '../../shared/contract.ts';
import { INPUT_SCHEMAS, validateInput } from '../../shared/contract-schemas.ts';
import { QuireError, toErrorData } from '../../shared/errors.ts';
import { decodeUploads, encodeUploads } from '../../shared/upload-frames.ts';

describe('the contract', () => {
  it('derives a client with every method, and errors come back as typed QuireErrors', async () => {
    const calls: [ArchiveMethod, unknown][] = [];
    const { api } = createClient({
      invoke: async (method, arg) => {
        calls.push([method, arg]);
        return method === 'getEntry' ? { ok: false, error: { code: 'not-found', message: 'Entry 9 is not in this archive.' } } : { ok: true, value: 42 };
      },
      subscribe: () => () => {},
    });
    for (const m of ARCHIVE_METHOD_NAMES) expect(typeof api[m]).toBe('function');
    expect(await api.stats()).toBe(42);
    const error = await api.getEntry({ id: 9 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuireError);
    expect(error).toMatchObject({ code: 'not-found', message: 'Entry 9 is not in this archive.' });
    expect(calls.map((c) => c[0])).toEqual(['stats', 'getEntry']);
  });

  it('has an input schema for every method', () => {
    expect(Object.keys(INPUT_SCHEMAS).sort()).toEqual([...ARCHIVE_METHOD_NAMES].sort());
  });

  it('rejects unexpected fields and wrong types with the field named', () => {
    expect(() => validateInput('search', { query: 'x', limit: 0 })).toThrow(/search \(limit\)/);
    expect(() => validateInput('search', { query: 'x', sql: 'DROP TABLE entries' })).toThrow(/Invalid request to search/);
    expect(() => validateInput('importFiles', { paths: [] })).toThrow(/importFiles \(paths\)/);
    expect(validateInput('search', { query: 'river', sort: 'date-desc' })).toEqual({ query: 'river', sort: 'date-desc' });
  });

  it('never leaks internal error text to the user', () => {
    expect(toErrorData(new Error('SQLITE_ERROR: no such column: foo'))).toEqual({
      code: 'internal',
      message: 'Something went wrong inside Quire. The archive was not changed.',
    });
  });

  it('frames uploads losslessly and refuses a truncated upload', () => {
    const files = [
      { name: 'a/ü.txt', data: new Uint8Array([1, 2, 3]) },
      { name: 'empty.txt', data: new Uint8Array() },
    ];
    const decoded = decodeUploads(encodeUploads(files));
    expect(decoded.map((f) => [f.name, [...f.data]])).toEqual([
      ['a/ü.txt', [1, 2, 3]],
      ['empty.txt', []],
    ]);
    const framed = encodeUploads(files);
    expect(() => decodeUploads(framed.subarray(0, framed.length - 5))).toThrow(/cut short/);
  });
});
