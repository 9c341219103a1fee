/**
 * i18next setup. Every string a member reads comes from resources/locales; English is
 * bundled, and the language follows the system's preference when a translation exists.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../../resources/locales/en.json';

/** The languages Hearth ships. */
export const LANGUAGES = ['en'] as const;

/** Initialises i18next once, before the first render. */
export async function initI18n(): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en } },
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}
