// A stretch of the entry text drawn as segments: each text run carries its UTF-16 start in the
// entry text (data-s) so a selection maps back to exact offsets; search terms are <mark> boxes,
// highlights are a light tint plus one underline per highlight, each in its own lane (stacked,
// in its first code's colour) so overlapping highlights stay apart and readable.
import type { CSSProperties } from 'react';
import type { HighlightSpan } from '../../../shared/contract.ts';
import { segmentsOf, type MarkRange } from '../lib/annotation-segments.ts';

/** How the reader paints its highlights. */
export interface Paint {
  marks: MarkRange[];
  /** Highlight id → its underline lane (0 nearest the text) and colour. */
  lanes: Map<number, number>;
  colors: Map<number, string>;
  /** The highlight whose popover is open or that was just jumped to. */
  activeId: number | null;
  flashId: number | null;
  /** Highlight id → what it is (its codes), shown as a tooltip. */
  titles: Map<number, string>;
}

export const NO_PAINT: Paint = { marks: [], lanes: new Map(), colors: new Map(), activeId: null, flashId: null, titles: new Map() };

const LANE_PX = 4;
const LINE_PX = 2;

function laneStyle(ids: number[], paint: Paint): CSSProperties {
  const images: string[] = [];
  const positions: string[] = [];
  const sizes: string[] = [];
  let deepest = 0;
  for (const id of ids) {
    const color = paint.colors.get(id) ?? 'var(--hl-default)';
    const lane = paint.lanes.get(id) ?? 0;
    deepest = Math.max(deepest, lane);
    const line = `color-mix(in srgb, ${color}, white var(--hl-lighten))`;
    images.push(`linear-gradient(${line}, ${line})`);
    positions.push(`0 calc(100% - ${lane * LANE_PX}px)`);
    sizes.push(`100% ${LINE_PX}px`);
    const tint = `color-mix(in srgb, ${color} var(--hl-tint), transparent)`;
    images.push(`linear-gradient(${tint}, ${tint})`);
    positions.push('0 0');
    sizes.push('100% 100%');
  }
  return {
    backgroundImage: images.join(', '),
    backgroundPosition: positions.join(', '),
    backgroundSize: sizes.join(', '),
    backgroundRepeat: 'no-repeat',
    paddingBottom: `${(deepest + 1) * LANE_PX}px`,
  };
}

interface Props {
  text: string;
  from: number;
  to: number;
  /** Search term spans in entry text indexes. */
  search: readonly HighlightSpan[];
  paint: Paint;
}

export function AnnotatedText({ text, from, to, search, paint }: Props) {
  return (
    <>
      {segmentsOf(text, from, to, search, paint.marks).map((seg) => {
        const run = seg.search ? (
          <mark key={seg.start} data-s={seg.start}>
            {seg.text}
          </mark>
        ) : (
          <span key={seg.start} data-s={seg.start}>
            {seg.text}
          </span>
        );
        if (seg.highlights.length === 0) return run;
        // The first segment of a highlight is its keyboard stop.
        const starting = paint.marks.find((m) => m.start === seg.start && seg.highlights.includes(m.id));
        const classes = ['hl'];
        if (paint.activeId !== null && seg.highlights.includes(paint.activeId)) classes.push('is-active');
        if (paint.flashId !== null && seg.highlights.includes(paint.flashId)) classes.push('is-flash');
        if (seg.highlights.length > 1) classes.push('is-overlap');
        return (
          <span
            key={seg.start}
            className={classes.join(' ')}
            data-hl={seg.highlights.join(' ')}
            data-hl-start={starting?.id}
            tabIndex={starting ? 0 : undefined}
            title={seg.highlights.map((id) => paint.titles.get(id) ?? 'Highlight').join('\n')}
            style={laneStyle([...seg.highlights].sort((a, b) => (paint.lanes.get(a) ?? 0) - (paint.lanes.get(b) ?? 0)), paint)}
          >
            {run}
          </span>
        );
      })}
    </>
  );
}
