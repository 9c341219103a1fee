/**
 * The gentle timer of a turn: the time spoken so far as mm:ss inside a soft ring that
 * fills toward the turn's time. When the time is up the ring and the figures quietly
 * change colour — no sound, no flashing, nothing that moves on its own. It is a `timer`
 * role, which screen readers do not announce as it changes (no ticking).
 */
import { useTranslation } from 'react-i18next';
import { formatClock, type TimerReading } from './turnClock';

/** Props of {@link RoundTimer}. */
export interface RoundTimerProps {
  /** The reading now; null for the moment before the first one. */
  reading: TimerReading | null;
  secondsEach: number;
  /** The turn's start on this laptop's clock (ms), for measuring agreement across laptops. */
  startedAt: number | null;
}

const RADIUS = 21;

/** Shows how long the current speaker has spoken, against their time. */
export function RoundTimer({ reading, secondsEach, startedAt }: RoundTimerProps) {
  const { t } = useTranslation();
  const fraction = reading?.fraction ?? 0;
  const timeUp = reading?.timeUp ?? false;
  return (
    <div
      className={`round-timer${timeUp ? ' round-timer--up' : ''}`}
      role="timer"
      aria-label={t('round.timer')}
      data-turn-started={startedAt === null ? undefined : Math.round(startedAt)}
    >
      <svg className="round-timer__ring" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
        <circle className="round-timer__track" cx="24" cy="24" r={RADIUS} />
        <circle
          className="round-timer__progress"
          cx="24"
          cy="24"
          r={RADIUS}
          pathLength={100}
          strokeDasharray="100"
          strokeDashoffset={100 - fraction * 100}
          transform="rotate(-90 24 24)"
        />
      </svg>
      <span className="round-timer__figures">
        <span className="round-timer__elapsed">{formatClock(reading?.elapsedSeconds ?? 0)}</span>
        <span className="round-timer__of">
          {t('round.timerOf', { time: formatClock(secondsEach) })}
        </span>
      </span>
    </div>
  );
}
