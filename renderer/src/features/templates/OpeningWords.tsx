/**
 * A meeting's opening words (from the template it was made from), shown at the top of
 * the meeting for whoever reads them aloud, with the suggested length of each turn.
 */
import { useTranslation } from 'react-i18next';
import type { MeetingRecord } from '../../../../shared/notebook/schema';

/** Props of {@link OpeningWords}. */
export interface OpeningWordsProps {
  meeting: Pick<MeetingRecord, 'opening' | 'minutesPerTurn'>;
}

/** The opening words and turn length, or nothing for a meeting that has neither. */
export function OpeningWords({ meeting }: OpeningWordsProps) {
  const { t } = useTranslation();
  const opening = meeting.opening ?? null;
  const minutes = meeting.minutesPerTurn ?? null;
  if (opening === null && minutes === null) return null;
  return (
    <section className="opening-words" aria-labelledby="opening-words-title">
      <h2 id="opening-words-title" className="opening-words__title">
        {t('templates.openingTitle')}
      </h2>
      {opening !== null && <p className="opening-words__text">{opening}</p>}
      {minutes !== null && (
        <p className="opening-words__turns">{t('templates.turnLength', { count: minutes })}</p>
      )}
    </section>
  );
}
