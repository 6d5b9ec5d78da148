// Clients learn of annotation writes: the host emits 'annotations-changed' after each successful
// annotation write (and undo/redo), and nothing after a read or a refused write.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchiveHost } from '../../../electron/core/worker/archive-host.ts';
import type { ArchiveEvent } from '../../../shared/contract.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

describe('annotation events', () => {
  const dir = tempDir();
  let host: ArchiveHost;
  const events: ArchiveEvent['type'][] = [];
  beforeAll(async () => {
    host = await ArchiveHost.open(path.join(dir, 'events.quire'));
    host.onEvent((e) => events.push(e.type));
  });
  afterAll(async () => {
    await host.close();
  });

  it('emits annotations-changed after a successful write, undo and redo only', async () => {
    expect(await host.invoke('saveCode', { name: 'Place' })).toMatchObject({ ok: true });
    expect(events).toEqual(['annotations-changed']);
    await host.invoke('listCodes', undefined);
    expect(await host.invoke('saveCode', { name: 'place' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await host.invoke('saveCode', { name: 'Bad', color: 'red' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(events).toEqual(['annotations-changed']);
    expect(await host.invoke('undo', undefined)).toMatchObject({ ok: true, value: { done: 'New code “Place”' } });
    expect(events.slice(1)).toEqual(['archive-changed', 'annotations-changed']);
    expect(await host.invoke('listCodes', undefined)).toEqual({ ok: true, value: [] });
  });
});
