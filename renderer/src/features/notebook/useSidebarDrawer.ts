/**
 * The sidebar as a drawer on narrow windows (layout.css decides the width): the top
 * bar's "Meetings" button opens it and the focus moves into it; Escape, the button
 * again, or choosing a meeting closes it, and the focus goes back to the button.
 * On wide windows the sidebar is always shown and this state changes nothing.
 */
import { useCallback, useEffect, useState, type KeyboardEvent } from 'react';

/** The drawer's state and what the sidebar and its button need from it. */
export interface SidebarDrawer {
  open: boolean;
  toggle: () => void;
  /** Closes the drawer; `returnFocus` gives the focus back to the drawer button. */
  close: (returnFocus?: boolean) => void;
  /** For the sidebar element: its class names and its Escape key. */
  sidebar: {
    id: string;
    className: string;
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
  };
}

/** Keeps the drawer of the sidebar with the id `id`. */
export function useSidebarDrawer(id: string): SidebarDrawer {
  const [open, setOpen] = useState(false);

  const close = useCallback(
    (returnFocus = false) => {
      setOpen(false);
      if (returnFocus) document.querySelector<HTMLElement>(`[aria-controls="${id}"]`)?.focus();
    },
    [id],
  );

  useEffect(() => {
    if (!open) return;
    // The first control in the drawer takes the focus, as a menu's first item does.
    document.getElementById(id)?.querySelector<HTMLElement>('button, a[href], input')?.focus();
  }, [open, id]);

  return {
    open,
    toggle: () => setOpen((was) => !was),
    close,
    sidebar: {
      id,
      className: `sidebar${open ? ' sidebar--open' : ''}`,
      onKeyDown: (event) => {
        if (event.key !== 'Escape' || !open) return;
        event.preventDefault();
        close(true);
      },
    },
  };
}
