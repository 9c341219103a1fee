/**
 * The circle's governance log (index root `governance`, a Y.Array): who facilitates,
 * the agreements, and the circle's settings, as append-only records replayed in order.
 *
 * Records (version 1):
 *   { kind: 'role', memberId, role: 'facilitator' | 'member', at }
 *   { kind: 'agreements', text, at }
 *   { kind: 'settings', reactions: [{ id, label }], showReactionNames, at }
 *   { kind: 'door', anyMemberMayLetIn, at }   who may open the circle's door (shared/sync/DOOR.md)
 *   { kind: 'meeting-points', signalling, turn, at }   beyond the room (./meetingPointsRecord.ts)
 *
 * The founder is the first facilitator. A record counts only if, at its place in the
 * log, its writer (authorship.ts) is a facilitator; any other is ignored with a logged
 * reason, on every laptop alike. Replaying in log order — not against today's
 * facilitators — keeps a change made by someone who later handed the role on.
 * Agreements are versioned by count: the n-th accepted agreements record is version n.
 */
import type * as Y from 'yjs';
import { logger } from '../log';
import * as v from '../validate';
import { authoredValues, type ClientRegistry } from './authorship';
import { NO_MEETING_POINTS, type MeetingPoints } from '../sync/meetingPoints';
import type { MemberId } from './ids';
import { readMeetingPointsRecord, type MeetingPointsRecord } from './meetingPointsRecord';
import { INDEX_LOG } from './schema';

const log = logger('governance');

/** Limits of governance records. */
export const GOVERNANCE_LIMITS = { agreementsText: 8000, reactions: 8, reactionLabel: 40 } as const;

/** A gentle response members can give an entry. */
export interface ReactionKind {
  id: string;
  label: string;
}

/** The reactions a circle starts with. */
export const DEFAULT_REACTIONS: readonly ReactionKind[] = [
  { id: 'been-there', label: 'I’ve been there too' },
  { id: 'thank-you', label: 'Thank you for sharing' },
  { id: 'strength', label: 'Sending strength' },
];

/** What the governance log says now. */
export interface Governance {
  facilitators: ReadonlySet<MemberId>;
  /** The agreements in force, or null before any were written. */
  agreements: { text: string; version: number; at: number; by: MemberId } | null;
  reactions: readonly ReactionKind[];
  showReactionNames: boolean;
  /** Whether any member, not only a facilitator, may let people in through the door. */
  anyMemberMayLetIn: boolean;
  /** Signalling servers and TURN relays beyond the room (none by default). */
  meetingPoints: MeetingPoints;
}

const ID = v.string({ min: 22, max: 22, pattern: /^[A-Za-z0-9_-]{22}$/ });
const at = v.number({ min: 0, max: 8.64e15, integer: true });
const roleRecord = v.object(
  {
    kind: v.oneOf(['role'] as const),
    memberId: ID,
    role: v.oneOf(['facilitator', 'member'] as const),
    at,
  },
  { extra: 'ignore' },
);
const agreementsRecord = v.object(
  {
    kind: v.oneOf(['agreements'] as const),
    text: v.string({ min: 1, max: GOVERNANCE_LIMITS.agreementsText }),
    at,
  },
  { extra: 'ignore' },
);
const settingsRecord = v.object(
  {
    kind: v.oneOf(['settings'] as const),
    reactions: v.array(
      v.object({
        id: v.string({ min: 1, max: 40, pattern: /^[a-z0-9-]+$/ }),
        label: v.string({ min: 1, max: GOVERNANCE_LIMITS.reactionLabel }),
      }),
      { max: GOVERNANCE_LIMITS.reactions },
    ),
    showReactionNames: v.boolean,
    at,
  },
  { extra: 'ignore' },
);

const doorRecord = v.object(
  { kind: v.oneOf(['door'] as const), anyMemberMayLetIn: v.boolean, at },
  { extra: 'ignore' },
);

/** A governance record to append. */
export type GovernanceRecord =
  | { kind: 'role'; memberId: MemberId; role: 'facilitator' | 'member'; at: number }
  | { kind: 'agreements'; text: string; at: number }
  | { kind: 'settings'; reactions: ReactionKind[]; showReactionNames: boolean; at: number }
  | { kind: 'door'; anyMemberMayLetIn: boolean; at: number }
  | MeetingPointsRecord;

/** Replays the log against the registry; `reported` dedupes warnings across reads. */
export function readGovernance(
  ydoc: Y.Doc,
  founderId: MemberId | null,
  registry: ClientRegistry,
  reported: Set<string>,
): Governance {
  const facilitators = new Set<MemberId>(founderId === null ? [] : [founderId]);
  let agreements: Governance['agreements'] = null;
  let version = 0;
  let reactions: readonly ReactionKind[] = DEFAULT_REACTIONS;
  let showReactionNames = false;
  let anyMemberMayLetIn = false;
  let meetingPoints = NO_MEETING_POINTS;
  const ignore = (index: number, reason: string): void => {
    const tag = `${index}:${reason}`;
    if (reported.has(tag)) return;
    reported.add(tag);
    log.warn('ignored a governance change', { reason });
  };

  authoredValues(ydoc.getArray(INDEX_LOG.governance)).forEach(({ value, client }, index) => {
    const writer = registry.memberOf(client);
    if (writer === null || !facilitators.has(writer)) {
      ignore(index, 'it was not written by a facilitator of the circle');
      return;
    }
    const role = roleRecord(value, 'role');
    if (role.ok) {
      const memberId = role.value.memberId as MemberId;
      if (role.value.role === 'facilitator') facilitators.add(memberId);
      // A circle always keeps a facilitator: the last one cannot step down.
      else if (facilitators.size > 1) facilitators.delete(memberId);
      return;
    }
    const written = agreementsRecord(value, 'agreements');
    if (written.ok) {
      version++;
      agreements = { text: written.value.text, version, at: written.value.at, by: writer };
      return;
    }
    const settings = settingsRecord(value, 'settings');
    if (settings.ok) {
      reactions =
        settings.value.reactions.length > 0 ? settings.value.reactions : DEFAULT_REACTIONS;
      showReactionNames = settings.value.showReactionNames;
      return;
    }
    const door = doorRecord(value, 'door');
    if (door.ok) {
      anyMemberMayLetIn = door.value.anyMemberMayLetIn;
      return;
    }
    const points = readMeetingPointsRecord(value);
    if (points !== null) {
      if ('refused' in points) ignore(index, points.refused);
      else meetingPoints = points;
      return;
    }
    ignore(index, 'it is not a governance record this version understands');
  });
  return {
    facilitators,
    agreements,
    reactions,
    showReactionNames,
    anyMemberMayLetIn,
    meetingPoints,
  };
}

/** Appends a governance record (the caller checks the member may; others check again). */
export function appendGovernance(ydoc: Y.Doc, record: GovernanceRecord, origin: unknown): void {
  ydoc.transact(() => ydoc.getArray<GovernanceRecord>(INDEX_LOG.governance).push([record]), origin);
}
