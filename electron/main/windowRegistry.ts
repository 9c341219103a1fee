/**
 * The windows Hearth created. The IPC sender check trusts only their web contents, events
 * go only to them, and a second launch focuses the first of them.
 */

/** The slice of a BrowserWindow the registry uses. */
export interface TrackedWindow {
  readonly webContents: { readonly id: number };
  once(event: 'closed', listener: () => void): unknown;
}

/** Hearth's open windows. */
export interface WindowRegistry<W extends TrackedWindow> {
  /** Starts trusting `window` until it closes. */
  track(window: W): W;
  /** True when `webContentsId` belongs to an open window Hearth created. */
  ownsWebContents(webContentsId: number): boolean;
  /** The open windows, oldest first. */
  all(): W[];
}

/** An empty registry. */
export function createWindowRegistry<W extends TrackedWindow>(): WindowRegistry<W> {
  const windows = new Map<number, W>();
  return {
    track(window) {
      // Read the id now: a closed window's web contents can no longer be asked.
      const id = window.webContents.id;
      windows.set(id, window);
      window.once('closed', () => windows.delete(id));
      return window;
    },
    ownsWebContents: (webContentsId) => windows.has(webContentsId),
    all: () => [...windows.values()],
  };
}
