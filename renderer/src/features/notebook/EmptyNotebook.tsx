/**
 * A circle with no meeting yet. While the member is alone in it, the first thing to do
 * is to bring the others in, so inviting comes first; once others have joined, adding
 * the first meeting does.
 */
import { useTranslation } from 'react-i18next';

/** Props of {@link EmptyNotebook}. */
export interface EmptyNotebookProps {
  circleName: string;
  /** Whether the member is the only one in the circle so far. */
  alone: boolean;
  onInvite: () => void;
  onNewMeeting: () => void;
}

/** The empty notebook's greeting and its first suggestions. */
export function EmptyNotebook({ circleName, alone, onInvite, onNewMeeting }: EmptyNotebookProps) {
  const { t } = useTranslation();
  const invite = (
    <button
      key="invite"
      className={`button${alone ? ' button--primary' : ''}`}
      type="button"
      onClick={onInvite}
    >
      {t('notebook.inviteFirst')}
    </button>
  );
  const meeting = (
    <button
      key="meeting"
      className={`button${alone ? '' : ' button--primary'}`}
      type="button"
      onClick={onNewMeeting}
    >
      {t('meeting.new')}
    </button>
  );
  return (
    <div className="empty-notebook">
      <h1>{t('notebook.emptyTitle', { name: circleName })}</h1>
      <p>{alone ? t('notebook.emptyAlone') : t('notebook.emptyBody')}</p>
      <div className="empty-notebook__actions">{alone ? [invite, meeting] : [meeting, invite]}</div>
    </div>
  );
}
