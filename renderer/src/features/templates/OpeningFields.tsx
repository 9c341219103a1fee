/**
 * The new-meeting dialog's opening words and suggested turn length, filled from a
 * meeting template and editable before the meeting is made.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/notebook/schema';

/** Props of {@link OpeningFields}. */
export interface OpeningFieldsProps {
  opening: string;
  minutes: string;
  onOpening: (opening: string) => void;
  onMinutes: (minutes: string) => void;
}

/** A text area for the opening words and a number field for minutes a turn. */
export function OpeningFields({ opening, minutes, onOpening, onMinutes }: OpeningFieldsProps) {
  const { t } = useTranslation();
  const openingId = useId();
  const hintId = useId();
  const minutesId = useId();
  return (
    <div className="opening-fields">
      <div className="field">
        <label className="field__label" htmlFor={openingId}>
          {t('templates.opening')}
        </label>
        <p id={hintId} className="field__hint">
          {t('templates.openingHint')}
        </p>
        <textarea
          id={openingId}
          className="input"
          rows={4}
          value={opening}
          maxLength={LIMITS.meetingOpening}
          aria-describedby={hintId}
          onChange={(event) => onOpening(event.target.value)}
        />
      </div>
      <div className="field opening-fields__minutes">
        <label className="field__label" htmlFor={minutesId}>
          {t('templates.minutes')}
        </label>
        <input
          id={minutesId}
          className="input"
          type="number"
          inputMode="numeric"
          min={1}
          max={LIMITS.minutesPerTurn}
          value={minutes}
          onChange={(event) => onMinutes(event.target.value)}
        />
      </div>
    </div>
  );
}
