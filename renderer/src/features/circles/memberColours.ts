/**
 * The member palette as colours on screen. Each colour has a light-theme and a
 * dark-theme shade, both chosen to keep text on them readable (WCAG AA), and a name a
 * screen reader can say.
 */
import type { MemberColour } from '../../../../shared/notebook/schema';

/** Screen colours of one palette entry. */
export interface ColourShades {
  light: string;
  dark: string;
}

/** Every member colour's shades. */
export const MEMBER_COLOUR_SHADES: Record<MemberColour, ColourShades> = {
  ember: { light: '#b4532a', dark: '#f0a27a' },
  sage: { light: '#55714f', dark: '#a9c6a0' },
  lake: { light: '#3f6f94', dark: '#9cc3e0' },
  plum: { light: '#7d4d77', dark: '#d7a9d0' },
  sand: { light: '#8a6a33', dark: '#e3c48e' },
  rose: { light: '#a54f66', dark: '#f0a9bb' },
  moss: { light: '#596b12', dark: '#c2e07a' },
  dusk: { light: '#585c91', dark: '#b8bbeb' },
};

/** The CSS custom property holding a member colour for the current theme. */
export function memberColourVar(colour: MemberColour): string {
  return `var(--member-${colour})`;
}
