/**
 * The sidebar: the circle's meetings, newest first, and "New meeting". A circle of years
 * has hundreds of meetings: the first screenful (and the open one) are drawn with the
 * circle, the rest in the page's first idle moment, so opening costs what is on screen.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingId } from '../../../../shared/notebook/ids';
import type { EntryRecord, MeetingRecord } from '../../../../shared/notebook/schema';
import { formatCalendarDate } from './meetingDate';

/** Meetings drawn with the circle: more than a tall window shows. */
export const FIRST_MEETINGS = 24;
// The longest the rest wait for an idle moment.
const IDLE_TIMEOUT_MS = 1000;

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
  const whole = useWholeListSoon(meetings.length > FIRST_MEETINGS);
  const currentAt = meetings.findIndex((meeting) => meeting.id === currentId);
  const shown = whole ? meetings : meetings.slice(0, Math.max(FIRST_MEETINGS, currentAt + 1));
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
          {shown.map((meeting) => {
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

// False at first when the list is long, true from the page's first idle moment on.
function useWholeListSoon(long: boolean): boolean {
  const [whole, setWhole] = useState(!long);
  useEffect(() => {
    if (whole) return;
    const show = (): void => setWhole(true);
    if (typeof requestIdleCallback === 'function') {
      const idle = requestIdleCallback(show, { timeout: IDLE_TIMEOUT_MS });
      return () => cancelIdleCallback(idle);
    }
    const timer = setTimeout(show, 0);
    return () => clearTimeout(timer);
  }, [whole]);
  return whole;
}
