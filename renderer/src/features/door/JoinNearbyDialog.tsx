/**
 * "Join a circle nearby": the doors open in the room, a name and colour, and a knock.
 * Both screens then show four words; when the facilitator lets this laptop in, main has
 * already joined the circle with the invite the door sealed (shared/sync/DOOR.md), and
 * this dialog shows the circle's safety code before opening it.
 */
import { useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CircleSummary, KnockProgress, NearbyDoor } from '../../../../shared/ipc/contract';
import { LIMITS, type MemberColour } from '../../../../shared/notebook/schema';
import { Dialog } from '../../app/Dialog';
import { describeError } from '../../app/describeError';
import { hearth } from '../../lib/hearthApi';
import { ColourPicker } from '../circles/ColourPicker';
import { useColourChoice } from '../circles/useColourChoice';
import { SafetyCode } from '../invite/SafetyCode';
import { useNearbyDoors } from './useDoor';
import { FieldError } from '../../app/FieldError';
import { DialogActions } from '../../app/DialogActions';

/** Props of {@link JoinNearbyDialog}. */
export interface JoinNearbyDialogProps {
  open: boolean;
  onClose: () => void;
  /** The circle this laptop joined through a door. */
  onJoined: (circle: CircleSummary) => void;
  /** Switches to joining with an invite instead. */
  onUseInvite: () => void;
}

/** Lists nearby doors and knocks on one. */
export function JoinNearbyDialog(props: JoinNearbyDialogProps) {
  const { t } = useTranslation();
  // Once joined, closing the dialog any way still brings the new circle into the app.
  const joined = useRef<CircleSummary | null>(null);
  const close = (): void => {
    const circle = joined.current;
    joined.current = null;
    if (circle === null) props.onClose();
    else props.onJoined(circle);
  };
  return (
    <Dialog
      open={props.open}
      title={t('nearby.title')}
      description={t('nearby.description')}
      onClose={close}
    >
      {props.open && (
        <Knocking
          {...props}
          onClose={close}
          onArrived={(circle) => {
            joined.current = circle;
          }}
          onJoined={(circle) => {
            joined.current = null;
            props.onJoined(circle);
          }}
        />
      )}
    </Dialog>
  );
}

/** How a door is named in the list and while knocking. */
export function doorName(t: ReturnType<typeof useTranslation>['t'], door: NearbyDoor): string {
  return door.labelKind === 'nickname'
    ? t('nearby.nicknameDoor', { nickname: door.label })
    : t('nearby.circleDoor', { name: door.label });
}

function Knocking({
  onClose,
  onJoined,
  onUseInvite,
  onArrived,
}: Omit<JoinNearbyDialogProps, 'open'> & { onArrived: (circle: CircleSummary) => void }) {
  const { t } = useTranslation();
  const doors = useNearbyDoors(true);
  const [knockId, setKnockId] = useState<string | null>(null);
  const [progress, setProgress] = useState<KnockProgress | null>(null);
  const [knockedOn, setKnockedOn] = useState<NearbyDoor | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // Events can arrive before `knock()` has answered with the id: keep the latest per knock.
  const latest = useRef(new Map<string, KnockProgress>());
  const current = useRef<string | null>(null);
  // The latest callback, read by the event listener subscribed once.
  const arrived = useRef(onArrived);
  useEffect(() => {
    arrived.current = onArrived;
  }, [onArrived]);

  useEffect(
    () =>
      hearth.events.onKnock((next) => {
        latest.current.set(next.knockId, next);
        if (next.knockId !== current.current) return;
        setProgress(next);
        if (next.stage === 'joined') arrived.current(next.circle);
      }),
    [],
  );
  // Leaving the dialog while knocking stops the knock.
  useEffect(
    () => () => {
      const id = current.current;
      const last = id === null ? undefined : latest.current.get(id);
      if (id !== null && last?.stage !== 'joined' && last?.stage !== 'ended') {
        void hearth.door.leave(id).catch(() => undefined);
      }
    },
    [],
  );

  const knock = (
    door: NearbyDoor,
    memberName: string,
    colour: MemberColour,
    colourChosen: boolean,
  ): void => {
    setProblem(null);
    setKnockedOn(door);
    setProgress({ knockId: '', stage: 'knocking' });
    hearth.door.knock({ doorId: door.doorId, memberName, colour, colourChosen }).then(
      (id) => {
        current.current = id;
        setKnockId(id);
        const already = latest.current.get(id);
        setProgress(already ?? { knockId: id, stage: 'knocking' });
        if (already?.stage === 'joined') onArrived(already.circle);
      },
      (error: unknown) => {
        setProgress(null);
        setProblem(describeError(t, error));
      },
    );
  };
  const again = (): void => {
    current.current = null;
    setKnockId(null);
    setProgress(null);
  };

  if (progress === null) {
    return (
      <DoorChoice
        doors={doors}
        problem={problem}
        onKnock={knock}
        onClose={onClose}
        onUseInvite={onUseInvite}
      />
    );
  }
  const doorLabel = knockedOn === null ? '' : doorName(t, knockedOn);
  switch (progress.stage) {
    case 'knocking':
      return (
        <div className="knocking">
          <p role="status">{t('nearby.knockingOn', { door: doorLabel })}</p>
          <StopButton knockId={knockId} onStopped={again} />
        </div>
      );
    case 'words':
      return (
        <div className="knocking">
          <h3 className="knocking__title">{t('nearby.wordsTitle')}</h3>
          <p className="knocking__words" data-testid="knock-words">
            {progress.words.join(' · ')}
          </p>
          <p className="field__hint">{t('nearby.wordsHint')}</p>
          <p role="status">{t('nearby.waiting')}</p>
          <StopButton knockId={knockId} onStopped={again} />
        </div>
      );
    case 'joined':
      return (
        <div className="knocking">
          <h3 className="knocking__title">{t('nearby.joined', { name: progress.circle.name })}</h3>
          <SafetyCode words={progress.safetyCode} />
          <p className="field__hint">{t('nearby.joinedHint')}</p>
          <DialogActions
            primary={{ label: t('nearby.openCircle'), onClick: () => onJoined(progress.circle) }}
          />
        </div>
      );
    case 'ended':
      return (
        <div className="knocking">
          <p role="alert">{t(`nearby.ended.${progress.reason}`)}</p>
          <DialogActions
            cancel={{ label: t('common.close'), onClick: onClose }}
            primary={{ label: t('nearby.knockAgain'), onClick: again }}
          />
        </div>
      );
  }
}

