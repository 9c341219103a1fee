/**
 * The first screen on a laptop with no circle yet: start a circle, or join one, side by
 * side (most people in a room are joining, so joining is never a scroll away). When a
 * circle in the room has opened its door, joining it is the main action ("Join a circle
 * nearby"); on a narrow window joining comes first, above the form.
 */
import { useTranslation } from 'react-i18next';
import type { NewCircle } from '../../../../shared/ipc/contract';
import { useNearbyDoors } from '../door/useDoor';
import { CircleForm } from './CircleForm';

/** Props of {@link WelcomeScreen}. */
export interface WelcomeScreenProps {
  onCreate: (circle: NewCircle) => Promise<void>;
  /** Opens "Join a circle" with an invite. */
  onJoin: () => void;
  /** Opens "Join a circle nearby". */
  onJoinNearby?: () => void;
  /** Opens "Restore a circle" from a backup. */
  onRestore?: () => void;
}

/** Greets a new member and helps them make or join their first circle. */
export function WelcomeScreen({ onCreate, onJoin, onJoinNearby, onRestore }: WelcomeScreenProps) {
  const { t } = useTranslation();
  const doors = useNearbyDoors(onJoinNearby !== undefined);
  const doorsOpen = doors?.length ?? 0;

  const joining = (
    <section
      className={`welcome__join-card${doorsOpen > 0 ? ' welcome__join-card--first' : ''}`}
      aria-labelledby="welcome-join-title"
    >
      <h2 id="welcome-join-title" className="welcome__form-title">
        {t('nearby.welcomeTitle')}
      </h2>
      <p role="status">
        {doorsOpen > 0
          ? t('nearby.welcomeDoorOpen', { count: doorsOpen })
          : t('nearby.welcomeNoDoor')}
      </p>
      <div className="welcome__join-actions">
        {onJoinNearby !== undefined && (
          <button
            className={`button${doorsOpen > 0 ? ' button--primary' : ''}`}
            type="button"
            onClick={onJoinNearby}
          >
            {t('nearby.open')}
          </button>
        )}
        <button className="button" type="button" onClick={onJoin}>
          {t('join.open')}
        </button>
      </div>
    </section>
  );

  return (
    <main className="welcome">
      <div className="welcome__card">
        <p className="welcome__mark" aria-hidden="true">
          ◠
        </p>
        <h1 className="welcome__title">{t('welcome.title')}</h1>
        <p className="welcome__lead">{t('welcome.lead')}</p>
        <p className="welcome__privacy">{t('welcome.privacy')}</p>
        <div className="welcome__choices">
          <section className="welcome__start" aria-labelledby="welcome-start-title">
            <h2 id="welcome-start-title" className="welcome__form-title">
              {t('welcome.startCircle')}
            </h2>
            <CircleForm onCreate={onCreate} submitLabel={t('circleForm.create')} />
          </section>
          {joining}
        </div>
        {onRestore !== undefined && (
          <div className="welcome__join welcome__restore">
            <p>{t('backup.welcomeRestore')}</p>
            <button className="button" type="button" onClick={onRestore}>
              {t('backup.restoreOpen')}
            </button>
          </div>
        )}
      </div>
    </main>
  );
}
