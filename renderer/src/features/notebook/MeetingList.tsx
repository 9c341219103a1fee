/** The sidebar: the circle's meetings, newest first, and "New meeting". */
import { useTranslation } from 'react-i18next';
import type { MeetingId } from '../../../../shared/notebook/ids';
import type { EntryRecord, MeetingRecord } from '../../../../shared/notebook/schema';
import { formatCalendarDate } from './meetingDate';

/** Props of {@link MeetingList}. */
export interface MeetingListProps {
  meetings: readonly MeetingRecord[];
  entriesByMeeting: ReadonlyMap<MeetingId, readonly EntryRecord[]>;
  currentId: MeetingId | null;
  onChoose: (meetingId: MeetingId) => void;
  onNewMeeting: () => void;
}

/** Lists meetings; the open one is marked as current. */
export function MeetingList({
  meetings,
  entriesByMeeting,
  currentId,
  onChoose,
  onNewMeeting,
}: MeetingListProps) {
  const { t, i18n } = useTranslation();
  return (
    <nav className="meetings" aria-label={t('meeting.listLabel')}>
      <div className="sidebar__header">
        <h2 className="sidebar__title">{t('meeting.listTitle')}</h2>
        <button
          className="button button--small button--primary"
          type="button"
          onClick={onNewMeeting}
        >
          {t('meeting.new')}
        </button>
      </div>
      {meetings.length === 0 ? (
        <p className="sidebar__empty">{t('meeting.none')}</p>
      ) : (
        <ul className="meeting-list">
          {meetings.map((meeting) => {
            const count = (entriesByMeeting.get(meeting.id) ?? []).filter(
              (e) => !e.withdrawn,
            ).length;
            return (
              <li key={meeting.id}>
                <button
                  type="button"
                  className="meeting-list__item"
                  aria-current={meeting.id === currentId ? 'page' : undefined}
                  onClick={() => onChoose(meeting.id)}
                >
                  <span className="meeting-list__title">{meeting.title}</span>
                  <span className="meeting-list__meta">
                    {formatCalendarDate(meeting.date, i18n.language, 'medium')}
                    {' · '}
                    {t('meeting.entryCount', { count })}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </nav>
  );
}
