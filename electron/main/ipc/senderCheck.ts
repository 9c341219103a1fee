/**
 * Who may call the IPC contract: only the main frame of a window Hearth created, showing
 * Hearth's own page. Anything else (a subframe, a frame that has navigated or gone, a
 * web contents Hearth did not make, another URL) is refused before arguments are read.
 */
import type { AppPage } from '../appPage';

/** The parts of an IPC event the check reads; Electron's `IpcMainInvokeEvent` has them. */
export interface InvokeEvent {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** Whether a sender may call, and if not, why (for main's log, never for the renderer). */
export type SenderVerdict = { trusted: true } | { trusted: false; reason: string };

/** Decides whether an IPC event comes from the app's own page. */
export type SenderCheck = (event: InvokeEvent) => SenderVerdict;

/** What the check needs to know about the running app. */
export interface SenderCheckOptions {
  appPage: AppPage;
  /** True for the id of a web contents belonging to a window Hearth created. */
  isOwnWebContents: (webContentsId: number) => boolean;
}

/** Builds the sender check used by every IPC handler. */
export function createSenderCheck({ appPage, isOwnWebContents }: SenderCheckOptions): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    if (frame === null) return refuse('the sending frame has navigated away or been destroyed');
    if (frame.parent !== null) return refuse('the request came from a subframe');
    if (!isOwnWebContents(event.sender.id)) {
      return refuse('the request came from a web contents Hearth did not create');
    }
    if (!appPage.isOwnPage(frame.url))
      return refuse('the sending frame is not showing the app page');
    return { trusted: true };
  };
}

function refuse(reason: string): SenderVerdict {
  return { trusted: false, reason };
}
