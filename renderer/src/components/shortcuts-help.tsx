// The keyboard shortcuts, opened with `?`.
import { Dialog } from './dialog.tsx';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl';

const SHORTCUTS: { keys: string[][]; what: string; desktop?: boolean }[] = [
  { keys: [['/']], what: 'Focus the search box' },
  { keys: [['j'], ['↓']], what: 'Next result' },
  { keys: [['k'], ['↑']], what: 'Previous result' },
  { keys: [['Enter']], what: 'Open the selected result' },
  { keys: [['Esc']], what: 'Clear the typed search, then close the entry, then remove one filter (the last chip) per press' },
  { keys: [['Alt', '←'], ['Alt', '→']], what: 'Back and forward through the searches you stayed on (also the mouse’s back and forward buttons)' },
  { keys: [['?']], what: 'Show this list' },
  { keys: [[MOD, '\\'], ['[']], what: 'Hide or show the library (sidebar); below 1000 px it opens over the panes' },
  { keys: [['Shift', 'j'], ['Shift', '↓']], what: 'Add the next result to the selection (Shift+k or Shift+↑: the one above)' },
  { keys: [[MOD, 'click'], ['Shift', 'click']], what: 'Select results one by one, or a range, to add them to a collection' },
  { keys: [['a']], what: 'Switch between the entries and every highlight (the annotations view)' },
  { keys: [['H']], what: 'Highlight the selected text' },
  { keys: [['1'], ['…'], ['9']], what: 'Highlight the selection with that code, or toggle it on the open or focused highlight' },
  { keys: [[MOD, 'Z']], what: 'Undo whichever came last: an Esc (the search, entry or filter comes back), a change (highlights, codes, tags, notes…), or the deletion whose notice shows' },
  { keys: [[MOD, 'Shift', 'Z'], ['Ctrl', 'Y']], what: 'Redo' },
  { keys: [[MOD, 'I']], what: 'Import files', desktop: true },
  { keys: [[MOD, 'Shift', 'I']], what: 'Import a folder', desktop: true },
  { keys: [[MOD, 'E']], what: 'Export the search, the selected entries, a collection or the whole archive' },
];

export function ShortcutsHelp({ onClose }: { onClose(): void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} className="shortcuts-help">
      <dl className="shortcut-list">
        {SHORTCUTS.map((s) => (
          <div key={s.what} className="shortcut">
            <dt>
              {s.keys.map((combo, i) => (
                <span key={i} className="shortcut-combo">
                  {i > 0 && <span className="shortcut-or">or</span>}
                  {combo.map((k) => (
                    <kbd key={k}>{k}</kbd>
                  ))}
                </span>
              ))}
            </dt>
            <dd>
              {s.what}
              {s.desktop && <span className="muted"> (desktop app)</span>}
            </dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
