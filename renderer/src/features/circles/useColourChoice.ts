/**
 * The colour in a joining form: a guess until the member picks one. A guess is settled
 * once the circle's members are known (shared/notebook/newcomerColour.ts); a pick is kept.
 */
import { useState } from 'react';
import { MEMBER_COLOURS, type MemberColour } from '../../../../shared/notebook/schema';

/** The form's colour, whether the member chose it, and the picker's change handler. */
export function useColourChoice(): {
  colour: MemberColour;
  colourChosen: boolean;
  choose: (colour: MemberColour) => void;
} {
  const [guess] = useState<MemberColour>(
    () => MEMBER_COLOURS[Math.floor(Math.random() * MEMBER_COLOURS.length)]!,
  );
  const [chosen, setChosen] = useState<MemberColour | null>(null);
  return { colour: chosen ?? guess, colourChosen: chosen !== null, choose: setChosen };
}
