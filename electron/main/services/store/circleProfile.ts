/**
 * Who this laptop is in a circle, stored in `profile.hrec`: a record file (format in
 * ./recordFormat.ts) of kind "circle profile" holding one profile record, encrypted
 * under the circle's data key. Its payload is UTF-8 JSON, version 1:
 *
 *   { "version": 1, "circleId", "name", "memberId", "memberName", "colour",
 *     "circleKey", "createdAt", "lastOpenedAt", "inviteEndpoints" }
 *
 * `inviteEndpoints` (the signalling endpoints written in the invite this laptop joined
 * with) and `inviteTurn` (the TURN relays of a version 2 invite, with their credentials)
 * came later within version 1: a file without them reads as `[]`, and an older Hearth
 * reading a newer file ignores them. So did `colourByDefault` (true while a newcomer's
 * colour is still the join dialog's guess; absent otherwise).
 *
 * `name` is the circle's name as last seen in its index document, so the circle
 * switcher can list circles without opening every notebook.
 */
import type { CircleProfile, CircleSummary } from '../../../../shared/ipc/contract';
import { HearthError } from '../../../../shared/ipc/errors';
import type { CircleId, MemberId } from '../../../../shared/notebook/ids';
import { LIMITS, MEMBER_COLOURS } from '../../../../shared/notebook/schema';
import { signallingAddressCheck, turnServersCheck } from '../../../../shared/sync/meetingPoints';
import * as v from '../../../../shared/validate';
import { profileBinding, recordCipher } from './recordCipher';
import { encodeHeader, encodeRecord, FILE_KIND, RECORD_KIND, scanFile } from './recordFormat';

const PROFILE_VERSION = 1;

/** A circle as this laptop keeps it: the member's profile, the circle's name, when last opened. */
export interface StoredCircle {
  profile: CircleProfile;
  name: string;
  lastOpenedAt: number;
}

const id = v.string({ min: 22, max: 22, pattern: /^[A-Za-z0-9_-]+$/ });
const time = v.number({ min: 0, max: 8.64e15, integer: true });
// The same rules as `hearth:circles:join` in shared/ipc/arguments.ts.
const inviteEndpoints = v.array(signallingAddressCheck, { max: 8 });
const profileCheck = v.object(
  {
    version: v.oneOf([PROFILE_VERSION] as const),
    circleId: v.branded<CircleId>(id),
    name: v.string({ min: 1, max: LIMITS.circleName }),
    memberId: v.branded<MemberId>(id),
    memberName: v.string({ min: 1, max: LIMITS.memberName }),
    colour: v.oneOf(MEMBER_COLOURS),
    circleKey: v.string({ min: 43, max: 43, pattern: /^[A-Za-z0-9_-]+$/ }),
    createdAt: time,
    lastOpenedAt: time,
  },
  { extra: 'ignore' },
);

/** The circle as the circle switcher lists it. */
export function circleSummary(circle: StoredCircle): CircleSummary {
  return {
    id: circle.profile.circleId,
    name: circle.name,
    memberName: circle.profile.memberName,
    colour: circle.profile.colour,
    createdAt: circle.profile.createdAt,
    lastOpenedAt: circle.lastOpenedAt,
  };
}

/** The whole `profile.hrec` file for `circle`. */
export function encodeProfileFile(circle: StoredCircle, dataKey: Uint8Array): Uint8Array {
  const { profile } = circle;
  const json = JSON.stringify({
    version: PROFILE_VERSION,
    circleId: profile.circleId,
    name: circle.name,
    memberId: profile.memberId,
    memberName: profile.memberName,
    colour: profile.colour,
    circleKey: profile.circleKey,
    createdAt: profile.createdAt,
    lastOpenedAt: circle.lastOpenedAt,
    inviteEndpoints: profile.inviteEndpoints,
    ...(profile.inviteTurn === undefined || profile.inviteTurn.length === 0
      ? {}
      : { inviteTurn: profile.inviteTurn }),
    ...(profile.colourByDefault === true ? { colourByDefault: true } : {}),
  });
  const cipher = recordCipher(dataKey, profileBinding(profile.circleId));
  const sealed = cipher.seal(RECORD_KIND.profile, Buffer.from(json, 'utf8'));
  return Buffer.concat([
    encodeHeader(FILE_KIND.profile),
    encodeRecord(RECORD_KIND.profile, sealed.flags, sealed.body),
  ]);
}

/** Reads a `profile.hrec` file of circle `circleId`; throws a plain `storage-failed` error. */
export function decodeProfileFile(
  bytes: Uint8Array,
  dataKey: Uint8Array,
  circleId: CircleId,
): StoredCircle {
  const unreadable = (why: string): HearthError =>
    new HearthError('storage-failed', `The profile of a circle on this laptop ${why}.`);
  const scanned = scanFile(bytes, FILE_KIND.profile);
  if (scanned.header.state === 'newer') throw unreadable('was saved by a newer Hearth');
  const cipher = recordCipher(dataKey, profileBinding(circleId));
  // Written atomically, so normally exactly one record; take the last one that opens.
  for (const record of scanned.records.toReversed()) {
    if (record.kind !== RECORD_KIND.profile) continue;
    const payload = cipher.open(record.kind, record.flags, record.body);
    if (payload === null) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(payload).toString('utf8'));
    } catch {
      throw unreadable('is not readable');
    }
    const checked = profileCheck(parsed, 'profile');
    if (!checked.ok) throw unreadable(`is not in the expected form (${checked.reason})`);
    if (checked.value.circleId !== circleId) throw unreadable('belongs to another circle');
    const { name, lastOpenedAt, version: _version, ...profile } = checked.value;
    // Only a hint for finding peers: one that cannot be read must not lock the circle.
    const endpoints = inviteEndpoints(
      (parsed as Record<string, unknown>).inviteEndpoints,
      'profile.inviteEndpoints',
    );
    const joinedWith = endpoints.ok ? endpoints.value : [];
    const relays = turnServersCheck(
      (parsed as Record<string, unknown>).inviteTurn ?? [],
      'profile.inviteTurn',
    );
    const turn = relays.ok && relays.value.length > 0 ? { inviteTurn: relays.value } : {};
    const guessed =
      (parsed as Record<string, unknown>).colourByDefault === true
        ? { colourByDefault: true as const }
        : {};
    return {
      profile: { ...profile, inviteEndpoints: joinedWith, ...turn, ...guessed },
      name,
      lastOpenedAt,
    };
  }
  throw unreadable('is damaged and cannot be opened');
}
