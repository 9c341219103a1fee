/**
 * i18next setup. Every string a member reads comes from resources/locales (the main
 * process reads the same files for menus and dialogs). Both languages are bundled, so
 * switching needs no network; English fills any gap.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../shared/ipc/contract';
import en from '../../../resources/locales/en.json';
import es from '../../../resources/locales/es.json';

export { LANGUAGES };

/** Initialises i18next once, before the first render, in `language`. */
export async function initI18n(language: Language = 'en'): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, es: { translation: es } },
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
}
