// One facet (outlet, author, …): its values with counts, each a toggle; selections combine.
// The facets answer holds at most 100 values of each; "Show all N" asks for the whole list
// (N is the true number), in a scrollable box with a box to find a value when there are many.
import { useEffect, useId, useRef, useState } from 'react';
import type { FacetCount, FacetFilter, FacetValues } from '../../../shared/contract.ts';
import { errorMessage } from '../lib/errors.ts';
import { facetLabel } from '../lib/format.ts';

const SHOWN = 8;
/** Past this many values the whole list gets a box to find one. */
const FIND_FROM = 20;
/** Rows drawn at once: thousands of authors stay quick, and typing finds the others. */
const DRAWN = 500;

interface Props {
  name: keyof FacetFilter;
  label: string;
  counts: FacetCount[];
  /** How many values the facet has, when more than `counts` holds. */
  total?: number;
  /** Counts estimated from a sample: shown with ≈. */
  approximate: boolean;
  selected: readonly string[];
  onToggle(value: string): void;
  /** The facet's whole list for the same search. */
  loadAll?(facet: keyof FacetFilter): Promise<FacetValues>;
}

export function FacetGroup({ name, label, counts, total, approximate, selected, onToggle, loadAll }: Props) {
  const [expanded, setExpanded] = useState(false);
  const [find, setFind] = useState('');
  const all = useWholeList(name, counts, total, selected, expanded, loadAll);
  const findRef = useRef<HTMLInputElement>(null);
  // Set by the click that opens the list, so a new answer while it is open never takes the focus.
  const focusFind = useRef(false);
  const listId = useId();
  const chosen = new Set(selected);
  const count = total ?? counts.length;
  const list = all.value?.values ?? counts;
  const rowsApproximate = all.value ? all.value.approximate === true : approximate;
  const text = (c: FacetCount) => facetLabel(name, c.value, c.label);

  let shown: FacetCount[];
  let hidden = 0;
  const finding = expanded && count > FIND_FROM;
  if (expanded) {
    // Selected values always stay in the list, whatever is typed.
    const needle = finding ? find.trim().toLocaleLowerCase() : '';
    const found = needle ? list.filter((c) => chosen.has(c.value) || text(c).toLocaleLowerCase().includes(needle)) : list;
    shown = found.filter((c, i) => i < DRAWN || chosen.has(c.value));
    hidden = found.length - shown.length;
  } else {
    // Selected values stay visible even when they fall outside the top of the list, or past the
    // first 100 (then from the whole list; until it comes, without a count).
    const top = counts.slice(0, SHOWN);
    const inTop = new Set(top.map((c) => c.value));
    const extra = selected.filter((v) => !inTop.has(v)).map((v) => list.find((c) => c.value === v) ?? counts.find((c) => c.value === v) ?? { value: v, label: v, count: -1 });
    shown = [...top, ...extra];
  }

  const toggleExpanded = () => {
    focusFind.current = !expanded;
    setExpanded(!expanded);
    setFind('');
  };
  useEffect(() => {
    if (!expanded || !focusFind.current) return;
    focusFind.current = false;
    findRef.current?.focus();
  }, [expanded]);

  const rows = (
    <ul id={listId} className={expanded ? 'facet-all' : undefined}>
      {shown.map((c) => (
        <li key={c.value}>
          <button type="button" className="facet-value" aria-pressed={chosen.has(c.value)} onClick={() => onToggle(c.value)} title={text(c)}>
            <span className="facet-label" dir="auto">
              {text(c)}
            </span>
            {c.count >= 0 && (
              <span className="facet-count">
                {rowsApproximate ? '≈' : ''}
                {c.count.toLocaleString('en-US')}
              </span>
            )}
          </button>
        </li>
      ))}
    </ul>
  );
  return (
    <section className="facet-group" aria-label={label} data-facet={name}>
      <h3>{label}</h3>
      {finding && (
        <input
          ref={findRef}
          type="search"
          className="facet-find"
          dir="auto"
          placeholder={`Find among ${count.toLocaleString('en-US')}`}
          aria-label={`Find ${label.toLocaleLowerCase()}`}
          aria-controls={listId}
          value={find}
          onChange={(e) => setFind(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && find) {
              e.stopPropagation();
              setFind('');
            }
          }}
        />
      )}
      {rows}
      {expanded && (all.loading || all.error || hidden > 0 || (find && shown.length === 0)) && (
        <p className={`sidebar-note${all.error ? ' inline-error' : ''}`} role="status">
          {all.error
            ? `The rest of the list could not be loaded: ${all.error}`
            : all.loading
              ? `Loading all ${count.toLocaleString('en-US')}…`
              : hidden > 0
                ? `${hidden.toLocaleString('en-US')} more; type to find them.`
                : 'None of them matches.'}
        </p>
      )}
      {count > SHOWN && (
        <button type="button" className="text-button small" aria-expanded={expanded} aria-controls={listId} onClick={toggleExpanded}>
          {expanded ? 'Show fewer' : `Show all ${count.toLocaleString('en-US')}`}
        </button>
      )}
    </section>
  );
}

/**
 * The whole list, asked for when it is shown, or when a selected value is not among the first
 * 100 (so it keeps its count), and again for each new facets answer (a new search or archive).
 */
function useWholeList(name: keyof FacetFilter, counts: FacetCount[], total: number | undefined, selected: readonly string[], expanded: boolean, loadAll: Props['loadAll']) {
  const [state, setState] = useState<{ counts: FacetCount[] | null; value: FacetValues | null; error: string | null }>({ counts: null, value: null, error: null });
  const missing = selected.some((v) => !counts.some((c) => c.value === v));
  const wanted = total !== undefined && total > counts.length && loadAll !== undefined && (expanded || missing);
  useEffect(() => {
    if (!wanted || !loadAll) return;
    let live = true;
    loadAll(name).then(
      (value) => live && setState({ counts, value, error: null }),
      (e: unknown) => live && setState({ counts, value: null, error: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [wanted, counts, name, loadAll]);
  // While a new answer comes the last list stays (selecting a value does not change its own
  // facet's list, and the box should not shrink under the pointer), marked as loading.
  const current = wanted && state.counts === counts;
  return { value: wanted ? state.value : null, error: current ? state.error : null, loading: wanted && !current };
}
