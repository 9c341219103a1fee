/** Opens a meeting's shared page, the one entry every member writes in (WRITING.md). */
import { useTranslation } from 'react-i18next';
import type { EntryId, MeetingId } from '../../../../shared/notebook/ids';
import type { CircleSession } from '../../live-documents/circleSession';
import { useIndexSnapshot } from '../../live-documents/useCircleSession';

/** "Open the shared page", until the meeting has one. */
export function SharedPageButton({
  session,
  meetingId,
}: {
  session: CircleSession;
  meetingId: MeetingId;
}) {
  const { t } = useTranslation();
  const { entries } = useIndexSnapshot(session);
  if (entries.has(meetingId as string as EntryId)) return null;
  return (
    <button
      className="button entries__shared-page"
      type="button"
      title={t('writing.sharedPageHint')}
      onClick={() => session.openSharedPage(meetingId)}
    >
      {t('writing.openSharedPage')}
    </button>
  );
}
