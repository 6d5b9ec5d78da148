// What narrows the list right now, each removable: search-within steps, facets, the date range.
import type { FacetFilter } from '../../../shared/contract.ts';
import { formatDate } from '../lib/format.ts';

export const FACET_LABELS: Record<keyof FacetFilter, string> = {
  outlet: 'Outlet',
  author: 'Author',
  source: 'Source',
  language: 'Language',
  year: 'Year',
  month: 'Month',
  tag: 'Tag',
  code: 'Code',
  collection: 'Collection',
};

interface Props {
  within: string[];
  onRemoveWithin(index: number): void;
  filters: FacetFilter;
  labelFor(facet: keyof FacetFilter, value: string): string;
  onRemoveFilter(facet: keyof FacetFilter, value: string): void;
  dateFrom: string | null;
  dateTo: string | null;
  onClearDates(): void;
  onClearAll(): void;
}

export function FilterChips(p: Props) {
  const chips: { key: string; label: string; remove(): void }[] = [];
  p.within.forEach((q, i) => chips.push({ key: `w${i}`, label: `Within: ${q}`, remove: () => p.onRemoveWithin(i) }));
  for (const facet of Object.keys(FACET_LABELS) as (keyof FacetFilter)[]) {
    for (const v of p.filters[facet] ?? []) {
      const value = String(v);
      chips.push({ key: `${facet}:${value}`, label: `${FACET_LABELS[facet]}: ${p.labelFor(facet, value)}`, remove: () => p.onRemoveFilter(facet, value) });
    }
  }
  if (p.dateFrom || p.dateTo) {
    const label = p.dateFrom && p.dateTo ? `${formatDate(p.dateFrom)} – ${formatDate(p.dateTo)}` : p.dateFrom ? `From ${formatDate(p.dateFrom)}` : `Until ${formatDate(p.dateTo)}`;
    chips.push({ key: 'dates', label: `Dates: ${label}`, remove: p.onClearDates });
  }
  if (chips.length === 0) return null;
  return (
    <div className="filter-chips" aria-label="Active filters">
      {chips.map((c) => (
        <span className="chip" key={c.key}>
          <span dir="auto">{c.label}</span>
          <button type="button" aria-label={`Remove ${c.label}`} onClick={c.remove}>
            ×
          </button>
        </span>
      ))}
      {chips.length > 1 && (
        <button type="button" className="text-button small" onClick={p.onClearAll}>
          Clear all
        </button>
      )}
    </div>
  );
}
