// Saved searches in the sidebar, each with how many entries are new since it was last opened.
import type { SavedSearch } from '../../../shared/contract.ts';

interface Props {
  searches: SavedSearch[];
  activeQuery: string;
  onOpen(search: SavedSearch): void;
  onDelete(search: SavedSearch): void;
}

export function SavedSearchList({ searches, activeQuery, onOpen, onDelete }: Props) {
  if (searches.length === 0) return <p className="sidebar-note">Save a search to come back to it and see what is new.</p>;
  return (
    <ul className="saved-searches">
      {searches.map((s) => (
        <li key={s.id} className="sidebar-item-row">
          <button type="button" className="sidebar-item" aria-current={s.query === activeQuery} onClick={() => onOpen(s)} title={s.query}>
            <span className="sidebar-item-label" dir="auto">
              {s.name}
            </span>
            {s.newSinceOpened > 0 && <span className="badge accent">{s.newSinceOpened.toLocaleString('en-US')} new</span>}
          </button>
          <button type="button" className="icon-button subtle" aria-label={`Delete saved search ${s.name}`} onClick={() => onDelete(s)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
