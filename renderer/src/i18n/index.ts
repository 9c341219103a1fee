/**
 * i18next setup. Every string a member reads comes from resources/locales (the main
 * process reads the same files for menus and dialogs). English is in the page's own
 * code, since it fills any gap; another language is a chunk of its own, fetched before
 * the first screen when it is the member's (so the page is drawn in it from the start)
 * or when the member switches to it. English-speaking laptops never read it.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../shared/ipc/contract';
import en from '../../../resources/locales/en.json';

export { LANGUAGES };

type Strings = typeof en;

// One loader per language besides English; a file added to LANGUAGES needs its line.
const LOADERS: Record<Exclude<Language, 'en'>, () => Promise<{ default: unknown }>> = {
  es: () => import('../../../resources/locales/es.json'),
};

/** Loads `language`'s strings into i18next unless they are there already. */
export async function loadLanguage(language: Language): Promise<void> {
  if (language === 'en' || i18next.hasResourceBundle(language, 'translation')) return;
  const strings = (await LOADERS[language]()).default as Strings;
  i18next.addResourceBundle(language, 'translation', strings);
}

/** Initialises i18next once, before the first render, in `language`. */
export async function initI18n(language: Language = 'en'): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en } },
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  await switchLanguage(language);
}

/**
 * Shows the page in `language`, fetching its strings first. Should they not come (the
 * browser-mode host has gone), the page stays in the language it shows.
 */
export async function switchLanguage(language: Language): Promise<void> {
  try {
    await loadLanguage(language);
  } catch {
    return;
  }
  if (i18next.language !== language) await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
