/** The first screen on a laptop with no circle yet. */
import { useTranslation } from 'react-i18next';
import type { NewCircle } from '../../../../shared/ipc/contract';
import { CircleForm } from './CircleForm';

/** Greets a new member and helps them make their first circle. */
export function WelcomeScreen({
  onCreate,
  onJoin,
  onRestore,
}: {
  onCreate: (circle: NewCircle) => Promise<void>;
  onJoin: () => void;
  /** Opens "Restore a circle" from a backup. */
  onRestore?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <main className="welcome">
      <div className="welcome__card">
        <p className="welcome__mark" aria-hidden="true">
          ◠
        </p>
        <h1 className="welcome__title">{t('welcome.title')}</h1>
        <p className="welcome__lead">{t('welcome.lead')}</p>
        <p className="welcome__privacy">{t('welcome.privacy')}</p>
        <h2 className="welcome__form-title">{t('welcome.startCircle')}</h2>
        <CircleForm onCreate={onCreate} submitLabel={t('circleForm.create')} />
        <div className="welcome__join">
          <p>{t('welcome.invited')}</p>
          <button className="button" type="button" onClick={onJoin}>
            {t('join.open')}
          </button>
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
