/**
 * The invite a door seals for a knocker it lets in: the circle's id and key from this
 * laptop's profile, its name as the page has it now, and this laptop's own signalling
 * endpoints (where the newcomer will find it) and the circle's meeting points beyond the
 * room as its notebook holds them, in the invite format of shared/sync/INVITE.md —
 * exactly what the Invite dialog shows as a QR code.
 */
import type { CircleProfile, SignallingEndpoint } from '../../../../shared/ipc/contract';
import { encodeInvite, MAX_INVITE_ENDPOINTS } from '../../../../shared/sync/invite';
import {
  mergeMeetingPoints,
  NO_MEETING_POINTS,
  type MeetingPoints,
} from '../../../../shared/sync/meetingPoints';

/** The invite's bytes for `profile`'s circle named `circleName`. */
export function doorInvite(
  profile: CircleProfile,
  circleName: string,
  endpoints: readonly SignallingEndpoint[],
  meetingPoints: MeetingPoints = NO_MEETING_POINTS,
): Uint8Array {
  const own = endpoints
    .filter((endpoint) => endpoint.source === 'this-laptop')
    .map((endpoint) => endpoint.url);
  // The room's own endpoints first: the newcomer is at the door, so in the room.
  const points = mergeMeetingPoints({ signalling: own, turn: [] }, meetingPoints);
  const encoded = encodeInvite({
    circleId: profile.circleId,
    circleKey: profile.circleKey,
    circleName,
    endpoints: points.signalling.slice(0, MAX_INVITE_ENDPOINTS),
    turn: points.turn,
  });
  // The profile was checked when stored and the name by the IPC checks: a bug otherwise.
  if (!encoded.ok) throw new Error(`the door's invite could not be made: ${encoded.reason}`);
  return encoded.value;
}
