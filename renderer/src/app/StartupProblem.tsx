/** Shown when Hearth cannot reach this laptop's store at all. */
import { useTranslation } from 'react-i18next';
import { describeError } from './describeError';

/** A calm full-page message for a failure before anything could open. */
export function StartupProblem({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <main className="startup-problem">
      <h1>{t('startup.title')}</h1>
      <p>{t('startup.body')}</p>
      <p className="startup-problem__detail">{describeError(t, error)}</p>
      <button className="button button--primary" type="button" onClick={() => location.reload()}>
        {t('startup.retry')}
      </button>
    </main>
  );
}
