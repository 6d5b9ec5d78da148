// One facet (outlet, author, …): its values with counts, each a toggle; selections combine.
import { useState } from 'react';
import type { FacetCount } from '../../../shared/contract.ts';
import { facetLabel } from '../lib/format.ts';

const SHOWN = 8;

interface Props {
  name: string;
  label: string;
  counts: FacetCount[];
  /** Counts estimated from a sample: shown with ≈. */
  approximate: boolean;
  selected: readonly string[];
  onToggle(value: string): void;
}

export function FacetGroup({ name, label, counts, approximate, selected, onToggle }: Props) {
  const [expanded, setExpanded] = useState(false);
  const chosen = new Set(selected);
  // Selected values stay visible even when they fall outside the top of the list.
  const top = counts.slice(0, SHOWN);
  const extra = counts.slice(SHOWN).filter((c) => chosen.has(c.value));
  const shown = expanded ? counts : [...top, ...extra];
  return (
    <section className="facet-group" aria-label={label} data-facet={name}>
      <h3>{label}</h3>
      <ul>
        {shown.map((c) => (
          <li key={c.value}>
            <button type="button" className="facet-value" aria-pressed={chosen.has(c.value)} onClick={() => onToggle(c.value)} title={facetLabel(name, c.value, c.label)}>
              <span className="facet-label" dir="auto">
                {facetLabel(name, c.value, c.label)}
              </span>
              <span className="facet-count">
                {approximate ? '≈' : ''}
                {c.count.toLocaleString('en-US')}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {counts.length > SHOWN && (
        <button type="button" className="text-button small" onClick={() => setExpanded((x) => !x)}>
          {expanded ? 'Show fewer' : `Show all ${counts.length}`}
        </button>
      )}
    </section>
  );
}
