/**
 * Requests that reach the desktop itself: the system clipboard and the camera. In
 * Electron, main writes the clipboard (the page holds no clipboard permission: see
 * electron/main/security.ts) and opens the camera permission only while the QR reader is
 * open. Browser mode has neither (the page writes the clipboard itself, and the browser
 * asks for the camera): the requests are refused as unavailable there.
 */
import type { InvokeHandlers } from '../../../shared/ipc/contract';
import { HearthError } from '../../../shared/ipc/errors';
import { logger } from '../../../shared/log';

const log = logger('desktop');

/** The slice of Electron's `clipboard` Hearth uses. */
export interface SystemClipboard {
  writeText(text: string): void;
}

/** Tells the permission rules whether the QR reader is open (./../cameraGate.ts). */
export interface CameraGate {
  setReaderOpen(open: boolean): void;
}

/** The clipboard and camera requests. */
export function desktopHandlers(options: {
  clipboard?: SystemClipboard;
  cameraGate?: CameraGate;
}): Pick<InvokeHandlers, 'hearth:clipboard:write' | 'hearth:camera:reader'> {
  return {
    'hearth:clipboard:write': (text) => {
      if (options.clipboard === undefined) {
        return Promise.reject(new HearthError('not-found', 'There is no system clipboard here.'));
      }
      options.clipboard.writeText(text);
      // Never the text: it is usually an invite, which holds the circle key.
      log.info('copied to the clipboard', { characters: text.length });
      return Promise.resolve();
    },
    'hearth:camera:reader': (open) => {
      options.cameraGate?.setReaderOpen(open);
      return Promise.resolve();
    },
  };
}
