// One row of the result list: title, date · outlet · author, and the snippet with its hits.
import type { SearchHit } from '../../../shared/contract.ts';
import { formatDate } from '../lib/format.ts';
import { HighlightedText } from './highlighted-text.tsx';

interface Props {
  hit: SearchHit | undefined;
  index: number;
  /** Rows are virtualised: tell assistive tech where this one sits in the whole list. */
  setSize: number;
  top: number;
  height: number;
  /** The cursor: the row the keyboard is on (and the one open in the reader). */
  selected: boolean;
  /** Chosen with Ctrl/Cmd or Shift, to add to a collection. */
  checked: boolean;
  onClick(index: number, mods: { shift: boolean; toggle: boolean }): void;
  /** Brought in by the saved search since it was last opened, and not read yet. */
  isNew?: boolean;
}

export function EntryRow({ hit, index, setSize, top, height, selected, checked, onClick, isNew = false }: Props) {
  const className = `entry-row${selected ? ' is-selected' : ''}${checked ? ' is-checked' : ''}${isNew ? ' is-new' : ''}`;
  if (!hit) {
    return (
      <div className={`${className} is-loading`} role="option" aria-selected={selected || checked} aria-setsize={setSize} aria-posinset={index + 1} aria-label="Loading…" aria-busy="true" style={{ top, height }} id={`entry-row-${index}`}>
        <div className="entry-skeleton" />
        <div className="entry-skeleton short" />
      </div>
    );
  }
  const meta = [formatDate(hit.date), hit.outlet, hit.author].filter((x): x is string => Boolean(x));
  if (meta.length === 0) meta.push(hit.title && hit.source ? hit.source : 'No date');
  return (
    <div
      className={className}
      role="option"
      aria-selected={selected || checked}
      aria-setsize={setSize}
      aria-posinset={index + 1}
      id={`entry-row-${index}`}
      data-entry-id={hit.id}
      style={{ top, height }}
      onClick={(e) => onClick(index, { shift: e.shiftKey, toggle: e.ctrlKey || e.metaKey })}
      // Shift+click picks a range: keep the browser from selecting the text in between.
      onMouseDown={(e) => e.shiftKey && e.preventDefault()}
    >
      <div className={`entry-title${hit.title ? '' : ' is-untitled'}`} dir="auto">
        {checked && (
          <span className="entry-check" aria-hidden="true">
            ✓
          </span>
        )}
        {isNew && <span className="badge accent entry-new">New</span>}
        {hit.title || hit.source || 'Untitled'}
      </div>
      <div className="entry-meta" dir={hit.direction}>
        {/* Each item isolated, so "14 Jul 2021" keeps its order inside a right-to-left row. */}
        {meta.map((m, i) => (
          <span key={i}>
            {i > 0 && ' · '}
            <bdi>{m}</bdi>
          </span>
        ))}
        {hit.versions !== undefined && hit.versions > 1 && <span className="badge">{hit.versions} versions</span>}
        {hit.matchedVariants && hit.matchedVariants.length > 0 && <span className="entry-variants">matched {hit.matchedVariants.join(', ')}</span>}
      </div>
      <div className={`entry-snippet${hit.direction === 'rtl' ? ' is-rtl' : ''}`} dir={hit.direction}>
        <HighlightedText text={hit.snippet} spans={hit.snippetHighlights} />
      </div>
    </div>
  );
}
