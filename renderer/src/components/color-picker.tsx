// A code's colour: a few swatches that read well in light and dark mode, or any colour from the
// system picker. Applies at once; Esc or Done closes.
import { useEffect, useRef, useState } from 'react';
import { useDebounced } from '../hooks/use-debounced.ts';
import { CODE_PALETTE } from '../lib/code-tree.ts';

interface Props {
  label: string;
  value: string;
  onPick(color: string): void;
  onClose(): void;
}

export function ColorPicker({ label, value, onPick, onClose }: Props) {
  const box = useRef<HTMLDivElement>(null);
  // The system picker reports every colour it passes through: save the one it settles on.
  const [custom, setCustom] = useState<string | null>(null);
  const settled = useDebounced(custom, 400);
  const pick = useRef(onPick);
  pick.current = onPick;
  useEffect(() => {
    if (settled) pick.current(settled);
  }, [settled]);
  useEffect(() => {
    box.current?.querySelector<HTMLButtonElement>('[aria-pressed="true"], button')?.focus();
  }, []);
  return (
    <div
      className="color-picker"
      role="group"
      aria-label={label}
      ref={box}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="color-swatches">
        {CODE_PALETTE.map((c) => (
          <button key={c} type="button" className="color-swatch" style={{ background: c }} aria-label={c} aria-pressed={c.toLowerCase() === value.toLowerCase()} onClick={() => onPick(c)} />
        ))}
      </div>
      <div className="color-picker-row">
        <label className="color-custom">
          <input type="color" value={custom ?? (/^#[0-9a-f]{6}$/i.test(value) ? value : '#888888')} onChange={(e) => setCustom(e.target.value)} />
          <span>Other…</span>
        </label>
        <button type="button" className="text-button small" onClick={onClose}>
          Done
        </button>
      </div>
    </div>
  );
}
