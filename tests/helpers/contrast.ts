// Text contrast as WCAG computes it, measured in the page: used by the e2e contrast checks.
import type { Page } from 'playwright-core';

/** Every visible element with its own text whose contrast is below min: "selector text ratio". */
export async function lowContrast(page: Page, min: number): Promise<string[]> {
  return page.evaluate((minRatio) => {
    type Rgba = [number, number, number, number];
    const probe = document.createElement('canvas').getContext('2d')!;
    // Any CSS colour (rgb, color(srgb…), oklch…) through a canvas, read back as sRGB bytes.
    const parse = (c: string): Rgba => {
      const m = /^rgba?\(([^)]+)\)$/.exec(c);
      if (m) {
        const p = m[1]!.split(/[,\s/]+/).filter(Boolean).map(Number);
        return [p[0]!, p[1]!, p[2]!, p[3] ?? 1];
      }
      probe.clearRect(0, 0, 1, 1);
      probe.fillStyle = c;
      probe.fillRect(0, 0, 1, 1);
      const d = probe.getImageData(0, 0, 1, 1).data;
      return [d[0]!, d[1]!, d[2]!, d[3]! / 255];
    };
    const over = (top: Rgba, under: Rgba): Rgba => [0, 1, 2].map((i) => top[i]! * top[3] + under[i]! * (1 - top[3])).concat(1) as Rgba;
    const lum = (c: Rgba) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
    };
    const backdrop = (el: Element): Rgba => {
      const layers: Rgba[] = [];
      for (let e: Element | null = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c[3] > 0) layers.push(c);
        if (c[3] >= 1) break;
      }
      let bg: Rgba = parse(getComputedStyle(document.documentElement).backgroundColor);
      if (bg[3] < 1) bg = [255, 255, 255, 1];
      for (const l of layers.reverse()) bg = over(l, bg);
      return bg;
    };
    const bad: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const own = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
      if (!own || el.closest('.visually-hidden, svg')) continue;
      if (el.closest(':disabled, [aria-disabled="true"]')) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0 || rect.bottom < 0 || rect.top > innerHeight || rect.right < 0 || rect.left > innerWidth) continue;
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const bg = backdrop(el);
      const fg = over(parse(getComputedStyle(el).color), bg);
      const [a, b] = [lum(fg), lum(bg)];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (ratio < minRatio) bad.push(`${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} “${(el.textContent ?? '').trim().slice(0, 24)}” ${ratio.toFixed(2)}`);
    }
    return bad;
  }, min);
}
