/**
 * App-wide commands. In the desktop app they come from the native menu (which owns
 * the shortcuts); in browser mode the same shortcuts are read from the keyboard here,
 * except those the browser keeps for itself (Ctrl+N opens a window), which get
 * an alternative.
 */
import { useEffect, useRef } from 'react';
import type { MenuCommand } from '../../../shared/ipc/contract';
import { hearth, isDesktop } from '../lib/hearthApi';

/** What to do for each command. */
export type AppCommandHandlers = Record<MenuCommand, () => void>;

const inElectron = isDesktop;

/** Maps a key press to a command, in browser mode. */
export function commandForKey(event: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}): MenuCommand | null {
  const mod = event.ctrlKey || event.metaKey;
  if (!mod || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (event.shiftKey && key === 'm') return 'new-meeting';
  if (event.shiftKey && key === 'e') return 'new-entry';
  if (event.shiftKey && key === 'l') return 'toggle-theme';
  if (!event.shiftKey && key === ',') return 'open-settings';
  if (!event.shiftKey && key === 'f') return 'focus-search';
  return null;
}

/** Runs the handlers for menu commands and, in browser mode, their shortcuts. */
export function useAppCommands(handlers: AppCommandHandlers): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    const unsubscribe = hearth.events.onMenuCommand((command) => latest.current[command]());
    const onKeyDown = (event: KeyboardEvent): void => {
      if (inElectron || event.defaultPrevented) return;
      const command = commandForKey(event);
      if (command === null) return;
      // Inside an entry's editor Ctrl+F stays the browser's own find, which searches the
      // meeting as it is shown; anywhere else it opens Hearth's search.
      if (command === 'focus-search' && inEditor(event.target)) return;
      event.preventDefault();
      latest.current[command]();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      unsubscribe();
      window.removeEventListener('keydown', onKeyDown);
    };
  }, []);
}

function inEditor(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('[contenteditable="true"]') !== null;
}
