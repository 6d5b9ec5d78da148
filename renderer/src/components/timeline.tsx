// Matching entries over time. Click a bar for its months, drag across bars for a range; a range
// of more than one month zooms the chart to it ("All dates" zooms back out). Bars stay at least
// 6 px wide (months are grouped into quarters, years… when they would not fit), and a few stray
// months far from the rest are shown apart instead of squeezing everything else.
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { TimelineResult } from '../../../shared/contract.ts';
import { formatMonth, monthEnd } from '../lib/format.ts';
import { timelineBars, type Bar } from '../lib/timeline-bars.ts';

interface Props {
  timeline: TimelineResult | null;
  dateFrom: string | null;
  dateTo: string | null;
  onRange(from: string, to: string): void;
  /** The bars are still an earlier search's: the new ones come a moment after the list. */
  updating?: boolean;
}

const MAX_BAR_PX = 30;
/** Room kept beside the bars for the undated count, the outliers and the zoom button. */
const SIDE_PX = 190;

const span = (b: Bar) => (b.from === b.to ? formatMonth(b.from) : `${formatMonth(b.from)} – ${formatMonth(b.to)}`);
const entries = (n: number, approx: boolean) => `${approx ? 'about ' : ''}${n.toLocaleString('en-US')} ${n === 1 ? 'entry' : 'entries'}`;

/** Drawn again only when its props change, not on every keystroke (a bar per month formats its counts). */
export const Timeline = memo(TimelineChart);

function TimelineChart({ timeline, dateFrom, dateTo, onRange, updating = false }: Props) {
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const [zoom, setZoom] = useState<{ from: string; to: string } | null>(null);
  // One tab stop for the whole chart; arrow keys move between bars (roving tabindex).
  const [focusIndex, setFocusIndex] = useState(-1);
  const [width, setWidth] = useState(800);
  const root = useRef<HTMLDivElement>(null);
  const barsBox = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const el = root.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    setWidth(el.clientWidth);
    return () => observer.disconnect();
  }, [timeline === null]);
  // The date filter was cleared elsewhere (its chip, Esc): the zoom goes with it.
  useEffect(() => {
    if (!dateFrom && !dateTo) setZoom(null);
  }, [dateFrom, dateTo]);

  const layout = useMemo(() => timelineBars(timeline?.buckets ?? [], Math.max(60, width - SIDE_PX), zoom), [timeline, width, zoom]);
  const { bars, before, after } = layout;
  // Its first answer comes after the list's first page: its room is kept meanwhile, so the list
  // does not jump down (nor lose a restored scroll position) when the bars arrive.
  if (!timeline) return <div className="timeline timeline-pending" aria-hidden="true"><div className="timeline-track"><div className="timeline-bars" /></div></div>;
  if (bars.length === 0 && !before && !after) return null;
  const approx = Boolean(timeline.approximate);
  const max = Math.max(1, ...bars.map((b) => b.count));
  const lo = drag ? Math.min(drag.from, drag.to) : -1;
  const hi = drag ? Math.max(drag.from, drag.to) : -1;
  const inRange = (b: Bar, i: number) => (drag ? i >= lo && i <= hi : (!dateFrom || monthEnd(b.to) >= dateFrom) && (!dateTo || `${b.from}-01` <= dateTo) && Boolean(dateFrom || dateTo));

  const tabStop = focusIndex >= 0 && focusIndex < bars.length ? focusIndex : bars.length - 1;
  const moveFocus = (i: number) => {
    const next = Math.max(0, Math.min(bars.length - 1, i));
    setFocusIndex(next);
    barsBox.current?.querySelectorAll<HTMLButtonElement>('.timeline-bar')[next]?.focus();
  };
  const choose = (a: Bar, b: Bar) => {
    onRange(`${a.from}-01`, monthEnd(b.to));
    if (a.from !== b.to) setZoom({ from: a.from, to: b.to });
  };

  const finish = () => {
    if (!drag) return;
    const a = bars[lo];
    const b = bars[hi];
    setDrag(null);
    if (a && b) choose(a, b);
  };
  const years = bars.map((b, i) => ({ i, year: b.from.slice(0, 4), first: i === 0 || b.from.slice(0, 4) !== bars[i - 1]!.from.slice(0, 4) })).filter((x) => x.first);
  const labelEvery = Math.max(1, Math.ceil(years.length / 8));
  // With few bars, they would stretch across the whole toolbar: cap their width instead.
  const trackWidth = bars.length * MAX_BAR_PX;
  const outlier = (b: Bar, side: 'before' | 'after') => (
    <button type="button" className={`timeline-outlier ${side}`} onClick={() => choose(b, b)} title={`Shown apart, far from the rest: ${span(b)}`} aria-label={`${span(b)}: ${entries(b.count, approx)}, shown apart`}>
      {b.from.slice(0, 4)}
      {b.to.slice(0, 4) !== b.from.slice(0, 4) ? `–${b.to.slice(0, 4)}` : ''} · {b.count.toLocaleString('en-US')}
    </button>
  );

  return (
    <div className={`timeline${updating ? ' is-updating' : ''}`} role="group" aria-label="Timeline" aria-busy={updating} ref={root} onPointerLeave={finish} onPointerUp={finish} data-months-per-bar={layout.per}>
      {before && outlier(before, 'before')}
      <div className="timeline-track" style={{ maxWidth: trackWidth }}>
        <div className="timeline-bars" ref={barsBox}>
          {bars.map((b, i) => (
            <button
              type="button"
              key={b.from}
              className={`timeline-bar${inRange(b, i) ? ' is-in-range' : ''}`}
              aria-label={`${span(b)}: ${entries(b.count, approx)}`}
              title={`${span(b)}: ${b.count}`}
              data-month={b.from}
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
                  choose(b, b);
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
      {after && outlier(after, 'after')}
      {zoom && (
        <button type="button" className="text-button small timeline-zoom-out" onClick={() => setZoom(null)} title="Zoom out to every date (the date filter stays)">
          All dates
        </button>
      )}
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
