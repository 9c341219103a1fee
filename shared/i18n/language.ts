/**
 * Which of Hearth's languages to show. The member's choice wins; with `system`, the first
 * of the system's preferred languages (desktop: `app.getPreferredSystemLanguages()`;
 * browser mode: `navigator.languages`) that Hearth has, matched by its primary subtag
 * (`es-MX` → `es`); English when none matches.
 */
import { LANGUAGES, type Language, type LanguagePreference } from '../ipc/contract';

/** The language Hearth falls back to. */
export const DEFAULT_LANGUAGE: Language = 'en';

function isLanguage(code: string): code is Language {
  return (LANGUAGES as readonly string[]).includes(code);
}

/** The language to show for `preference`, given the system's languages in order. */
export function chooseLanguage(
  preference: LanguagePreference,
  systemLanguages: readonly string[],
): Language {
  if (preference !== 'system') return preference;
  for (const tag of systemLanguages) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
    if (isLanguage(primary)) return primary;
  }
  return DEFAULT_LANGUAGE;
}
