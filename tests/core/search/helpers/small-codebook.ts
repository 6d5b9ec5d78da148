// A small archive for codebook edits: five coded reports (and an uncoded one) over a three-level
// codebook, a writer and a read-only second connection, as the app's writer and reader workers.
import { Archive } from '../../../../electron/core/archive.ts';
import type { Code } from '../../../../shared/contract.ts';
import { openTestArchive, seedEntries } from './seed-entries.ts';

export interface SmallCodebook {
  writer: Archive;
  reader: Archive;
  /** Codes by name: Weather › Storms › Hail, Economy › Prices › Fuel. */
  code: Record<string, Code>;
}

export function smallCodebook(dir: string, name: string): SmallCodebook {
  const writer = openTestArchive(dir, name);
  const ids = seedEntries(writer, [
    { title: 'Gale', body: 'a harbour report on the gale' },
    { title: 'Hailstones', body: 'a harbour report on hailstones' },
    { title: 'Bread', body: 'a market report on bread' },
    { title: 'Budget', body: 'a market report on the budget' },
    { title: 'Diesel', body: 'a market report on diesel' },
    { title: 'Uncoded', body: 'a harbour report on nothing much' },
  ]);
  const code: Record<string, Code> = {};
  const save = (codeName: string, parent?: Code) => (code[codeName] = writer.call('saveCode', { name: codeName, parentId: parent?.id ?? null }) as Code);
  const weather = save('Weather');
  save('Hail', save('Storms', weather));
  save('Fuel', save('Prices', save('Economy')));
  const mark = (entry: number, codeName: string) => writer.call('createHighlight', { entryId: ids[entry]!, start: 0, end: 8, codeIds: [code[codeName]!.id] });
  mark(0, 'Storms');
  mark(1, 'Hail');
  mark(2, 'Prices');
  mark(3, 'Economy');
  mark(4, 'Fuel');
  return { writer, reader: new Archive(writer.path, { readonly: true }), code };
}