function StopButton({ knockId, onStopped }: { knockId: string | null; onStopped: () => void }) {
  const { t } = useTranslation();
  return (
    <DialogActions>
      <button
        className="button"
        type="button"
        onClick={() => {
          if (knockId !== null) void hearth.door.leave(knockId).catch(() => undefined);
          onStopped();
        }}
      >
        {t('nearby.stop')}
      </button>
    </DialogActions>
  );
}

function DoorChoice({
  doors,
  problem,
  onKnock,
  onClose,
  onUseInvite,
}: {
  doors: NearbyDoor[] | null;
  problem: string | null;
  onKnock: (
    door: NearbyDoor,
    memberName: string,
    colour: MemberColour,
    colourChosen: boolean,
  ) => void;
  onClose: () => void;
  onUseInvite: () => void;
}) {
  const { t } = useTranslation();
  const nameId = useId();
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [memberName, setMemberName] = useState('');
  const { colour, colourChosen, choose: setColour } = useColourChoice();
  const [missing, setMissing] = useState<string | null>(null);
  const list = doors ?? [];
  // One door open: it is the one. Several: the member chooses.
  const chosen =
    list.find((door) => door.doorId === chosenId) ?? (list.length === 1 ? list[0]! : null);

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    if (chosen === null) {
      setMissing(t('nearby.chooseDoor'));
      return;
    }
    if (memberName.trim() === '') {
      setMissing(t('join.nameMissing'));
      return;
    }
    setMissing(null);
    onKnock(chosen, memberName.trim(), colour, colourChosen);
  };

  return (
    <form onSubmit={submit} noValidate>
      <fieldset className="door-choice">
        <legend>{t('nearby.doorsLabel')}</legend>
        {doors === null ? (
          <p role="status">{t('nearby.looking')}</p>
        ) : list.length === 0 ? (
          <p role="status">{t('nearby.none')}</p>
        ) : (
          list.map((door) => (
            <label key={door.doorId} className="door-choice__door">
              <input
                type="radio"
                name="nearby-door"
                value={door.doorId}
                checked={chosen?.doorId === door.doorId}
                onChange={() => setChosenId(door.doorId)}
              />
              <span>{doorName(t, door)}</span>
            </label>
          ))
        )}
      </fieldset>
      <div className="field">
        <label className="field__label" htmlFor={nameId}>
          {t('circleForm.yourName')}
        </label>
        <input
          id={nameId}
          className="input"
          value={memberName}
          maxLength={LIMITS.memberName}
          onChange={(event) => setMemberName(event.target.value)}
          autoComplete="nickname"
        />
        <span className="field__hint">{t('circleForm.yourNameHint')}</span>
      </div>
      <ColourPicker value={colour} onChange={setColour} />
      <FieldError message={missing ?? problem} />
      <DialogActions
        cancel={{ label: t('common.cancel'), onClick: onClose }}
        primary={{ label: t('nearby.knock'), disabled: list.length === 0 }}
      >
        <button className="button button--quiet" type="button" onClick={onUseInvite}>
          {t('nearby.useInvite')}
        </button>
      </DialogActions>
    </form>
  );
}
