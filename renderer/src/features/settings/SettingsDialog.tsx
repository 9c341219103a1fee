/**
 * Settings on this laptop: theme, text size, language, connection servers, how keys are
 * kept, diagnostics, and the keyboard shortcuts.
 */
import { useTranslation } from 'react-i18next';
import type { Settings, TextSize, ThemePreference } from '../../../../shared/ipc/contract';
import { Dialog } from '../../app/Dialog';
import { platformKeys } from '../../app/keyboardPlatform';
import { IceServersField } from './IceServersField';
import { LanguageField } from './LanguageField';
import { DiagnosticsSection } from './DiagnosticsSection';
import { DialogActions } from '../../app/DialogActions';

/** Props of {@link SettingsDialog}. */
export interface SettingsDialogProps {
  open: boolean;
  settings: Settings;
  onUpdate: (patch: Partial<Settings>) => Promise<void>;
  onClose: () => void;
}

const THEMES: ThemePreference[] = ['system', 'light', 'dark'];
const TEXT_SIZES: TextSize[] = ['regular', 'large', 'larger'];
const SHORTCUTS = [
  'newEntry',
  'newMeeting',
  'bold',
  'italic',
  'underline',
  'link',
  'undo',
  'redo',
  'theme',
  'settings',
] as const;

/** Lets the member change how Hearth looks on this laptop. */
export function SettingsDialog({ open, settings, onUpdate, onClose }: SettingsDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      title={t('settings.title')}
      description={t('settings.description')}
      onClose={onClose}
    >
      <fieldset>
        <legend>{t('settings.theme')}</legend>
        <div className="choice-row">
          {THEMES.map((theme) => (
            <label key={theme} className="choice">
              <input
                type="radio"
                name="theme"
                checked={settings.theme === theme}
                onChange={() => void onUpdate({ theme })}
              />
              <span>{t(`settings.themes.${theme}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('settings.textSize')}</legend>
        <div className="choice-row">
          {TEXT_SIZES.map((textSize) => (
            <label key={textSize} className="choice">
              <input
                type="radio"
                name="text-size"
                checked={settings.textSize === textSize}
                onChange={() => void onUpdate({ textSize })}
              />
              <span>{t(`settings.textSizes.${textSize}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <LanguageField settings={settings} onUpdate={onUpdate} />
      <IceServersField settings={settings} onUpdate={onUpdate} />
      <DiagnosticsSection />
      <details className="shortcuts">
        <summary>{t('settings.shortcuts')}</summary>
        <dl>
          {SHORTCUTS.map((shortcut) => (
            <div key={shortcut} className="shortcuts__row">
              <dt>{t(`shortcuts.${shortcut}.action`)}</dt>
              <dd>
                <kbd>{platformKeys(t(`shortcuts.${shortcut}.keys`))}</kbd>
              </dd>
            </div>
          ))}
        </dl>
      </details>
      <DialogActions primary={{ label: t('common.done'), onClick: onClose }} />
    </Dialog>
  );
}
