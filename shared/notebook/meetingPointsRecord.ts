/**
 * The governance record that sets the circle's meeting points beyond the room
 * (shared/sync/meetingPoints.ts):
 *
 *   { kind: 'meeting-points', signalling: string[], turn: [{ url, username, credential }], at }
 *
 * The last one a facilitator wrote counts, as with every governance setting. A record
 * with any address or relay that fails the checks is ignored whole: half a list could
 * leave out the one relay a member at home needs, and nobody would know why.
 */
import * as v from '../validate';
import {
  MAX_SIGNALLING_POINTS,
  MAX_TURN_SERVERS,
  meetingPointsProblem,
  type MeetingPoints,
} from '../sync/meetingPoints';

const text = v.string({ min: 1, max: 128 });
const meetingPointsCheck = v.object(
  {
    kind: v.oneOf(['meeting-points'] as const),
    signalling: v.array(text, { max: MAX_SIGNALLING_POINTS }),
    turn: v.array(v.object({ url: text, username: text, credential: text }), {
      max: MAX_TURN_SERVERS,
    }),
    at: v.number({ min: 0, max: 8.64e15, integer: true }),
  },
  { extra: 'ignore' },
);

/** The governance record that sets the meeting points. */
export interface MeetingPointsRecord extends MeetingPoints {
  kind: 'meeting-points';
  signalling: string[];
  turn: { url: string; username: string; credential: string }[];
  at: number;
}

/**
 * The meeting points `value` sets; null when it is not a meeting-points record, or
 * `'refused'` (with the reason) when it is one that does not pass the checks.
 */
export function readMeetingPointsRecord(
  value: unknown,
): MeetingPoints | { refused: string } | null {
  if ((value as { kind?: unknown } | null)?.kind !== 'meeting-points') return null;
  const checked = meetingPointsCheck(value, 'meeting-points');
  if (!checked.ok) return { refused: checked.reason };
  const points = { signalling: checked.value.signalling, turn: checked.value.turn };
  const problem = meetingPointsProblem(points);
  return problem === null ? points : { refused: `a meeting point is refused (${problem})` };
}
