/**
 * "Let people in": the facilitator opens the circle's door for a few minutes, sees its
 * nickname and countdown, and answers each knock after comparing the four words aloud
 * (shared/sync/DOOR.md). Closing this dialog leaves the door open (the door banner says
 * so); "Close the door" closes it.
 */
import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DoorState } from '../../../../shared/ipc/contract';
import { Dialog } from '../../app/Dialog';
import { describeError } from '../../app/describeError';
import { hearth } from '../../lib/hearthApi';
import type { CircleSession } from '../../live-documents/circleSession';
import { KnockCard } from './KnockCard';
import { countdownText, useRemaining } from './useDoor';
import { FieldError } from '../../app/FieldError';
import { DialogActions } from '../../app/DialogActions';

const MINUTE_CHOICES = [5, 10, 20] as const;

/** Props of {@link LetPeopleInDialog}. */
export interface LetPeopleInDialogProps {
  open: boolean;
  session: CircleSession;
  circleName: string;
  /** This laptop's open door (any circle's), from useDoorState. */
  door: DoorState | null;
  onClose: () => void;
}

/** Opens and runs the circle's door. */
export function LetPeopleInDialog(props: LetPeopleInDialogProps) {
  const { t } = useTranslation();
  const mine = props.door?.circleId === props.session.circleId ? props.door : null;
  return (
    <Dialog
      open={props.open}
      title={t('door.title', { name: props.circleName })}
      description={t('door.description')}
      onClose={props.onClose}
      size="wide"
    >
      {props.open &&
        (mine === null ? (
          <OpenDoorForm {...props} />
        ) : (
          <OpenDoorView door={mine} onClose={props.onClose} />
        ))}
    </Dialog>
  );
}

function OpenDoorForm({ session, circleName, onClose }: LetPeopleInDialogProps) {
  const { t } = useTranslation();
  const minutesId = useId();
  const [minutes, setMinutes] = useState<number>(10);
  const [showName, setShowName] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    hearth.door
      .open({ circleId: session.circleId, circleName, showCircleName: showName, minutes })
      .then(
        () => setBusy(false),
        (error: unknown) => {
          setProblem(describeError(t, error));
          setBusy(false);
        },
      );
  };
  return (
    <form onSubmit={submit}>
      <div className="field">
        <label className="field__label" htmlFor={minutesId}>
          {t('door.minutesLabel')}
        </label>
        <select
          id={minutesId}
          className="input door-form__minutes"
          value={minutes}
          onChange={(event) => setMinutes(Number(event.target.value))}
        >
          {MINUTE_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {t('door.minutes', { count: choice })}
            </option>
          ))}
        </select>
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={showName}
          onChange={(event) => setShowName(event.target.checked)}
        />
        <span>
          {t('door.showName')}
          <span className="field__hint">{t('door.showNameHint')}</span>
        </span>
      </label>
      <FieldError message={problem} />
      <DialogActions
        cancel={{ label: t('common.cancel'), onClick: onClose }}
        primary={{ label: busy ? t('door.opening') : t('door.openDoor'), disabled: busy }}
      />
    </form>
  );
}

function OpenDoorView({ door, onClose }: { door: DoorState; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const remaining = useRemaining(door.closesAt);
  const names = new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(
    door.letIn.map((member) => member.memberName),
  );
  return (
    <div className="door">
      <div className="door__sign">
        <p className="door__state" role="status">
          {t('door.isOpen')}
        </p>
        <p className="door__nickname-label">{t('door.nickname')}</p>
        <p className="door__nickname" data-testid="door-nickname">
          {door.nickname}
        </p>
        <p className="field__hint">
          {door.labelKind === 'circle-name'
            ? t('door.circleNameShown', { name: door.label })
            : t('door.nicknameHint', { nickname: door.nickname })}
        </p>
        <FieldError message={door.announced ? null : t('door.notAnnounced')} announce={false} />
        <p className="door__countdown" data-testid="door-countdown">
          {t('door.closesIn', { time: countdownText(remaining) })}
        </p>
      </div>
      <section className="door__knocks" aria-label={t('door.knocksLabel')}>
        {door.knocks.length === 0 ? (
          <p className="door__empty">{t('door.noKnocks')}</p>
        ) : (
          <ul className="knock-list">
            {door.knocks.map((knock) => (
              <KnockCard key={knock.knockId} knock={knock} />
            ))}
          </ul>
        )}
        {door.letIn.length > 0 && <p className="door__let-in">{t('door.letInList', { names })}</p>}
      </section>
      <DialogActions primary={{ label: t('common.done'), onClick: onClose }}>
        <button
          className="button"
          type="button"
          onClick={() => {
            void hearth.door.close().catch(() => undefined);
          }}
        >
          {t('door.close')}
        </button>
      </DialogActions>
    </div>
  );
}
