/**
 * One crisis line: who answers, when, and ways to reach them. Numbers are `tel:` and
 * `sms:` links, never dialled by Hearth: the phone app (or the operating system) asks
 * first. They open outside the window (target _blank): in the desktop app that goes
 * through main's checked openExternal (electron/main/security.ts), which passes only a
 * plain number on.
 */
import { useTranslation } from 'react-i18next';
import { smsHref, telHref, type CrisisLine } from '../../../../shared/crisis/crisisDirectory';

/** Shows a bundled line with its source and the date it was checked. */
export function CrisisLineCard({ line }: { line: CrisisLine }) {
  const { t, i18n } = useTranslation();
  const checked = formatDay(line.checkedOn, i18n.language);
  return (
    <li className="crisis-line">
      <h4 className="crisis-line__name">{line.name}</h4>
      <p className="crisis-line__hours">{line.hours}</p>
      <p className="crisis-line__notes">{line.notes}</p>
      <div className="crisis-line__actions">
        {line.phones.map((number) => (
          <a
            key={`call-${number}`}
            className="button button--primary crisis-line__call"
            href={telHref(number)}
            target="_blank"
            rel="noreferrer"
          >
            {t('crisis.call', { number })}
          </a>
        ))}
        {line.texts.map((number) => (
          <a
            key={`text-${number}`}
            className="button"
            href={smsHref(number)}
            target="_blank"
            rel="noreferrer"
          >
            {t('crisis.text', { number })}
          </a>
        ))}
        {line.chatUrl !== undefined && (
          <a className="button" href={line.chatUrl} target="_blank" rel="noreferrer">
            {t('crisis.chat')}
          </a>
        )}
      </div>
      <p className="crisis-line__source">
        {t('crisis.checkedOn', { date: checked })}{' '}
        <a href={line.sourceUrl} target="_blank" rel="noreferrer">
          {t('crisis.source')}
          <span className="visually-hidden"> ({line.name})</span>
        </a>
      </p>
    </li>
  );
}

/** A YYYY-MM-DD date in words, e.g. "25 Nov 2026". */
export function formatDay(date: string, language: string): string {
  const [year, month, day] = date.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return date;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(
    new Date(year, month - 1, day),
  );
}
