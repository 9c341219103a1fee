/**
 * What a laptop derives from a circle key to meet the others (shared/sync): the room
 * name and signalling cipher, the safety code, and the invite it can show.
 */
import type { CircleProfile } from '../../../shared/ipc/contract';
import { deriveCircleSecrets, deriveSafetyCode } from '../../../shared/sync/circleSecrets';
import { inviteLink, parseInvite } from '../../../shared/sync/invite';
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

/** The invite link to show for this laptop's circle, naming `endpoints` to try. */
export function makeInvite(
  profile: CircleProfile,
  circleName: string,
  endpoints: string[],
): string {
  const link = inviteLink({
    circleId: profile.circleId,
    circleKey: profile.circleKey,
    circleName,
    endpoints: endpoints.slice(0, 8),
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
}>;

/** Reads a pasted invite (link or bare code). */
export function readInvite(text: string): ReadInvite {
  const parsed = parseInvite(text);
  if (!parsed.ok) return parsed;
  const { circleId, circleKey, circleName, endpoints } = parsed.value;
  return { ok: true, value: { circleId, circleKey, name: circleName, endpoints: [...endpoints] } };
}
