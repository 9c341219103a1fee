/**
 * The circle's safety code: a few words derived from the circle key, the same on every
 * laptop that holds it. Read aloud, it lets the room confirm everyone joined the same
 * circle — and not a look-alike made by someone else.
 */
import { useTranslation } from 'react-i18next';
import { safetyCodeText } from '../../../../shared/sync/circleSecrets';

/** Shows the safety code's words, large and in order. */
export function SafetyCode({ words }: { words: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <div className="safety-code">
      <p className="safety-code__label">{t('invite.safetyCode')}</p>
      <p className="safety-code__words" data-testid="safety-code">
        {safetyCodeText(words)}
      </p>
      <p className="safety-code__hint">{t('invite.safetyCodeHint')}</p>
    </div>
  );
}
