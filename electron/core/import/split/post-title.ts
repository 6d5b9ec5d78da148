// A title for a post that has none of its own (a social post, an unheaded digest item): its first
// sentence or line, kept short. It is taken verbatim from the text so it can be found in the original.

const MAX = 100;
const CUT = 80;

export function titleFromText(body: string): string {
  const line = body.trim().split('\n', 1)[0]!.trim();
  const sentence = /^.+?[.!?…](?=\s|$)/u.exec(line)?.[0] ?? line;
  let title = sentence;
  if (title.length > MAX) {
    // At a clause break if there is one in reach, else at a word break.
    const clause = /^.*[,;:–—](?=\s)/u.exec(title.slice(0, CUT + 1))?.[0].length ?? 0;
    const space = title.lastIndexOf(' ', CUT);
    title = title.slice(0, clause > CUT / 2 ? clause : space > CUT / 2 ? space : CUT);
  }
  // A closing period or comma is punctuation of the sentence, not of a title; ! and ? say something.
  return title.replace(/[\s.,;:]+$/u, '').trim();
}
