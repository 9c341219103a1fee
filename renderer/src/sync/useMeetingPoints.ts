/**
 * The open circle's meeting points beyond the room: those in its notebook (set by a
 * facilitator) and those in the invite this laptop joined with (all a laptop at home
 * has before the notebook arrives). The same object until the list itself changes, so
 * sync is not restarted by unrelated changes to the index.
 */
import { useMemo } from 'react';
import { mergeMeetingPoints, type MeetingPoints } from '../../../shared/sync/meetingPoints';
import type { CircleSession } from '../live-documents/circleSession';
import { useIndexSnapshot } from '../live-documents/useCircleSession';

/** The circle's meeting points beyond the room, notebook's first. */
export function useMeetingPoints(session: CircleSession): MeetingPoints {
  const inNotebook = useIndexSnapshot(session).governance.meetingPoints;
  // The invite's addresses are tried already (useCircleSync): only its relays are added.
  const merged = mergeMeetingPoints(inNotebook, {
    signalling: [],
    turn: session.profile.inviteTurn ?? [],
  });
  const key = JSON.stringify(merged);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the key is the list's content
  return useMemo(() => merged, [key]);
}
