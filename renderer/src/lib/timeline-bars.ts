// The timeline's bars: months grouped (quarters, half-years, years…) so every bar keeps at least
// MIN_BAR_PX on screen, a few outlying months far from the rest shown apart instead of stretching
// the axis, and an optional zoom window of months.

export const MIN_BAR_PX = 6;
export const BAR_GAP_PX = 2;
const GROUPS = [1, 3, 6, 12, 24, 60, 120, 240];
/** A stray month is "apart" when this many empty months separate it from the rest… */
const OUTLIER_GAP_MONTHS = 36;
/** …and it holds at most this share of the dated entries (and at most 3 months). */
const OUTLIER_SHARE = 0.02;

export interface Bar {
  /** First and last month (yyyy-mm) the bar stands for. */
  from: string;
  to: string;
  count: number;
}

export interface TimelineBars {
  bars: Bar[];
  /** Months per bar. */
  per: number;
  before: Bar | null;
  after: Bar | null;
}

const index = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return y * 12 + (m - 1);
};
const monthOf = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

/** How many months at the start of side stand apart (0: none). gapAt(k): months between side[k-1] and side[k]. */
function apart(side: { month: string; count: number }[], total: number, gapAt: (k: number) => number): number {
  for (let k = 1; k <= 3 && k < side.length; k++) {
    const share = side.slice(0, k).reduce((n, b) => n + b.count, 0);
    if (gapAt(k) > OUTLIER_GAP_MONTHS && share <= Math.max(1, total * OUTLIER_SHARE)) return k;
  }
  return 0;
}

export function timelineBars(buckets: { month: string; count: number }[], widthPx: number, zoom: { from: string; to: string } | null): TimelineBars {
  let months = buckets.filter((b) => /^\d{4}-\d{2}$/.test(b.month) && b.count > 0).sort((a, b) => a.month.localeCompare(b.month));
  if (months.length === 0) return { bars: [], per: 1, before: null, after: null };
  const total = months.reduce((n, b) => n + b.count, 0);
  const sum = (list: { month: string; count: number }[]): Bar => ({ from: list[0]!.month, to: list[list.length - 1]!.month, count: list.reduce((n, b) => n + b.count, 0) });

  let before: Bar | null = null;
  let after: Bar | null = null;
  if (!zoom && months.length > 3) {
    const k = apart(months, total, (k) => index(months[k]!.month) - index(months[k - 1]!.month));
    if (k > 0) {
      before = sum(months.slice(0, k));
      months = months.slice(k);
    }
    const rev = [...months].reverse();
    const j = apart(rev, total, (k) => index(rev[k - 1]!.month) - index(rev[k]!.month));
    if (j > 0) {
      after = sum(rev.slice(0, j).reverse());
      months = months.slice(0, months.length - j);
    }
  }

  let first = index(months[0]!.month);
  let last = index(months[months.length - 1]!.month);
  if (zoom) {
    first = index(zoom.from);
    last = index(zoom.to);
  }
  const span = last - first + 1;
  const fits = Math.max(1, Math.floor((widthPx + BAR_GAP_PX) / (MIN_BAR_PX + BAR_GAP_PX)));
  const per = GROUPS.find((g) => Math.ceil(span / g) + 1 <= fits) ?? GROUPS[GROUPS.length - 1]!;

  const counts = new Map(months.map((b) => [index(b.month), b.count]));
  const bars: Bar[] = [];
  for (let g = Math.floor(first / per); g <= Math.floor(last / per); g++) {
    const lo = Math.max(first, g * per);
    const hi = Math.min(last, g * per + per - 1);
    let count = 0;
    for (let i = lo; i <= hi; i++) count += counts.get(i) ?? 0;
    bars.push({ from: monthOf(lo), to: monthOf(hi), count });
  }
  return { bars, per, before, after };
}
