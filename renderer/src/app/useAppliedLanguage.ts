/**
 * Shows Hearth's words in the member's language: their choice in Settings, or the
 * system's (desktop: the languages main reports; browser mode: `navigator.languages`).
 * Keeps `<html lang>` in step so screen readers speak it correctly.
 */
import { useEffect, useState } from 'react';
import type { Language, Settings } from '../../../shared/ipc/contract';
import { chooseLanguage } from '../../../shared/i18n/language';
import { hearth } from '../lib/hearthApi';
import { switchLanguage } from '../i18n';

/** The system's preferred languages, as the page learns them. */
export async function systemLanguages(): Promise<readonly string[]> {
  try {
    const info = await hearth.app.info();
    if (info.systemLanguages !== undefined && info.systemLanguages.length > 0) {
      return info.systemLanguages;
    }
  } catch {
    // Browser mode's languages are the page's own.
  }
  return navigator.languages;
}

/** The system's preferred languages (they also name its region: `es-MX`). */
export function useSystemLanguages(): readonly string[] {
  const [system, setSystem] = useState<readonly string[]>(navigator.languages);
  useEffect(() => {
    let live = true;
    void systemLanguages().then((found) => {
      if (live) setSystem(found);
    });
    return () => {
      live = false;
    };
  }, []);
  return system;
}

/** Switches the page's language when the setting (or the system) says so. */
export function useAppliedLanguage(settings: Settings | null): Language {
  const system = useSystemLanguages();
  const language = chooseLanguage(settings?.language ?? 'system', system);
  useEffect(() => {
    // Also sets <html lang>, once the words are there to match it.
    void switchLanguage(language);
  }, [language]);
  return language;
}
