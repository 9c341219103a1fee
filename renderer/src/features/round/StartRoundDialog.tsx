/**
 * "Start a round", for facilitators: the round's name (a check-in or closing round, or
 * anything), the speaking order — the people here now first, then the others — which
 * the facilitator reorders with "earlier"/"later" buttons and trims with "leave out",
 * and the minutes each person has. Every control works from the keyboard, and a moved
 * person's button keeps the focus so they can be moved again at once.
 */
import { useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberId } from '../../../../shared/notebook/ids';
import type { MemberRecord } from '../../../../shared/notebook/schema';
import { Dialog } from '../../app/Dialog';
import { memberColourVar } from '../circles/memberColours';
import { firstOrder, moveInOrder } from './roundOrder';
import { FieldError } from '../../app/FieldError';
import { DialogActions } from '../../app/DialogActions';

/** What the dialog starts. */
export interface RoundPlan {
  title: string;
  order: MemberId[];
  secondsEach: number;
}

/** Props of {@link StartRoundDialog}. */
export interface StartRoundDialogProps {
  open: boolean;
  members: ReadonlyMap<MemberId, MemberRecord>;
  /** Members whose laptops are connected now. */
  hereNow: ReadonlySet<string>;
  me: MemberId;
  onClose: () => void;
  onStart: (plan: RoundPlan) => void;
}

const TITLE_MAX = 120;

/** The buttons of one person in the order (and in the left-out list). */
type Control = 'earlier' | 'later' | 'leave' | 'add';

/** Asks a facilitator for a new round's name, order and time. */
export function StartRoundDialog({ open, onClose, ...rest }: StartRoundDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      title={t('round.dialogTitle')}
      description={t('round.dialogDescription')}
      onClose={onClose}
    >
      {open && <RoundForm onClose={onClose} {...rest} />}
    </Dialog>
  );
}

