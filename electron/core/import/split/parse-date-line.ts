// A line that is nothing but a date, or a labelled date (`Posted on: 2019/08/23`,
// `Published August 23, 2021 by Jane Doe`). A date inside running prose is NOT a date line.
import { type DateOptions, parseDate } from './parse-date.ts';

export interface DateLine {
  date: string;
  /** 'posted-on' when a label says it is the publication date, 'dated-line' for a bare date. */
  source: 'posted-on' | 'dated-line';
  author: string | null;
}

const LABEL =
  /^(?:posted\s+on|posted|published\s+on|published|date\s+published|publication\s+date|date|dated|updated\s+on|updated|last\s+updated|written\s+on|on|publié\s+le|mis\s+en\s+ligne\s+le|veröffentlicht\s+am|datum|publicado\s+el|publicado\s+em|publicado|fecha|data|pubblicato\s+il|gepubliceerd\s+op|опубликовано|дата|تاریخ\s+انتشار|تاریخ|تاريخ\s+النشر|نشر\s+في|منتشر\s+شده\s+در)\s*[:：\-–]?\s*/iu;

const MAX_DATE_LINE = 100;

const LEAD_MARK = /[*_#>\s]/u;
const TRAIL_MARK = /[*_\s]/u;

/**
 * The line without the Markdown marks around it: what `line.trim().replace(/^[*_#>\s]+|[*_\s]+$/gu, '')`
 * gives, looking only at its ends. Each paragraph's first lines are asked whether they are a
 * date, a post's whole body among them, and the regex tried its second branch at every space.
 */
export function stripLineMarks(line: string): string {
  const t = line.trim();
  let from = 0;
  while (from < t.length && LEAD_MARK.test(t[from]!)) from++;
  let to = t.length;
  while (to > from && TRAIL_MARK.test(t[to - 1]!)) to--;
  return t.slice(from, to);
}

export function parseDateLine(line: string, options: DateOptions = {}): DateLine | null {
  let s = stripLineMarks(line);
  if (s.length === 0 || s.length > MAX_DATE_LINE) return null;
  const label = LABEL.exec(s);
  const labelled = label !== null && label[0].length > 0;
  // The label may be marked apart from its date: `**Posted on:** 2021-03-04`.
  if (labelled) s = stripLineMarks(s.slice(label[0].length));
  let author: string | null = null;
  const by = /^(.*?)[,|·\s]+(?:by|par|von|por|di|door|автор)\s*:?\s+([^,|]{2,80})$/iu.exec(s);
  if (by?.[1] && parseDate(by[1], options)) {
    s = by[1];
    author = by[2]!.trim();
  }
  const date = parseDate(s, options);
  if (!date) return null;
  const strongLabel = labelled && !/^on\b/iu.test(label[0]);
  return { date, source: strongLabel ? 'posted-on' : 'dated-line', author };
}
