/**
 * Settles a newcomer's guessed colour (shared/notebook/newcomerColour.ts). A laptop that
 * joined without choosing a colour writes the join dialog's guess into its member record
 * at once, before the notebook arrives; the moment the index holds anyone else, the
 * guess is kept if nobody else has it and replaced by a free colour if someone does. Once:
 * a colour that later becomes shared (two newcomers settling at the same moment) stays.
 */
import type { CircleIndex } from '../../../shared/notebook/circleIndex';
import type { MemberId } from '../../../shared/notebook/ids';
import { newcomerColour } from '../../../shared/notebook/newcomerColour';
import type { MemberColour } from '../../../shared/notebook/schema';

/**
 * Watches `index` until another member's record is in it, then settles `memberId`'s
 * colour: writes it into the member's record if it changed, and hands it to `settled`
 * (which keeps it on this laptop). Returns its cleanup.
 */
export function settleGuessedColour(
  index: CircleIndex,
  memberId: MemberId,
  guess: MemberColour,
  settled: (colour: MemberColour) => void,
  random: () => number = Math.random,
): () => void {
  let done = false;
  const look = (): void => {
    if (done) return;
    const { members } = index.read();
    const others = [...members.values()].filter((member) => member.id !== memberId);
    if (others.length === 0) return;
    done = true;
    stop();
    const colour = newcomerColour(
      members.get(memberId)?.colour ?? guess,
      others.map((member) => member.colour),
      random,
    );
    if (members.get(memberId)?.colour !== colour) index.setMemberColour(memberId, colour);
    settled(colour);
  };
  const stop = index.subscribe(look);
  look();
  return () => {
    done = true;
    stop();
  };
}
