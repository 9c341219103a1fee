/**
 * The middle of the circle screen: the journal, a circle still waiting for its notebook,
 * a circle with no meeting yet, or the meeting chosen. A failure inside is kept to this
 * pane (./ScreenBoundary), so the top bar and status line stay usable.
 */
import { useTranslation } from 'react-i18next';
import type { IndexSnapshot } from '../../../../shared/notebook/circleIndex';
import type { MeetingId } from '../../../../shared/notebook/ids';
import { ScreenBoundary } from '../../app/ScreenBoundary';
import type { CircleSession } from '../../live-documents/circleSession';
import { JournalView } from '../journal/JournalView';
import { EmptyNotebook } from './EmptyNotebook';
import { MeetingView } from './MeetingView';
import type { NotebookView } from './useNotebookView';

/** Props of {@link NotebookPane}. */
export interface NotebookPaneProps {
  session: CircleSession;
  snapshot: IndexSnapshot;
  circleName: string;
  view: NotebookView;
  onWriteEntry: (meetingId: MeetingId) => void;
  onInvite: () => void;
  onNewMeeting: () => void;
  /** Pointer down in the pane: the sidebar drawer closes. */
  onPointerDown: () => void;
}

/** The notebook pane, with its landmark. */
export function NotebookPane(props: NotebookPaneProps) {
  const { view } = props;
  return (
    <main id="notebook" className="notebook" tabIndex={-1} onPointerDown={props.onPointerDown}>
      <ScreenBoundary
        where="notebook"
        key={view.journal ? 'journal' : (view.meeting?.id ?? 'none')}
      >
        <NotebookContent {...props} />
      </ScreenBoundary>
    </main>
  );
}

function NotebookContent({
  session,
  snapshot,
  circleName,
  view,
  onWriteEntry,
  onInvite,
  onNewMeeting,
}: NotebookPaneProps) {
  const { t } = useTranslation();
  if (view.journal) {
    return (
      <JournalView
        session={session}
        meetings={snapshot.meetings}
        onShared={(entryId) => view.focus(entryId, snapshot.entries.get(entryId)?.meetingId)}
      />
    );
  }
  if (snapshot.meta === null) {
    return (
      <div className="empty-notebook" role="status">
        <h1>{t('notebook.waitingTitle', { name: circleName })}</h1>
        <p>{t('notebook.waitingBody')}</p>
      </div>
    );
  }
  const meeting = view.meeting;
  if (meeting === null) {
    return (
      <EmptyNotebook
        circleName={circleName}
        alone={snapshot.members.size <= 1}
        onInvite={onInvite}
        onNewMeeting={onNewMeeting}
      />
    );
  }
  return (
    <MeetingView
      key={meeting.id}
      session={session}
      meeting={meeting}
      entries={snapshot.entriesByMeeting.get(meeting.id) ?? []}
      members={snapshot.members}
      focusEntry={view.focusEntry}
      onWriteEntry={() => onWriteEntry(meeting.id)}
      onShared={(entryId) => view.focus(entryId)}
      onFocused={view.focused}
    />
  );
}
