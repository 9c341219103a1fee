/**
 * "Export…": which meetings, which format, and what to include; the export is built in
 * main (so typing never stalls here), with progress and a Cancel button. Consent is not
 * a choice: the dialog says so, and main applies it whatever is chosen.
 */
import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_EXPORT_OPTIONS,
  EXPORT_FORMATS,
  type ExportFormat,
  type MeetingChoice,
} from '../../../../shared/export/exportOptions';
import type { IndexSnapshot } from '../../../../shared/notebook/circleIndex';
import type { CircleId, MeetingId, MemberId } from '../../../../shared/notebook/ids';
import type { MeetingRecord } from '../../../../shared/notebook/schema';
import { Dialog } from '../../app/Dialog';
import { describeError } from '../../app/describeError';
import { ExportWriters } from '../writing/ExportWriters';
import { useExportJob, type ExportState } from './useExportJob';
import '../../styles/circleTools.css';
import { FieldError } from '../../app/FieldError';
import { DialogActions } from '../../app/DialogActions';

/** Props of {@link ExportDialog}. */
export interface ExportDialogProps {
  open: boolean;
  circleId: CircleId;
  circleName: string;
  /** The circle's meetings, newest first (as the index lists them). */
  meetings: readonly MeetingRecord[];
  onClose: () => void;
  /** The circle's index and this laptop's member: to say whose words the export holds. */
  whose?: { snapshot: IndexSnapshot; memberId: MemberId };
}

/** The Export dialog. */
export function ExportDialog(props: ExportDialogProps) {
  const { t } = useTranslation();
  const job = useExportJob();
  const close = (): void => {
    job.cancel();
    job.reset();
    props.onClose();
  };
  return (
    <Dialog
      open={props.open}
      title={t('export.title', { name: props.circleName })}
      description={t('export.description')}
      onClose={close}
      size="wide"
    >
      {props.open && <ExportForm {...props} job={job} onClose={close} />}
    </Dialog>
  );
}

type MeetingKind = MeetingChoice['kind'];

