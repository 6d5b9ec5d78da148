// The exact count of a search, summed from countMatches slices (see CountRequest in contract.ts).
// Used by the app, which shows the running sum and stops when a newer search replaces this one,
// and by `quire search`, which waits for the total.
import type { CountProgress, SearchRequest } from './contract.ts';

/**
 * Calls `countMatches` slice after slice. `onSlice` sees the running sum and returns false to stop
 * early, in which case the result is null.
 */
export async function countAllMatches(
  countMatches: (req: SearchRequest & { after: number }) => CountProgress | Promise<CountProgress>,
  request: SearchRequest,
  onSlice: (sum: number) => boolean = () => true,
): Promise<number | null> {
  const { offset: _offset, limit: _limit, ...query } = request;
  let sum = 0;
  for (let after: number | null = 0; after !== null; ) {
    const c = await countMatches({ ...query, after });
    sum += c.counted;
    after = c.next;
    if (!onSlice(sum)) return null;
  }
  return sum;
}
