// Selecting text with the mouse, as a user does, in end-to-end tests.
import type { Page } from 'playwright-core';

interface DragPoints {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * Where a drag over `phrase` inside `selector` starts and ends, measured from the laid-out text:
 * the first character's leading edge to the last one's trailing edge (the right edge leads in
 * right-to-left text). The phrase may run over several text nodes (highlights split the text).
 */
export function measure(page: Page, selector: string, phrase: string): Promise<DragPoints> {
  return page.evaluate(
    ({ selector, phrase }) => {
      const root = document.querySelector(selector);
      if (!root) throw new Error(`no ${selector}`);
      const nodes: { node: Text; from: number }[] = [];
      let all = '';
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push({ node: n as Text, from: all.length });
        all += (n as Text).data;
      }
      const at = all.indexOf(phrase);
      if (at < 0) throw new Error(`"${phrase}" not shown`);
      const locate = (index: number) => {
        const hit = [...nodes].reverse().find((x) => x.from <= index)!;
        return { node: hit.node, offset: index - hit.from };
      };
      const firstLen = phrase.codePointAt(0)! > 0xffff ? 2 : 1;
      const lastLen = phrase.length >= 2 && phrase.codePointAt(phrase.length - 2)! > 0xffff ? 2 : 1;
      const rectOf = (index: number, len: number) => {
        const a = locate(index);
        const r = document.createRange();
        r.setStart(a.node, a.offset);
        r.setEnd(a.node, a.offset + len);
        return { rect: r.getBoundingClientRect(), rtl: getComputedStyle(a.node.parentElement!).direction === 'rtl' };
      };
      const first = rectOf(at, firstLen);
      const last = rectOf(at + phrase.length - lastLen, lastLen);
      return {
        x1: first.rtl ? first.rect.right - 1 : first.rect.left + 1,
        y1: first.rect.top + first.rect.height / 2,
        x2: last.rtl ? last.rect.left + 1 : last.rect.right - 1,
        y2: last.rect.top + last.rect.height / 2,
      };
    },
    { selector, phrase },
  );
}

/** Fonts loaded and two frames drawn, so the text measured is the text the mouse will meet. */
export function settled(page: Page): Promise<void> {
  return page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
}

/**
 * Drags the mouse over `phrase` inside `selector`. Only coordinates come from the page; the
 * selection itself is made by the mouse. The text can still move between the measuring and the
 * drag (a late font, a pane that opens, a tab still settling), so the selection is checked: a
 * drag that selected anything but the phrase is reported, cleared and made again, and the third
 * miss fails the test.
 */
export async function dragSelect(page: Page, selector: string, phrase: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await settled(page);
    const p = await measure(page, selector, phrase);
    await page.mouse.move(p.x1, p.y1);
    await page.mouse.down();
    await page.mouse.move(p.x2, p.y2, { steps: 10 });
    await page.mouse.up();
    const selected = await page.evaluate(() => document.getSelection()?.toString() ?? '');
    if (selected === phrase) return;
    const again = await measure(page, selector, phrase);
    const moved = JSON.stringify(again) !== JSON.stringify(p);
    const message = `Drag ${attempt} over "${phrase}" selected "${selected}"${moved ? ' (the text moved after it was measured)' : ''}`;
    if (attempt === 3) throw new Error(message);
    console.warn(message);
    await page.evaluate(() => document.getSelection()?.removeAllRanges());
  }
}
