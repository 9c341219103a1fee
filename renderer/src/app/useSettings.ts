/** The member's preferences, loaded from this laptop and saved on change. */
import { useCallback, useEffect, useState } from 'react';
import type { Settings } from '../../../shared/ipc/contract';
import { hearth } from '../lib/hearthApi';

/** Settings and a function that saves a change to them. */
export interface SettingsState {
  settings: Settings | null;
  error: unknown;
  update: (patch: Partial<Settings>) => Promise<void>;
}

/** Loads the settings once and keeps them in step with what was last saved. */
export function useSettings(): SettingsState {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    hearth.settings.get().then(
      (loaded) => {
        if (live) setSettings(loaded);
      },
      (failure: unknown) => {
        if (live) setError(failure);
      },
    );
    return () => {
      live = false;
    };
  }, []);

  const update = useCallback(async (patch: Partial<Settings>) => {
    // Show the change at once; the saved copy replaces it when the store answers.
    setSettings((current) => (current === null ? current : { ...current, ...patch }));
    setSettings(await hearth.settings.update(patch));
  }, []);

  return { settings, error, update };
}
