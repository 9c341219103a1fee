/**
 * The invite a door seals for a knocker it lets in: the circle's id and key from this
 * laptop's profile, its name as the page has it now, and this laptop's own signalling
 * endpoints (where the newcomer will find it), in the invite format of
 * shared/sync/INVITE.md — exactly what the Invite dialog shows as a QR code.
 */
import type { CircleProfile, SignallingEndpoint } from '../../../../shared/ipc/contract';
import { encodeInvite, MAX_INVITE_ENDPOINTS } from '../../../../shared/sync/invite';

/** The invite's bytes for `profile`'s circle named `circleName`. */
export function doorInvite(
  profile: CircleProfile,
  circleName: string,
  endpoints: readonly SignallingEndpoint[],
): Uint8Array {
  const own = endpoints
    .filter((endpoint) => endpoint.source === 'this-laptop')
    .map((endpoint) => endpoint.url)
    .slice(0, MAX_INVITE_ENDPOINTS);
  const encoded = encodeInvite({
    circleId: profile.circleId,
    circleKey: profile.circleKey,
    circleName,
    endpoints: own,
  });
  // The profile was checked when stored and the name by the IPC checks: a bug otherwise.
  if (!encoded.ok) throw new Error(`the door's invite could not be made: ${encoded.reason}`);
  return encoded.value;
}
