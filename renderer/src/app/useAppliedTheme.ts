/**
 * Applies the theme and text size to the page. "system" follows the operating
 * system's light or dark preference, live, as it changes.
 */
import { useEffect, useState } from 'react';
import type { Settings, ThemePreference } from '../../../shared/ipc/contract';

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** The theme actually shown for a preference. */
export function resolveTheme(preference: ThemePreference, systemIsDark: boolean): 'light' | 'dark' {
  if (preference === 'system') return systemIsDark ? 'dark' : 'light';
  return preference;
}

/** Keeps `<html data-theme data-text-size>` in step with the settings; returns the shown theme. */
export function useAppliedTheme(settings: Settings | null): 'light' | 'dark' {
  const [systemIsDark, setSystemIsDark] = useState(() => window.matchMedia(DARK_QUERY).matches);

  useEffect(() => {
    const query = window.matchMedia(DARK_QUERY);
    const onChange = (): void => setSystemIsDark(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);

  const theme = resolveTheme(settings?.theme ?? 'system', systemIsDark);
  const textSize = settings?.textSize ?? 'regular';
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.dataset.textSize = textSize;
  }, [theme, textSize]);
  return theme;
}
