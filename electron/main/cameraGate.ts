/**
 * Whether the QR reader is open on Hearth's page: the one time the page may use the
 * camera (electron/main/security.ts grants video to the app page only while this says
 * so). The page opens and closes it over IPC (`hearth:camera:reader`); if the page never
 * says it closed (it crashed, it was reloaded), the gate shuts by itself after
 * `maxOpenMs`, so the camera is never left allowed.
 */

/** The gate the permission rules ask, and the page opens and closes. */
export interface CameraGate {
  /** The reader opened (true) or closed (false). */
  setReaderOpen(open: boolean): void;
  /** True while the reader is open (and not for longer than allowed). */
  allows(): boolean;
}

/** A reader left open longer than this is taken to be gone. */
export const CAMERA_READER_MAX_OPEN_MS = 10 * 60_000;

/** Makes a closed gate. */
export function createCameraGate(
  options: { now?: () => number; maxOpenMs?: number } = {},
): CameraGate {
  const now = options.now ?? Date.now;
  const maxOpenMs = options.maxOpenMs ?? CAMERA_READER_MAX_OPEN_MS;
  let openedAt: number | null = null;
  return {
    setReaderOpen: (open) => {
      openedAt = open ? now() : null;
    },
    allows: () => openedAt !== null && now() - openedAt < maxOpenMs,
  };
}
