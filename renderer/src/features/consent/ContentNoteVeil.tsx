/**
 * The veil over an entry with a content note: the note, and a choice. The entry's words
 * are not on the screen (not even hidden) until the reader opens it, on this laptop.
 */
import { useTranslation } from 'react-i18next';

/** Shows a content note in place of an entry until the reader chooses to open it. */
export function ContentNoteVeil({ note, onOpen }: { note: string; onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="content-veil">
      <p className="content-veil__note">
        <span className="content-veil__label">{t('consent.contentNote')}</span> {note}
      </p>
      <p className="content-veil__hint">{t('consent.veilHint')}</p>
      <button className="button button--small" type="button" onClick={onOpen}>
        {t('consent.openEntry')}
      </button>
    </div>
  );
}
