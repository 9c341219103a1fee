/** The language choice in Settings: the system's, or one of Hearth's languages by name. */
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type LanguagePreference, type Settings } from '../../../../shared/ipc/contract';

const CHOICES: LanguagePreference[] = ['system', ...LANGUAGES];

/** Radio buttons for the language; each language is named in itself. */
export function LanguageField({
  settings,
  onUpdate,
}: {
  settings: Settings;
  onUpdate: (patch: Partial<Settings>) => Promise<void>;
}) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{t('settings.language')}</legend>
      <div className="choice-row">
        {CHOICES.map((language) => (
          <label
            key={language}
            className="choice"
            lang={language === 'system' ? undefined : language}
          >
            <input
              type="radio"
              name="language"
              checked={settings.language === language}
              onChange={() => void onUpdate({ language })}
            />
            <span>{t(`settings.languages.${language}`)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
