/**
 * Member colours tell people apart: every two of them differ clearly in both themes
 * (CIE76 ΔE in Lab, where about 2 is the least anyone notices and 10+ reads as another
 * colour), the two greens most of all, and the stylesheet holds the same shades.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MEMBER_COLOUR_SHADES } from '../../../../../renderer/src/features/circles/memberColours';
import { MEMBER_COLOURS } from '../../../../../shared/notebook/schema';

function lab(hex: string): [number, number, number] {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const f = (t: number): number => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

function distance(a: string, b: string): number {
  const [l1, a1, b1] = lab(a);
  const [l2, a2, b2] = lab(b);
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}

describe('member colours', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`are clearly different from each other in the ${theme} theme`, () => {
      const close: string[] = [];
      for (const [i, a] of MEMBER_COLOURS.entries()) {
        for (const b of MEMBER_COLOURS.slice(i + 1)) {
          const d = distance(MEMBER_COLOUR_SHADES[a][theme], MEMBER_COLOUR_SHADES[b][theme]);
          if (d < 15) close.push(`${a}/${b} ${d.toFixed(1)}`);
        }
      }
      expect(close).toEqual([]);
      expect(
        distance(MEMBER_COLOUR_SHADES.moss[theme], MEMBER_COLOUR_SHADES.sage[theme]),
        'moss and sage',
      ).toBeGreaterThan(25);
    });
  }

  it('are the shades the stylesheet paints', () => {
    const css = readFileSync('renderer/src/styles/tokens.css', 'utf8');
    const [light, dark] = css.split(":root[data-theme='dark']");
    for (const colour of MEMBER_COLOURS) {
      expect(light).toContain(`--member-${colour}: ${MEMBER_COLOUR_SHADES[colour].light};`);
      expect(dark).toContain(`--member-${colour}: ${MEMBER_COLOUR_SHADES[colour].dark};`);
    }
  });
});
