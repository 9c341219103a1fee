/**
 * The circle's sidebar: the way to the member's journal, the meetings, and who is in the
 * circle. On narrow windows it is a drawer (./useSidebarDrawer.ts) that closes once the
 * member chose where to go.
 */
import { useTranslation } from 'react-i18next';
import type { IndexSnapshot } from '../../../../shared/notebook/circleIndex';
import type { MemberId } from '../../../../shared/notebook/ids';
import { MemberList } from '../presence/MemberList';
import { MeetingList } from './MeetingList';
import type { NotebookView } from './useNotebookView';
import type { SidebarDrawer } from './useSidebarDrawer';

/** Props of {@link CircleSidebar}. */
export interface CircleSidebarProps {
  snapshot: IndexSnapshot;
  me: MemberId;
  view: NotebookView;
  drawer: SidebarDrawer;
  onNewMeeting: () => void;
}

/** The sidebar of an open circle. */
export function CircleSidebar({ snapshot, me, view, drawer, onNewMeeting }: CircleSidebarProps) {
  const { t } = useTranslation();
  return (
    <aside {...drawer.sidebar}>
      <button
        type="button"
        className="journal-link"
        aria-current={view.journal ? 'page' : undefined}
        onClick={() => {
          view.showJournal();
          drawer.close();
        }}
      >
        {t('journal.title')}
        <span className="journal-link__hint">{t('journal.linkHint')}</span>
      </button>
      <MeetingList
        meetings={snapshot.meetings}
        entriesByMeeting={snapshot.entriesByMeeting}
        currentId={view.journal ? null : (view.meeting?.id ?? null)}
        onChoose={(meetingId) => {
          view.showMeeting(meetingId);
          drawer.close();
        }}
        onNewMeeting={() => {
          drawer.close();
          onNewMeeting();
        }}
      />
      <MemberList
        members={snapshot.members}
        entries={snapshot.entries}
        me={me}
        governance={snapshot.governance}
      />
    </aside>
  );
}
