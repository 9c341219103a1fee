/**
 * Making or joining a circle, and reading what the store keeps about it from its index
 * document.
 */
import * as Y from 'yjs';
import type { JoinCircle, NewCircle } from '../../../shared/ipc/contract';
import { toBase64Url } from '../../../shared/crypto/base64url';
import { randomBytes } from '../../../shared/crypto/random';
import agreementsTemplate from '../../../resources/agreements/template.json' with { type: 'json' };
import { agreementsFromTemplate } from '../../../shared/notebook/agreementsTemplate';
import { CircleIndex } from '../../../shared/notebook/circleIndex';
import { newId, type CircleId, type MemberId } from '../../../shared/notebook/ids';
import { NO_MEETING_POINTS, type MeetingPoints } from '../../../shared/sync/meetingPoints';
import type { StoredCircle } from './store/circleProfile';

const CIRCLE_KEY_BYTES = 32;

/** A new circle: this laptop's profile in it, and the first state of its index document. */
export function foundCircle(
  request: NewCircle,
  now: number,
): { circle: StoredCircle; indexState: Uint8Array } {
  const circleId = newId<CircleId>();
  const memberId = newId<MemberId>();
  const ydoc = new Y.Doc();
  try {
    CircleIndex.found(ydoc, {
      circleId,
      name: request.name,
      founder: { id: memberId, name: request.memberName, colour: request.colour, joinedAt: now },
      createdAt: now,
      agreements: agreementsFromTemplate(agreementsTemplate),
    }).dispose();
    const circle: StoredCircle = {
      profile: {
        circleId,
        memberId,
        memberName: request.memberName,
        colour: request.colour,
        circleKey: toBase64Url(randomBytes(CIRCLE_KEY_BYTES)),
        createdAt: now,
        inviteEndpoints: [],
      },
      name: request.name,
      lastOpenedAt: now,
    };
    return { circle, indexState: Y.encodeStateAsUpdate(ydoc) };
  } finally {
    ydoc.destroy();
  }
}

/**
 * A circle joined from an invite: this laptop's new member in it (a fresh member id), the
 * circle's id, key and name from the invite, and no notebook: that arrives from peers.
 */
export function joinedCircle(request: JoinCircle, now: number): StoredCircle {
  return {
    profile: {
      circleId: request.circleId,
      memberId: newId<MemberId>(),
      memberName: request.memberName,
      colour: request.colour,
      ...(request.colourChosen ? {} : { colourByDefault: true as const }),
      circleKey: request.circleKey,
      createdAt: now,
      inviteEndpoints: [...new Set(request.endpoints)],
      ...(request.turn.length === 0 ? {} : { inviteTurn: request.turn }),
    },
    name: request.name,
    lastOpenedAt: now,
  };
}

/** The circle's meeting points beyond the room as its stored index document holds them. */
export function meetingPointsIn(indexState: Uint8Array | null): MeetingPoints {
  if (indexState === null) return NO_MEETING_POINTS;
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, indexState);
    const index = new CircleIndex(ydoc);
    const points = index.read().governance.meetingPoints;
    index.dispose();
    return points;
  } finally {
    ydoc.destroy();
  }
}
