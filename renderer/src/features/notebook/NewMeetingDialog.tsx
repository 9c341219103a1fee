/**
 * "New meeting": a title, a date (today by default) and prompts, picked from the
 * built-in library's themes or written fresh.
 */
import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, type MeetingPrompt } from '../../../../shared/notebook/schema';
import { Dialog } from '../../app/Dialog';
import { PromptPicker } from './PromptPicker';
import { todayAsCalendarDate } from './meetingDate';

/** What the dialog creates. */
export interface MeetingDraft {
  title: string;
  date: string;
  prompts: MeetingPrompt[];
}

/** Props of {@link NewMeetingDialog}. */
export interface NewMeetingDialogProps {
  open: boolean;
  onClose: () => void;
  onCreate: (meeting: MeetingDraft) => void;
}

/** Asks for a new meeting's details. */
export function NewMeetingDialog({ open, onClose, onCreate }: NewMeetingDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      title={t('meeting.newTitle')}
      description={t('meeting.newDescription')}
      onClose={onClose}
      size="wide"
    >
      {open && <MeetingForm onClose={onClose} onCreate={onCreate} />}
    </Dialog>
  );
}

function MeetingForm({ onClose, onCreate }: Omit<NewMeetingDialogProps, 'open'>) {
  const { t } = useTranslation();
  const titleId = useId();
  const dateId = useId();
  const [title, setTitle] = useState('');
  const [date, setDate] = useState(todayAsCalendarDate);
  const [prompts, setPrompts] = useState<MeetingPrompt[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    const trimmed = title.trim();
    if (trimmed === '') {
      setProblem(t('meeting.titleMissing'));
      return;
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      setProblem(t('meeting.dateMissing'));
      return;
    }
    onCreate({ title: trimmed, date, prompts });
  };

  return (
    <form onSubmit={submit} noValidate className="meeting-form">
      <div className="meeting-form__row">
        <div className="field meeting-form__title">
          <label className="field__label" htmlFor={titleId}>
            {t('meeting.title')}
          </label>
          <input
            id={titleId}
            className="input"
            value={title}
            maxLength={LIMITS.meetingTitle}
            onChange={(event) => setTitle(event.target.value)}
            placeholder={t('meeting.titlePlaceholder')}
            autoFocus
            autoComplete="off"
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={dateId}>
            {t('meeting.date')}
          </label>
          <input
            id={dateId}
            className="input"
            type="date"
            value={date}
            onChange={(event) => setDate(event.target.value)}
          />
        </div>
      </div>
      <PromptPicker
        chosen={prompts}
        onChange={setPrompts}
        onTheme={(themeTitle) => {
          if (title.trim() === '') setTitle(themeTitle);
        }}
      />
      {problem !== null && (
        <p className="field__error" role="alert">
          {problem}
        </p>
      )}
      <div className="dialog__actions">
        <button className="button button--quiet" type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button className="button button--primary" type="submit">
          {t('meeting.create')}
        </button>
      </div>
    </form>
  );
}
