// countMatches in many slices (a zero budget counts one id range per call), summed: what the app
// adds up while it shows a lower bound. Differential tests compare the sum with the true count.
import type { SearchService } from '../../../../electron/core/search/search-service.ts';
import type { SearchRequest } from '../../../../shared/contract.ts';

export function countInSlices(service: SearchService, req: SearchRequest): number {
  let counted = 0;
  for (let after: number | null = 0; after !== null; ) {
    const c = service.countMatches({ ...req, after }, 0);
    counted += c.counted;
    after = c.next;
  }
  return counted;
}
