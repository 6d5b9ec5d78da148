// A vertical bar between two panes: drag it, or focus it and use ←/→ (Shift for bigger steps).
import { useRef } from 'react';

interface Props {
  label: string;
  /** The width being set, and the bounds announced to assistive technology. */
  value: number;
  min: number;
  max: number;
  /** Where the measured pane starts on screen (the pointer's x minus this is the new width). */
  originX(): number;
  onChange(px: number): void;
}

export function Splitter({ label, value, min, max, originX, onChange }: Props) {
  const dragging = useRef(false);
  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      title={`${label}: drag, or focus and use ← →`}
      onPointerDown={(e) => {
        dragging.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
        e.preventDefault();
      }}
      onPointerMove={(e) => {
        if (dragging.current) onChange(e.clientX - originX());
      }}
      onPointerUp={(e) => {
        dragging.current = false;
        e.currentTarget.releasePointerCapture(e.pointerId);
      }}
      onKeyDown={(e) => {
        if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
        e.preventDefault();
        e.stopPropagation();
        const step = e.shiftKey ? 64 : 16;
        onChange(value + (e.key === 'ArrowLeft' ? -step : step));
      }}
    />
  );
}