function RoundForm({
  members,
  hereNow,
  me,
  onClose,
  onStart,
}: Omit<StartRoundDialogProps, 'open'>) {
  const { t } = useTranslation();
  const titleId = useId();
  const minutesId = useId();
  const [title, setTitle] = useState(() => t('round.titles.checkIn'));
  const [order, setOrder] = useState(() => firstOrder(members, hereNow, me));
  const [minutes, setMinutes] = useState('3');
  const [problem, setProblem] = useState<string | null>(null);
  // The button that should hold the focus after a change to the order, so a keyboard
  // user is never dropped at the top of the page.
  const [focus, setFocus] = useState<{ memberId: MemberId; control: Control } | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());

  useEffect(() => {
    if (focus === null) return;
    const button = (control: Control) => buttons.current.get(`${focus.memberId}:${control}`);
    const wanted = button(focus.control);
    // At the top or the bottom a moved person's button is disabled: use its twin.
    const twin = button(focus.control === 'earlier' ? 'later' : 'earlier');
    (wanted !== undefined && !wanted.disabled ? wanted : twin)?.focus();
  }, [focus, order]);

  const nameOf = (memberId: MemberId): string => members.get(memberId)?.name ?? t('round.someone');
  const leftOut = [...members.keys()].filter((memberId) => !order.includes(memberId));

  const move = (index: number, by: -1 | 1): void => {
    setOrder(moveInOrder(order, index, by));
    setFocus({ memberId: order[index]!, control: by < 0 ? 'earlier' : 'later' });
  };

  const leaveOut = (index: number): void => {
    const memberId = order[index]!;
    const neighbour = order[index + 1] ?? order[index - 1];
    setOrder(order.filter((id) => id !== memberId));
    setFocus(
      neighbour === undefined
        ? { memberId, control: 'add' }
        : { memberId: neighbour, control: 'leave' },
    );
  };

  const addBack = (memberId: MemberId): void => {
    setOrder([...order, memberId]);
    setFocus({ memberId, control: 'leave' });
  };

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    const trimmed = title.trim();
    const minutesEach = Number(minutes);
    let refusal: string | null = null;
    if (trimmed === '') refusal = t('round.titleMissing');
    else if (order.length === 0) refusal = t('round.orderEmpty');
    else if (!Number.isInteger(minutesEach) || minutesEach < 1 || minutesEach > 60) {
      refusal = t('round.minutesInvalid');
    }
    setProblem(refusal);
    if (refusal === null) onStart({ title: trimmed, order, secondsEach: minutesEach * 60 });
  };

  const keep = (memberId: MemberId, control: Control) => (button: HTMLButtonElement | null) => {
    const key = `${memberId}:${control}`;
    if (button === null) buttons.current.delete(key);
    else buttons.current.set(key, button);
  };

  return (
    <form onSubmit={submit} noValidate className="round-form">
      <div className="field">
        <label className="field__label" htmlFor={titleId}>
          {t('round.name')}
        </label>
        <input
          id={titleId}
          className="input"
          value={title}
          maxLength={TITLE_MAX}
          onChange={(event) => setTitle(event.target.value)}
          autoComplete="off"
        />
        <div className="round-form__suggestions" role="group" aria-label={t('round.suggestions')}>
          {(['checkIn', 'closing'] as const).map((key) => (
            <button
              key={key}
              className="button button--small"
              type="button"
              aria-pressed={title === t(`round.titles.${key}`)}
              onClick={() => setTitle(t(`round.titles.${key}`))}
            >
              {t(`round.titles.${key}`)}
            </button>
          ))}
        </div>
      </div>
      <fieldset>
        <legend>{t('round.orderLegend')}</legend>
        <p className="field__hint">{t('round.orderHint')}</p>
        <ol className="round-form__order">
          {order.map((memberId, index) => {
            const name = nameOf(memberId);
            const here = memberId === me || hereNow.has(memberId);
            const colour = members.get(memberId)?.colour;
            return (
              <li key={memberId} className="round-form__person">
                <span className="round-form__place" aria-hidden="true">
                  {index + 1}
                </span>
                <span
                  className="member-dot"
                  style={{ background: colour === undefined ? undefined : memberColourVar(colour) }}
                />
                <span className="round-form__name">
                  {name}
                  <span className="round-form__here">
                    {' '}
                    (
                    {memberId === me
                      ? t('round.you')
                      : here
                        ? t('round.hereNow')
                        : t('round.notHere')}
                    )
                  </span>
                </span>
                <button
                  ref={keep(memberId, 'earlier')}
                  className="button button--small button--quiet"
                  type="button"
                  disabled={index === 0}
                  aria-label={t('round.moveEarlier', { name })}
                  onClick={() => move(index, -1)}
                >
                  <span aria-hidden="true">↑</span>
                </button>
                <button
                  ref={keep(memberId, 'later')}
                  className="button button--small button--quiet"
                  type="button"
                  disabled={index === order.length - 1}
                  aria-label={t('round.moveLater', { name })}
                  onClick={() => move(index, 1)}
                >
                  <span aria-hidden="true">↓</span>
                </button>
                <button
                  ref={keep(memberId, 'leave')}
                  className="button button--small button--quiet"
                  type="button"
                  aria-label={t('round.leaveOut', { name })}
                  onClick={() => leaveOut(index)}
                >
                  <span aria-hidden="true">✕</span>
                </button>
              </li>
            );
          })}
        </ol>
        {leftOut.length > 0 && (
          <div className="round-form__left-out">
            <p className="field__hint">{t('round.leftOut')}</p>
            <ul className="round-form__left-out-list">
              {leftOut.map((memberId) => (
                <li key={memberId}>
                  <button
                    ref={keep(memberId, 'add')}
                    className="button button--small"
                    type="button"
                    onClick={() => addBack(memberId)}
                  >
                    {t('round.addBack', { name: nameOf(memberId) })}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
      </fieldset>
      <div className="field round-form__minutes">
        <label className="field__label" htmlFor={minutesId}>
          {t('round.minutesEach')}
        </label>
        <input
          id={minutesId}
          className="input"
          type="number"
          inputMode="numeric"
          min={1}
          max={60}
          step={1}
          value={minutes}
          onChange={(event) => setMinutes(event.target.value)}
          aria-describedby={`${minutesId}-hint`}
        />
        <p id={`${minutesId}-hint`} className="field__hint">
          {t('round.minutesHint')}
        </p>
      </div>
      <FieldError message={problem} />
      <DialogActions
        cancel={{ label: t('common.cancel'), onClick: onClose }}
        primary={{ label: t('round.begin') }}
      />
    </form>
  );
}
