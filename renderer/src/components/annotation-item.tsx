// One highlight in the annotations view: the passage in its own direction with a little context,
// its codes as coloured chips, its note, and the entry it sits in. Highlights whose entry was
// deleted, or whose passage was not found in a new version, say so.
import type { HighlightListItem } from '../../../shared/contract.ts';
import { formatDate } from '../lib/format.ts';

interface Props {
  item: HighlightListItem;
  current: boolean;
  onOpen(item: HighlightListItem): void;
}

const CONTEXT = 40;

export function AnnotationItem({ item, current, onOpen }: Props) {
  const lost = !item.entryExists;
  const meta = [formatDate(item.entryDate), item.entryOutlet, item.entryAuthor].filter((x): x is string => Boolean(x));
  const tint = item.codes[0]?.color;
  return (
    <li className="annotation" data-highlight-id={item.id}>
      <button
        type="button"
        className={`annotation-item${current ? ' is-current' : ''}`}
        aria-current={current}
        aria-disabled={lost}
        onClick={() => !lost && onOpen(item)}
        title={lost ? 'The entry is in the trash: undo its deletion to read it again.' : undefined}
      >
        <span className="annotation-quote" dir={item.direction} style={tint ? { borderInlineStartColor: tint } : undefined}>
          {item.prefix && <span className="annotation-context">…{item.prefix.slice(-CONTEXT)}</span>}
          <mark style={tint ? { background: `color-mix(in srgb, ${tint} 30%, transparent)` } : undefined}>{item.exact}</mark>
          {item.suffix && <span className="annotation-context">{item.suffix.slice(0, CONTEXT)}…</span>}
        </span>
        {(item.codes.length > 0 || lost || item.anchor === 'orphaned' || item.anchor === 'fuzzy') && (
          <span className="annotation-codes">
            {lost && <span className="badge danger">Entry deleted</span>}
            {!lost && item.anchor === 'orphaned' && <span className="badge warn">Not found in new version</span>}
            {!lost && item.anchor === 'fuzzy' && (
              <span className="badge" title="Placed on a new version of the entry by a fuzzy match of its quote">
                Moved in new version
              </span>
            )}
            {item.codes.map((c) => (
              <span key={c.id} className="code-chip" style={{ borderColor: c.color, background: `color-mix(in srgb, ${c.color} 18%, var(--raised))` }} title={c.path}>
                <span className="code-chip-dot" style={{ background: c.color }} aria-hidden="true" />
                <bdi>{c.name}</bdi>
              </span>
            ))}
          </span>
        )}
        {item.note && (
          <span className="annotation-note" dir="auto">
            {item.note}
          </span>
        )}
        <span className="annotation-entry">
          <bdi className="annotation-entry-title">{item.entryTitle || 'Untitled'}</bdi>
          {meta.length > 0 && <span className="annotation-entry-meta"> · {meta.join(' · ')}</span>}
        </span>
      </button>
    </li>
  );
}
