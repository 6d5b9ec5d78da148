// The annotations view's filters: words in the quote or note, code (with its sub-codes),
// collection, tag, outlet, author, dates, orphans only, and the order.
import { useEffect, useState, type RefObject } from 'react';
import type { Code, CollectionSummary, FacetCount, HighlightQuery } from '../../../shared/contract.ts';
import { useDebounced } from '../hooks/use-debounced.ts';
import { codeTree, depthOf } from '../lib/code-tree.ts';

export type HighlightFilters = Omit<HighlightQuery, 'limit' | 'offset'>;

interface Props {
  value: HighlightFilters;
  onChange(value: HighlightFilters): void;
  codes: Code[];
  collections: CollectionSummary[];
  tags: FacetCount[];
  textInput: RefObject<HTMLInputElement | null>;
}

/** A text field that reports its value once typing pauses. */
function useSettledField(value: string | undefined, onSettled: (v: string | undefined) => void): [string, (v: string) => void] {
  const [typed, setTyped] = useState(value ?? '');
  const settled = useDebounced(typed, 250);
  useEffect(() => {
    const v = settled.trim() || undefined;
    if (v !== value) onSettled(v);
    // Only a settled change is reported.
  }, [settled]);
  return [typed, setTyped];
}

function without<K extends keyof HighlightFilters>(f: HighlightFilters, key: K, v: HighlightFilters[K] | undefined): HighlightFilters {
  const next = { ...f };
  if (v === undefined || v === null || v === '') delete next[key];
  else next[key] = v;
  return next;
}

export function AnnotationFilters({ value, onChange, codes, collections, tags, textInput }: Props) {
  const set = <K extends keyof HighlightFilters>(key: K, v: HighlightFilters[K] | undefined) => onChange(without(value, key, v));
  const [text, setText] = useSettledField(value.text, (v) => set('text', v));
  const [outlet, setOutlet] = useSettledField(value.outlet, (v) => set('outlet', v));
  const [author, setAuthor] = useSettledField(value.author, (v) => set('author', v));
  const tree = codeTree(codes);
  // The less used filters fold away so the list keeps the height; set ones keep them open.
  const hiddenSet = [value.tag, value.outlet, value.author, value.dateFrom, value.dateTo, value.orphaned].filter((v) => v !== undefined && v !== null && v !== '').length;
  const [more, setMore] = useState(hiddenSet > 0);
  return (
    <div className="annotation-filters" role="search" aria-label="Filter highlights">
      <div className="annotation-text-row">
        <input ref={textInput} type="search" className="annotation-text" aria-label="Words in the passage or note" placeholder="Words in the passage or note" value={text} onChange={(e) => setText(e.target.value)} dir="auto" />
        <button type="button" className="text-button small" aria-expanded={more} onClick={() => setMore((m) => !m)}>
          {more ? 'Fewer filters' : hiddenSet > 0 ? `More filters (${hiddenSet})` : 'More filters'}
        </button>
      </div>
      <label>
        <span>Code</span>
        <select aria-label="Code" value={value.codeId ?? ''} onChange={(e) => set('codeId', e.target.value ? Number(e.target.value) : undefined)}>
          <option value="">Any code</option>
          {codes.map((c) => (
            <option key={c.id} value={c.id}>
              {'\u00a0\u00a0'.repeat(depthOf(tree, c))}
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Collection</span>
        <select aria-label="Collection" value={value.collectionId ?? ''} onChange={(e) => set('collectionId', e.target.value ? Number(e.target.value) : undefined)}>
          <option value="">Any collection</option>
          {collections.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Order</span>
        <select aria-label="Order" value={value.sort ?? 'date-desc'} onChange={(e) => set('sort', e.target.value as HighlightFilters['sort'])}>
          <option value="date-desc">Newest entries first</option>
          <option value="date-asc">Oldest entries first</option>
          <option value="entry">By entry</option>
          <option value="created-desc">Recently highlighted</option>
        </select>
      </label>
      {more && (
        <>
          <label>
            <span>Tag</span>
            <select aria-label="Tag" value={value.tag ?? ''} onChange={(e) => set('tag', e.target.value || undefined)}>
              <option value="">Any tag</option>
              {tags.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label || t.value}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>Outlet</span>
            <input aria-label="Outlet" value={outlet} onChange={(e) => setOutlet(e.target.value)} dir="auto" />
          </label>
          <label>
            <span>Author</span>
            <input aria-label="Author" value={author} onChange={(e) => setAuthor(e.target.value)} dir="auto" />
          </label>
          <label>
            <span>From</span>
            <input type="date" aria-label="From date" value={value.dateFrom ?? ''} onChange={(e) => set('dateFrom', e.target.value || undefined)} />
          </label>
          <label>
            <span>To</span>
            <input type="date" aria-label="To date" value={value.dateTo ?? ''} onChange={(e) => set('dateTo', e.target.value || undefined)} />
          </label>
          <label className="toggle annotation-orphans">
            <input type="checkbox" checked={value.orphaned === true} onChange={(e) => set('orphaned', e.target.checked || undefined)} />
            <span>Orphans only</span>
          </label>
        </>
      )}
    </div>
  );
}
