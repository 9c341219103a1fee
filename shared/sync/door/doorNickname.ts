/**
 * A door's nickname: two safety words (../safetyWords.ts) picked at random each time a
 * door opens, announced instead of the circle's name so people in the room can pick the
 * right door while a listener learns nothing about the circle, and cannot link two
 * openings of one circle's door.
 */
import { SAFETY_WORDS } from '../safetyWords';

/** How many words a nickname has. */
export const DOOR_NICKNAME_WORDS = 2;

/** A fresh random nickname. */
export function newDoorNickname(): string[] {
  return Array.from(
    crypto.getRandomValues(new Uint8Array(DOOR_NICKNAME_WORDS)),
    (byte) => SAFETY_WORDS[byte]!,
  );
}

/** True for a nickname as announced: two list words separated by one space. */
export function isDoorNickname(text: string): boolean {
  const words = text.split(' ');
  return words.length === DOOR_NICKNAME_WORDS && words.every((word) => SAFETY_WORDS.includes(word));
}
