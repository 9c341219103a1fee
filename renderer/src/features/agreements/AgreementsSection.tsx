/**
 * The circle's agreements in its About dialog: read-only for members; facilitators can
 * edit them. Saving appends an agreements record to the governance log (version + 1),
 * which everyone's laptop checks was written by a facilitator; the one who saved is
 * taken to affirm what they wrote, and everyone else is asked to affirm again.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import agreementsTemplate from '../../../../resources/agreements/template.json';
import { agreementsFromTemplate } from '../../../../shared/notebook/agreementsTemplate';
import { isTemplateAgreements } from './agreementsOrigin';
import type { IndexSnapshot } from '../../../../shared/notebook/circleIndex';
import type { CircleSession } from '../../live-documents/circleSession';
import { formatCalendarDate, todayAsCalendarDate } from '../notebook/meetingDate';
import { AgreementList } from './AgreementList';
import { AgreementsEditor } from './AgreementsEditor';

/** Props of {@link AgreementsSection}. */
export interface AgreementsSectionProps {
  session: CircleSession;
  snapshot: IndexSnapshot;
}

/** Shows the agreements in force, who has affirmed them, and "Edit" to facilitators. */
export function AgreementsSection({ session, snapshot }: AgreementsSectionProps) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  const me = session.profile.memberId;
  const { agreements, facilitators } = snapshot.governance;
  const facilitates = facilitators.has(me);
  const members = [...snapshot.members.values()];

  const save = (text: string): string | null => {
    session.index.govern({ kind: 'agreements', text, at: Date.now() });
    const written = session.index.read().governance.agreements;
    // Every laptop replays the log; this one refuses the record too if the role was lost.
    if (written?.text !== text || written.by !== me) return t('agreements.notAllowed');
    session.index.affirmAgreements(me, written.version);
    setEditing(false);
    return null;
  };

  if (editing && facilitates) {
    return (
      <section className="about-section" aria-labelledby="agreements-section-title">
        <h3 id="agreements-section-title" className="about-section__title">
          {t('agreements.sectionTitle')}
        </h3>
        <AgreementsEditor
          initialText={agreements?.text ?? agreementsFromTemplate(agreementsTemplate)}
          currentText={agreements?.text ?? null}
          onSave={save}
          onCancel={() => setEditing(false)}
        />
      </section>
    );
  }

  const facilitatorNames = members
    .filter((member) => facilitators.has(member.id))
    .map((member) => member.name);
  const affirmedCount =
    agreements === null
      ? 0
      : members.filter((member) => member.agreedVersion === agreements.version).length;
  const date = (at: number): string =>
    formatCalendarDate(todayAsCalendarDate(new Date(at)), i18n.language, 'medium');

  return (
    <section className="about-section" aria-labelledby="agreements-section-title">
      <h3 id="agreements-section-title" className="about-section__title">
        {t('agreements.sectionTitle')}
      </h3>
      {agreements === null ? (
        <p className="about-section__text">{t('agreements.none')}</p>
      ) : (
        <>
          <AgreementList
            text={agreements.text}
            label={t('agreements.listLabel', { version: agreements.version })}
          />
          <p className="about-section__meta">
            {isTemplateAgreements(agreements)
              ? t('agreements.versionLineTemplate', {
                  version: agreements.version,
                  date: date(agreements.at),
                })
              : t('agreements.versionLine', {
                  version: agreements.version,
                  name: snapshot.members.get(agreements.by)?.name ?? t('agreements.aFacilitator'),
                  date: date(agreements.at),
                })}{' '}
            {t('agreements.affirmedCount', { affirmed: affirmedCount, count: members.length })}
          </p>
        </>
      )}
      {facilitates ? (
        <button className="button" type="button" onClick={() => setEditing(true)}>
          {agreements === null ? t('agreements.write') : t('agreements.edit')}
        </button>
      ) : (
        <p className="about-section__text">
          {t('agreements.onlyFacilitators', {
            names: new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(
              facilitatorNames,
            ),
          })}
        </p>
      )}
    </section>
  );
}
