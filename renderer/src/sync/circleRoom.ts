/**
 * What a laptop derives from a circle key to meet the others (shared/sync): the room
 * name and signalling cipher, the safety code, and the invite it can show.
 */
import type { CircleProfile } from '../../../shared/ipc/contract';
import { deriveCircleSecrets, deriveSafetyCode } from '../../../shared/sync/circleSecrets';
import { inviteLink, MAX_INVITE_ENDPOINTS, parseInvite } from '../../../shared/sync/invite';
import {
  mergeMeetingPoints,
  NO_MEETING_POINTS,
  type MeetingPoints,
  type TurnServer,
} from '../../../shared/sync/meetingPoints';
import { openSignal, sealSignal, signallingKey } from '../../../shared/sync/signallingCipher';
import type { Checked } from '../../../shared/validate';
import type { SignalCipher } from './signallingRoom';

/** The room a circle meets in, and how its signalling is sealed. */
export async function circleRoom(
  circleKey: string,
): Promise<{ roomName: string; cipher: SignalCipher }> {
  const { roomName, signallingSecret } = await deriveCircleSecrets(circleKey);
  const key = await signallingKey(signallingSecret, roomName);
  return {
    roomName,
    cipher: {
      seal: (message) => sealSignal(key, message),
      open: (sealed) => openSignal(key, sealed),
    },
  };
}

/** The safety code's words for a circle key. */
export async function safetyCodeFor(circleKey: string): Promise<string[]> {
  return [...(await deriveSafetyCode(circleKey))];
}

/**
 * The invite link to show for this laptop's circle, naming `endpoints` to try (the room's
 * first) and the circle's meeting points beyond the room.
 */
export function makeInvite(
  profile: CircleProfile,
  circleName: string,
  endpoints: string[],
  beyond: MeetingPoints = NO_MEETING_POINTS,
): string {
  const points = mergeMeetingPoints({ signalling: endpoints, turn: [] }, beyond);
  const link = inviteLink({
    circleId: profile.circleId,
    circleKey: profile.circleKey,
    circleName,
    endpoints: points.signalling.slice(0, MAX_INVITE_ENDPOINTS),
    turn: points.turn,
  });
  // The profile's key and name were checked when stored; an error here is a bug.
  if (!link.ok) throw new Error(`The invite could not be made: ${link.reason}`);
  return link.value;
}

/** A decoded invite, in the shape joining needs. */
export type ReadInvite = Checked<{
  circleId: CircleProfile['circleId'];
  circleKey: string;
  name: string;
  endpoints: string[];
  turn: TurnServer[];
}>;

/** Reads a pasted invite (link or bare code). */
export function readInvite(text: string): ReadInvite {
  const parsed = parseInvite(text);
  if (!parsed.ok) return parsed;
  const { circleId, circleKey, circleName, endpoints, turn } = parsed.value;
  return {
    ok: true,
    value: {
      circleId,
      circleKey,
      name: circleName,
      endpoints: [...endpoints],
      turn: [...(turn ?? [])],
    },
  };
}
