// Lines that separate posts on a scraped page and belong to none of them: "Read more" links and
// horizontal rules. (Runs of three or more blank lines also separate; the splitter handles those.)

const READ_MORE =
  /^[[(<]?\s*(?:read\s+more|read\s+the\s+rest(?:\s+of\s+this\s+entry)?|continue\s+reading|keep\s+reading|full\s+story|more|lire\s+la\s+suite|lire\s+plus|weiterlesen|mehr\s+lesen|leer\s+más|seguir\s+leyendo|leggi\s+tutto|leggi\s+di\s+più|leia\s+mais|lees\s+meer|читать\s+далее|подробнее|ادامه\s+مطلب|اقرأ\s+المزيد|المزيد)\s*(?:[»›→>…:]|\.{2,}|&raquo;)*\s*[\])>]?$/iu;
// WordPress writes `Continue reading “Post title” →`.
const CONTINUE_TITLE = /^continue\s+reading\s+["“'‘«].{1,200}["”'’»]\s*(?:[»›→]|\.{3}|…)?$/iu;
const RULE = /^([-=_*~#•·—–])(?:\s*\1){2,}$/u;

/** True for a line (already trimmed or not) that only separates posts. */
export function isSeparatorLine(line: string): boolean {
  const s = line.trim();
  if (s.length === 0 || s.length > 220) return false;
  if (RULE.test(s)) return true;
  if (/^[[(<]?\s*more\b/iu.test(s) && !/(…|\.{2,}|»|›|→|&raquo;)\s*[\])>]?$/u.test(s)) return false; // bare "more" is a word
  return READ_MORE.test(s) || CONTINUE_TITLE.test(s);
}
