// The facets of the current results, in the order researchers narrow by.
import { memo } from 'react';
import type { FacetFilter, FacetsResult, FacetValues } from '../../../shared/contract.ts';
import { FACET_LABELS } from './filter-chips.tsx';
import { FacetGroup } from './facet-group.tsx';

const ORDER: (keyof FacetsResult & keyof FacetFilter)[] = ['outlet', 'author', 'source', 'language', 'year', 'month', 'tag', 'code'];

interface Props {
  facets: FacetsResult | null;
  error: string | null;
  filters: FacetFilter;
  onToggle(facet: keyof FacetFilter, value: string): void;
  /** One facet's whole list for the same search (the facets answer holds at most 100 values). */
  loadAll?(facet: keyof FacetFilter): Promise<FacetValues>;
}

/** Drawn again only when its props change, not on every keystroke. */
export const FacetPanel = memo(FacetList);

function FacetList({ facets, error, filters, onToggle, loadAll }: Props) {
  if (error) return <p className="sidebar-note">{error}</p>;
  if (!facets) return null;
  const groups = ORDER.filter((f) => facets[f].length > 0);
  if (groups.length === 0) return <p className="sidebar-note">Nothing to refine by yet.</p>;
  return (
    <div className="facet-panel">
      {groups.map((f) => (
        <FacetGroup
          key={f}
          name={f}
          label={FACET_LABELS[f]}
          counts={facets[f]}
          total={facets.distinct?.[f]}
          approximate={facets.approximate === true}
          selected={(filters[f] ?? []).map(String)}
          onToggle={(v) => onToggle(f, v)}
          loadAll={loadAll}
        />
      ))}
      {facets.approximate && <p className="sidebar-note">≈ Counts are estimated from a sample of the matches.</p>}
    </div>
  );
}
