/**
 * Search for the open circle, as the top bar mounts it: the index over the session,
 * the field, and what opening a result does (choose the meeting, then bring the entry
 * into view and give it the focus).
 */
import type { Ref } from 'react';
import type { EntryId, MeetingId } from '../../../../shared/notebook/ids';
import type { CircleSession } from '../../live-documents/circleSession';
import { revealEntry, revealMeeting } from './revealResult';
import { SearchBox, type SearchBoxHandle } from './SearchBox';
import type { SearchTarget } from './searchSource';
import { useCircleSearch } from './useCircleSearch';

/** Props of {@link CircleSearch}. */
export interface CircleSearchProps {
  session: CircleSession;
  /** Shows a meeting in the notebook. */
  onOpenMeeting: (meetingId: MeetingId) => void;
  /** Shows the private journal. */
  onOpenJournal: () => void;
  ref?: Ref<SearchBoxHandle>;
}

/** The top bar's search over the open circle. */
export function CircleSearch({ session, onOpenMeeting, onOpenJournal, ref }: CircleSearchProps) {
  const index = useCircleSearch(session);
  const open = (target: SearchTarget): void => {
    if (target.kind === 'meeting') {
      onOpenMeeting(target.meetingId);
      void revealMeeting();
    } else if (target.kind === 'entry') {
      onOpenMeeting(target.meetingId);
      void revealEntry(target.entryId);
    } else {
      onOpenJournal();
      void revealEntry(target.id as EntryId);
    }
  };
  return <SearchBox ref={ref} index={index} onOpen={open} />;
}
