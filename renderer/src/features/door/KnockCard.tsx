/** One knock at the facilitator's door: who, their four words, and the two answers. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WaitingKnock } from '../../../../shared/ipc/contract';
import { hearth } from '../../lib/hearthApi';
import { memberColourVar } from '../circles/memberColours';
import { countdownText, useRemaining } from './useDoor';
import { FieldError } from '../../app/FieldError';

/** A knock waiting for "Let them in" or "Not now". */
export function KnockCard({ knock }: { knock: WaitingKnock }) {
  const { t } = useTranslation();
  const remaining = useRemaining(knock.expiresAt);
  const [problem, setProblem] = useState(false);
  const [busy, setBusy] = useState(false);
  const answer = (choice: 'let-in' | 'not-now'): void => {
    setBusy(true);
    hearth.door.answer(knock.knockId, choice).then(
      () => undefined,
      () => {
        setProblem(true);
        setBusy(false);
      },
    );
  };
  const heading = t('door.knocking', { name: knock.memberName });
  return (
    <li className="knock-card" aria-label={heading}>
      <p className="knock-card__who">
        <span className="member-dot" style={{ background: memberColourVar(knock.colour) }} />
        {heading}
      </p>
      <p className="knock-card__words" data-testid="knock-words">
        {knock.words.join(' · ')}
      </p>
      <p className="field__hint">{t('door.compareHint', { name: knock.memberName })}</p>
      <div className="knock-card__actions">
        <button
          className="button button--primary"
          type="button"
          disabled={busy}
          onClick={() => answer('let-in')}
        >
          {t('door.letIn')}
        </button>
        <button className="button" type="button" disabled={busy} onClick={() => answer('not-now')}>
          {t('door.notNow')}
        </button>
        <span className="knock-card__expiry">
          {t('door.expiresIn', { time: countdownText(remaining) })}
        </span>
      </div>
      <FieldError message={problem ? t('door.answerFailed') : null} />
    </li>
  );
}
