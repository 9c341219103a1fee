/**
 * A new member's colour when they did not choose one: one nobody in the circle has.
 *
 * A laptop joining from an invite or through a door does not know the circle's members
 * until the notebook arrives, so the colour shown while joining is only a guess. When the
 * members are known, a guess that someone else already has is replaced, once, by a free
 * one. A colour the member picked themselves is never replaced.
 */
import { MEMBER_COLOURS, type MemberColour } from './schema';

/**
 * The colour a newcomer keeps: `guess` when no one else has it, else one nobody has
 * (chosen by `random`, so two newcomers settling at once seldom pick the same), else —
 * in a circle with every colour taken — one of the least used.
 */
export function newcomerColour(
  guess: MemberColour,
  othersColours: Iterable<MemberColour>,
  random: () => number = Math.random,
): MemberColour {
  const uses = new Map<MemberColour, number>(MEMBER_COLOURS.map((colour) => [colour, 0]));
  for (const colour of othersColours) uses.set(colour, (uses.get(colour) ?? 0) + 1);
  const fewest = Math.min(...uses.values());
  // Nobody has it, or every colour is taken and it is among the least used: keep it.
  if (uses.get(guess) === fewest) return guess;
  const candidates = MEMBER_COLOURS.filter((colour) => uses.get(colour) === fewest);
  const pick = Math.min(candidates.length - 1, Math.floor(random() * candidates.length));
  return candidates[pick]!;
}
