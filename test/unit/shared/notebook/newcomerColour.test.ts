import { describe, expect, it } from 'vitest';
import { newcomerColour } from '../../../../shared/notebook/newcomerColour';
import { MEMBER_COLOURS } from '../../../../shared/notebook/schema';

describe('newcomerColour', () => {
  it('keeps the guess when nobody else has it', () => {
    expect(newcomerColour('lake', ['ember', 'sage'])).toBe('lake');
  });

  it('replaces a guess someone has with a colour nobody has', () => {
    const taken = ['moss', 'sage', 'ember'] as const;
    for (const roll of [0, 0.2, 0.5, 0.99]) {
      const colour = newcomerColour('moss', taken, () => roll);
      expect(taken).not.toContain(colour);
    }
  });

  it('can give every free colour, so two newcomers at once seldom collide', () => {
    const seen = new Set(
      Array.from({ length: 10 }, (_, i) => newcomerColour('ember', ['ember'], () => i / 10)),
    );
    expect(seen.size).toBe(MEMBER_COLOURS.length - 1);
    expect(seen.has('ember')).toBe(false);
  });

  it('takes one of the least used colours when every colour is taken', () => {
    const everyOnce = [...MEMBER_COLOURS];
    const twiceButDusk = [...everyOnce, ...everyOnce.filter((colour) => colour !== 'dusk')];
    expect(newcomerColour('lake', twiceButDusk, () => 0.7)).toBe('dusk');
  });

  it('keeps the guess when every colour is taken and the guess is among the least used', () => {
    expect(newcomerColour('plum', MEMBER_COLOURS, () => 0.3)).toBe('plum');
  });
});