function ExportForm({
  circleId,
  meetings,
  whose,
  job,
  onClose,
}: ExportDialogProps & { job: ReturnType<typeof useExportJob> }) {
  const { t } = useTranslation();
  const ids = { from: useId(), to: useId(), one: useId(), shownHint: useId(), mineHint: useId() };
  const newest = meetings[0];
  const oldest = meetings.at(-1);
  const [meetingKind, setMeetingKind] = useState<MeetingKind>(DEFAULT_EXPORT_OPTIONS.meetings.kind);
  const [from, setFrom] = useState(oldest?.date ?? '');
  const [to, setTo] = useState(newest?.date ?? '');
  const [meetingId, setMeetingId] = useState<MeetingId | ''>(newest?.id ?? '');
  const [format, setFormat] = useState<ExportFormat>('html');
  const [authorsShown, setAuthorsShown] = useState(DEFAULT_EXPORT_OPTIONS.authors === 'shown');
  const [reactions, setReactions] = useState(DEFAULT_EXPORT_OPTIONS.reactions);
  const [prompts, setPrompts] = useState(DEFAULT_EXPORT_OPTIONS.prompts);
  const [onlyMine, setOnlyMine] = useState(DEFAULT_EXPORT_OPTIONS.onlyMine);
  const [problem, setProblem] = useState<string | null>(null);
  const running = job.state.step === 'running';

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    if (meetings.length === 0) {
      setProblem(t('export.noMeetings'));
      return;
    }
    let choice: MeetingChoice = { kind: 'all' };
    if (meetingKind === 'range') {
      if (from === '' || to === '' || from > to) {
        setProblem(t('export.rangeInvalid'));
        return;
      }
      choice = { kind: 'range', from, to };
    } else if (meetingKind === 'one' && meetingId !== '') {
      choice = { kind: 'one', meetingId };
    }
    setProblem(null);
    job.start({
      circleId,
      format,
      options: {
        meetings: choice,
        authors: authorsShown ? 'shown' : 'anonymised',
        reactions,
        prompts,
        onlyMine,
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate className="export-form">
      <fieldset disabled={running}>
        <legend>{t('export.meetings')}</legend>
        <div className="choice-row">
          {(['all', 'range', 'one'] as const).map((kind) => (
            <label key={kind} className="choice">
              <input
                type="radio"
                name="export-meetings"
                checked={meetingKind === kind}
                onChange={() => setMeetingKind(kind)}
              />
              <span>
                {t(`export.meetings${kind === 'all' ? 'All' : kind === 'range' ? 'Range' : 'One'}`)}
              </span>
            </label>
          ))}
        </div>
        {meetingKind === 'range' && (
          <div className="export-form__row">
            <div className="field">
              <label className="field__label" htmlFor={ids.from}>
                {t('export.from')}
              </label>
              <input
                id={ids.from}
                className="input"
                type="date"
                value={from}
                onChange={(e) => setFrom(e.target.value)}
              />
            </div>
            <div className="field">
              <label className="field__label" htmlFor={ids.to}>
                {t('export.to')}
              </label>
              <input
                id={ids.to}
                className="input"
                type="date"
                value={to}
                onChange={(e) => setTo(e.target.value)}
              />
            </div>
          </div>
        )}
        {meetingKind === 'one' && (
          <div className="field">
            <label className="field__label" htmlFor={ids.one}>
              {t('export.meeting')}
            </label>
            <select
              id={ids.one}
              className="input"
              value={meetingId}
              onChange={(e) => setMeetingId(e.target.value as MeetingId)}
            >
              {meetings.map((meeting) => (
                <option key={meeting.id} value={meeting.id}>
                  {meeting.title} · {meeting.date}
                </option>
              ))}
            </select>
          </div>
        )}
      </fieldset>
      <fieldset disabled={running}>
        <legend>{t('export.format')}</legend>
        <div className="export-form__formats">
          {EXPORT_FORMATS.map((each) => (
            <label key={each} className="choice">
              <input
                type="radio"
                name="export-format"
                checked={format === each}
                onChange={() => setFormat(each)}
              />
              <span>{t(`export.formats.${each}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset disabled={running}>
        <legend>{t('export.include')}</legend>
        <div className="export-form__checks">
          <label className="choice">
            <input
              type="checkbox"
              checked={authorsShown}
              aria-describedby={ids.shownHint}
              onChange={(e) => setAuthorsShown(e.target.checked)}
            />
            <span>{t('export.authorsShown')}</span>
          </label>
          <p id={ids.shownHint} className="field__hint export-form__hint">
            {t('export.authorsShownHint')}
          </p>
          <label className="choice">
            <input
              type="checkbox"
              checked={reactions}
              onChange={(e) => setReactions(e.target.checked)}
            />
            <span>{t('export.reactions')}</span>
          </label>
          <label className="choice">
            <input
              type="checkbox"
              checked={prompts}
              onChange={(e) => setPrompts(e.target.checked)}
            />
            <span>{t('export.prompts')}</span>
          </label>
          <label className="choice">
            <input
              type="checkbox"
              checked={onlyMine}
              aria-describedby={ids.mineHint}
              onChange={(e) => setOnlyMine(e.target.checked)}
            />
            <span>{t('export.onlyMine')}</span>
          </label>
          <p id={ids.mineHint} className="field__hint export-form__hint">
            {t('export.onlyMineHint')}
          </p>
        </div>
      </fieldset>
      {whose !== undefined && (
        <ExportWriters
          snapshot={whose.snapshot}
          choice={
            meetingKind === 'all'
              ? { kind: 'all' }
              : meetingKind === 'range'
                ? { kind: 'range', from, to }
                : { kind: 'one', meetingId: meetingId as MeetingId }
          }
          onlyMine={onlyMine ? whose.memberId : null}
        />
      )}
      <FieldError message={problem} />
      <ExportStatus state={job.state} />
      {running ? (
        <DialogActions>
          <button className="button" type="button" onClick={() => job.cancel()}>
            {t('export.cancel')}
          </button>
        </DialogActions>
      ) : (
        <DialogActions
          cancel={{
            label: job.state.step === 'finished' ? t('common.close') : t('common.cancel'),
            onClick: onClose,
          }}
          primary={{ label: t('export.start') }}
        />
      )}
    </form>
  );
}

function ExportStatus({ state }: { state: ExportState }) {
  const { t } = useTranslation();
  if (state.step === 'idle') return <p className="export-status" role="status" />;
  if (state.step === 'running') {
    return (
      <div className="export-status" role="status">
        <p>
          {state.total === 0
            ? t('export.workingStart')
            : t('export.working', { done: state.done, total: state.total })}
        </p>
        <progress
          className="export-status__bar"
          max={Math.max(state.total, 1)}
          value={state.done}
          aria-label={t('export.workingStart')}
        />
      </div>
    );
  }
  if (state.step === 'failed') {
    return (
      <p className="export-status export-status--problem" role="alert">
        {t('export.failed', { reason: describeError(t, state.error) })}
      </p>
    );
  }
  const words: Record<typeof state.outcome.kind, string> = {
    saved:
      state.outcome.kind === 'saved' ? t('export.saved', { count: state.outcome.fileCount }) : '',
    download: t('export.downloaded'),
    dismissed: t('export.dismissed'),
    cancelled: t('export.cancelled'),
    'pdf-unavailable': t('export.pdfUnavailable'),
  };
  return (
    <p className="export-status export-status--done" role="status">
      {words[state.outcome.kind]}
    </p>
  );
}
