// Matching entries per month. Click a bar for that month, drag across bars for a range.
import { useMemo, useRef, useState } from 'react';
import type { TimelineResult } from '../../../shared/contract.ts';
import { formatMonth, monthEnd } from '../lib/format.ts';

interface Props {
  timeline: TimelineResult | null;
  dateFrom: string | null;
  dateTo: string | null;
  onRange(from: string, to: string): void;
}

const MAX_BAR_PX = 30;

function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const [ly, lm] = last.split('-').map(Number) as [number, number];
  while ((y < ly || (y === ly && m <= lm)) && out.length < 1200) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

export function Timeline({ timeline, dateFrom, dateTo, onRange }: Props) {
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  // One tab stop for the whole chart; arrow keys move between months (roving tabindex).
  const [focusIndex, setFocusIndex] = useState(-1);
  const barsBox = useRef<HTMLDivElement>(null);
  const bars = useMemo(() => {
    const buckets = [...(timeline?.buckets ?? [])].filter((b) => /^\d{4}-\d{2}$/.test(b.month)).sort((a, b) => a.month.localeCompare(b.month));
    if (buckets.length === 0) return [];
    const counts = new Map(buckets.map((b) => [b.month, b.count]));
    return monthsBetween(buckets[0]!.month, buckets[buckets.length - 1]!.month).map((month) => ({ month, count: counts.get(month) ?? 0 }));
  }, [timeline]);

  if (!timeline || bars.length === 0) return null;
  const max = Math.max(1, ...bars.map((b) => b.count));
  const lo = drag ? Math.min(drag.from, drag.to) : -1;
  const hi = drag ? Math.max(drag.from, drag.to) : -1;
  const inRange = (month: string, i: number) => (drag ? i >= lo && i <= hi : (!dateFrom || monthEnd(month) >= dateFrom) && (!dateTo || `${month}-01` <= dateTo) && Boolean(dateFrom || dateTo));

  const tabStop = focusIndex >= 0 && focusIndex < bars.length ? focusIndex : bars.length - 1;
  const moveFocus = (i: number) => {
    const next = Math.max(0, Math.min(bars.length - 1, i));
    setFocusIndex(next);
    barsBox.current?.querySelectorAll<HTMLButtonElement>('.timeline-bar')[next]?.focus();
  };

  const finish = () => {
    if (!drag) return;
    const a = bars[lo];
    const b = bars[hi];
    setDrag(null);
    if (a && b) onRange(`${a.month}-01`, monthEnd(b.month));
  };
  const years = bars.map((b, i) => ({ i, year: b.month.slice(0, 4), first: b.month.endsWith('-01') || i === 0 })).filter((x) => x.first);
  const labelEvery = Math.max(1, Math.ceil(years.length / 8));
  // With few months, bars would stretch across the whole toolbar: cap their width instead.
  const trackWidth = bars.length * MAX_BAR_PX;

  return (
    <div className="timeline" role="group" aria-label="Timeline by month" onPointerLeave={finish} onPointerUp={finish}>
      <div className="timeline-track" style={{ maxWidth: trackWidth }}>
        <div className="timeline-bars" ref={barsBox}>
          {bars.map((b, i) => (
            <button
              type="button"
              key={b.month}
              className={`timeline-bar${inRange(b.month, i) ? ' is-in-range' : ''}`}
              aria-label={`${formatMonth(b.month)}: ${timeline.approximate ? 'about ' : ''}${b.count} ${b.count === 1 ? 'entry' : 'entries'}`}
              title={`${formatMonth(b.month)}: ${b.count}`}
              data-month={b.month}
              tabIndex={i === tabStop ? 0 : -1}
              onFocus={() => setFocusIndex(i)}
              onPointerDown={(e) => {
                e.preventDefault();
                setDrag({ from: i, to: i });
              }}
              onPointerEnter={() => setDrag((d) => (d ? { ...d, to: i } : d))}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  onRange(`${b.month}-01`, monthEnd(b.month));
                } else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Home' || e.key === 'End') {
                  e.preventDefault();
                  e.stopPropagation();
                  moveFocus(e.key === 'Home' ? 0 : e.key === 'End' ? bars.length - 1 : i + (e.key === 'ArrowRight' ? 1 : -1));
                }
              }}
            >
              <span className="timeline-fill" style={{ height: `${b.count === 0 ? 0 : Math.max(6, (b.count / max) * 100)}%` }} />
            </button>
          ))}
        </div>
        <div className="timeline-axis" aria-hidden="true">
          {years
            .filter((_y, k) => k % labelEvery === 0)
            .map((y) => (
              <span key={y.i} style={{ left: `${(y.i / bars.length) * 100}%` }}>
                {y.year}
              </span>
            ))}
        </div>
      </div>
      {(timeline.undated > 0 || timeline.approximate) && (
        <div className="timeline-undated">
          {[timeline.approximate ? 'estimated' : '', timeline.undated > 0 ? `${timeline.approximate ? '≈' : ''}${timeline.undated.toLocaleString('en-US')} undated` : '']
            .filter(Boolean)
            .join(' · ')}
        </div>
      )}
    </div>
  );
}
