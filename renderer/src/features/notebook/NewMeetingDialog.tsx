/**
 * "New meeting": a title, a date (today by default) and prompts, started from a meeting
 * template (which also brings opening words and a turn length), from one of the prompt
 * library's themes, or written fresh.
 */
import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  templatePrompts,
  type MeetingTemplate,
} from '../../../../shared/notebook/meetingTemplates';
import { LIMITS, type MeetingPrompt } from '../../../../shared/notebook/schema';
import { Dialog } from '../../app/Dialog';
import { OpeningFields } from '../templates/OpeningFields';
import { TemplatePicker } from '../templates/TemplatePicker';
import { PromptPicker } from './PromptPicker';
import { todayAsCalendarDate } from './meetingDate';
import { FieldError } from '../../app/FieldError';
import { DialogActions } from '../../app/DialogActions';

/** What the dialog creates. */
export interface MeetingDraft {
  title: string;
  date: string;
  prompts: MeetingPrompt[];
  /** Opening words, from a template; null when none. */
  opening: string | null;
  /** Suggested minutes a turn, from a template; null when none. */
  minutesPerTurn: number | null;
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
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [opening, setOpening] = useState('');
  const [minutes, setMinutes] = useState('');
  // The title last filled in from a choice: a later choice may replace it, not one typed.
  const [filledTitle, setFilledTitle] = useState('');
  // Remounting the prompt picker clears its theme when a template takes over the prompts.
  const [pickerKey, setPickerKey] = useState(0);

  const fillTitle = (chosenTitle: string): void => {
    if (title.trim() === '' || title === filledTitle) {
      setTitle(chosenTitle);
      setFilledTitle(chosenTitle);
    }
  };

  const chooseTemplate = (template: MeetingTemplate): void => {
    setTemplateId(template.id);
    setPrompts(templatePrompts(template));
    setOpening(template.opening);
    setMinutes(String(template.minutesPerTurn));
    fillTitle(template.title);
    setPickerKey((key) => key + 1);
  };

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
    const minutesPerTurn = minutes.trim() === '' ? null : Number(minutes);
    if (
      minutesPerTurn !== null &&
      !(
        Number.isInteger(minutesPerTurn) &&
        minutesPerTurn >= 1 &&
        minutesPerTurn <= LIMITS.minutesPerTurn
      )
    ) {
      setProblem(t('templates.minutesProblem', { max: LIMITS.minutesPerTurn }));
      return;
    }
    onCreate({ title: trimmed, date, prompts, opening: opening.trim() || null, minutesPerTurn });
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
      <TemplatePicker chosenId={templateId} onChoose={chooseTemplate} />
      {(templateId !== null || opening !== '' || minutes !== '') && (
        <OpeningFields
          opening={opening}
          minutes={minutes}
          onOpening={setOpening}
          onMinutes={setMinutes}
        />
      )}
      <PromptPicker
        key={pickerKey}
        chosen={prompts}
        onChange={setPrompts}
        onTheme={(themeTitle) => {
          // A theme brings prompts only: it replaces a template's whole shape.
          setTemplateId(null);
          setOpening('');
          setMinutes('');
          fillTitle(themeTitle);
        }}
      />
      <FieldError message={problem} />
      <DialogActions
        cancel={{ label: t('common.cancel'), onClick: onClose }}
        primary={{ label: t('meeting.create') }}
      />
    </form>
  );
}
