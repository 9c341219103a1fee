/**
 * The circle screen's dialogs as one state: at most one is open at a time (each is
 * modal), and opening one names it instead of flipping one of seven booleans.
 */
import { useCallback, useState } from 'react';
import type { CircleTool } from '../circle-tools/CircleToolsMenu';

/** A dialog of the circle screen (a tool's dialog by its tool; restore is the app's). */
export type CircleDialog =
  | 'new-meeting'
  | 'settings'
  | 'new-circle'
  | 'invite'
  | 'door'
  | 'about'
  | Exclude<CircleTool, 'restore'>;

/** Which dialog is open, and the ways to open and close it. */
export interface CircleDialogs {
  open: CircleDialog | null;
  show: (dialog: CircleDialog) => void;
  close: () => void;
  /** True while `dialog` is the open one. */
  isOpen: (dialog: CircleDialog) => boolean;
}

/** Keeps which of the circle screen's dialogs is open. */
export function useCircleDialogs(): CircleDialogs {
  const [open, setOpen] = useState<CircleDialog | null>(null);
  const show = useCallback((dialog: CircleDialog) => setOpen(dialog), []);
  const close = useCallback(() => setOpen(null), []);
  const isOpen = useCallback((dialog: CircleDialog) => open === dialog, [open]);
  return { open, show, close, isOpen };
}
